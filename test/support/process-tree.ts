// The process tree from /proc, for tests that check that nothing faultguard started is left behind.
import * as fs from "node:fs";

/** Parent PID of every process, from /proc. */
export function parentsByPid(): Map<number, number> {
    const out = new Map<number, number>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            // Field 4 (ppid) follows the parenthesised command name.
            out.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
        } catch {
            // exited while we looked
        }
    }
    return out;
}

export function descendantsOf(root: number): number[] {
    const parents = parentsByPid();
    const found: number[] = [];
    const frontier = [root];
    while (frontier.length > 0) {
        const pid = frontier.pop()!;
        for (const [child, parent] of parents) {
            if (parent === pid && !found.includes(child)) {
                found.push(child);
                frontier.push(child);
            }
        }
    }
    return found;
}

export function alive(pid: number): boolean {
    try {
        const state = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        // A zombie (Z) has exited; it only waits for its parent (or init) to reap it.
        return state.slice(state.lastIndexOf(")") + 2).split(" ")[0] !== "Z";
    } catch {
        return false;
    }
}

/** The command line of a process ("" once it is gone). */
export function commandLine(pid: number): string {
    try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    } catch {
        return "";
    }
}

/**
 * Waits up to `limitMs` for exiting processes to disappear, then lists those still alive. Returns as
 * soon as all are gone; the limit is generous because a loaded CI runner can take seconds to let a
 * signalled process run its exit path.
 */
export async function survivors(pids: number[], limitMs = 30_000): Promise<number[]> {
    for (let waited = 0; waited < limitMs && pids.some(alive); waited += 100) {
        await new Promise((r) => setTimeout(r, 100));
    }
    return pids.filter(alive);
}

/**
 * PIDs of the processes whose environment has `name=value`. Children inherit the environment, so a
 * test that sets a variable unique to itself finds every process it started, directly or not, even
 * after they were re-parented, and none that tests running in parallel started.
 */
export function processesWithEnv(name: string, value: string): number[] {
    const entry = `${name}=${value}`;
    const found: number[] = [];
    for (const pid of parentsByPid().keys()) {
        try {
            if (fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(entry) && alive(pid)) found.push(pid);
        } catch {
            // exited while we looked, or not ours to read
        }
    }
    return found;
}
