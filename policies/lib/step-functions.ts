// Amazon States Language: the one walker over a state machine definition's states, for every rule
// that judges Task states (timeouts, retries, catches, …).
import { isRecord, isUnknown } from "./values";

/** How deep Parallel branches and Map processors may nest before the walk stops (a guard against
 *  adversarial documents; real workflows stay in single digits). */
export const MAX_STATE_NESTING = 32;

/** One level of a state's position: the state's name, and how the walk entered the level below. */
export interface StateStep {
    name: string;
    /** Set on every step but the last: the Parallel branch index, or the Map processor key. */
    into?: { branch: number } | { processor: "ItemProcessor" | "Iterator" };
}

export interface TaskState {
    /** From the top-level state down to the task itself. */
    steps: readonly StateStep[];
    state: Record<string, unknown>;
}

/** Every Task state of a `States` object, including those inside Parallel branches and Map
 *  item processors / (legacy) iterators, in document order. */
export function taskStatesOf(states: unknown): TaskState[] {
    const out: TaskState[] = [];
    walk(states, [], out, 0);
    return out;
}

function walk(states: unknown, above: readonly StateStep[], out: TaskState[], depth: number): void {
    if (!isRecord(states) || depth > MAX_STATE_NESTING) {
        return;
    }
    for (const [name, state] of Object.entries(states)) {
        if (!isRecord(state)) {
            continue;
        }
        if (state["Type"] === "Task") {
            out.push({ steps: [...above, { name }], state });
        } else if (state["Type"] === "Parallel" && Array.isArray(state["Branches"])) {
            state["Branches"].forEach((branch, i) => isRecord(branch) && walk(branch["States"], [...above, { name, into: { branch: i } }], out, depth + 1));
        } else if (state["Type"] === "Map") {
            for (const processor of ["ItemProcessor", "Iterator"] as const) {
                const inner = state[processor];
                if (isRecord(inner)) {
                    walk(inner["States"], [...above, { name, into: { processor } }], out, depth + 1);
                }
            }
        }
    }
}

/**
 * Where the state graph itself is unknown, or undefined when every state, its `Type` and every
 * nested level (Parallel branches, Map processors and their `States`) is known. A definition judged
 * by its structure (some leaves unknown, see JsonRead `partial`) is only judged when this is
 * undefined: otherwise a Task state could hide behind an unknown value.
 */
export function unknownStructure(states: unknown): string | undefined {
    return findUnknown(states, "States", 0);
}

function findUnknown(states: unknown, at: string, depth: number): string | undefined {
    if (isUnknown(states)) {
        return at;
    }
    if (!isRecord(states) || depth > MAX_STATE_NESTING) {
        return undefined;
    }
    for (const [name, state] of Object.entries(states)) {
        const here = `${at === "States" ? "" : `${at}.`}${name}`;
        if (isUnknown(state) || (isRecord(state) && isUnknown(state["Type"]))) {
            return here;
        }
        if (!isRecord(state)) {
            continue;
        }
        if (state["Type"] === "Parallel") {
            const branches = state["Branches"];
            if (isUnknown(branches)) {
                return `${here}.Branches`;
            }
            for (const [i, branch] of (Array.isArray(branches) ? branches : []).entries()) {
                const inner = isUnknown(branch) ? `${here}.Branches[${i}]` : isRecord(branch) ? findUnknown(branch["States"], `${here}.Branches[${i}]`, depth + 1) : undefined;
                if (inner !== undefined) {
                    return inner;
                }
            }
        } else if (state["Type"] === "Map") {
            for (const processor of ["ItemProcessor", "Iterator"] as const) {
                const sub = state[processor];
                const inner = isUnknown(sub) ? `${here}.${processor}` : isRecord(sub) ? findUnknown(sub["States"], `${here}.${processor}`, depth + 1) : undefined;
                if (inner !== undefined) {
                    return inner;
                }
            }
        }
    }
    return undefined;
}

/** A task's position in dotted form, as the console's JSON paths read: `Fanout.Branches[0].Charge`. */
export function dottedPath(task: TaskState): string {
    return task.steps
        .map((s) => (s.into === undefined ? s.name : "branch" in s.into ? `${s.name}.Branches[${s.into.branch}]` : `${s.name}.${s.into.processor}`))
        .join(".");
}

/** A task's position as the workflow graph nests it: `Fanout[0] › Charge` (Map levels add no mark). */
export function nestedPath(task: TaskState): string {
    return task.steps.map((s) => (s.into !== undefined && "branch" in s.into ? `${s.name}[${s.into.branch}]` : s.name)).join(" › ");
}
