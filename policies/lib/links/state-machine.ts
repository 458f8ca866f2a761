// The Task states of a Step Functions definition (Amazon States Language), wherever they sit:
// top level, Parallel branches, Map iterators / item processors.
import { isRecord } from "../values";

export interface TaskState {
    /** Where the state sits, e.g. `Fanout.Branches[0].Charge`. */
    path: string;
    state: Record<string, unknown>;
}

/** Every Task state under a definition's `States` object. */
export function taskStates(states: unknown, prefix = "", out: TaskState[] = [], depth = 0): TaskState[] {
    if (!isRecord(states) || depth > 32) {
        return out;
    }
    for (const [name, state] of Object.entries(states)) {
        if (!isRecord(state)) {
            continue;
        }
        const path = prefix ? `${prefix}.${name}` : name;
        if (state["Type"] === "Task") {
            out.push({ path, state });
        } else if (state["Type"] === "Parallel" && Array.isArray(state["Branches"])) {
            state["Branches"].forEach((b, i) => isRecord(b) && taskStates(b["States"], `${path}.Branches[${i}]`, out, depth + 1));
        } else if (state["Type"] === "Map") {
            for (const key of ["ItemProcessor", "Iterator"]) {
                const sub = state[key];
                if (isRecord(sub)) {
                    taskStates(sub["States"], `${path}.${key}`, out, depth + 1);
                }
            }
        }
    }
    return out;
}
