// Every child process faultguard starts is registered here, so that it is ended however we end:
// normally, on an error, on a timeout, on Ctrl-C (SIGINT) or SIGTERM, or at process exit.
import { type ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();
/** Children started as the leader of their own process group: ending them ends the whole group. */
const groupLeaders = new WeakSet<ChildProcess>();

/**
 * Preload (`node -r`) for every Node process faultguard starts: it ends the process (and its process
 * group, when it leads one) once faultguard is gone, even after a SIGKILL that ran no cleanup.
 */
export const PARENT_WATCH_PRELOAD = require.resolve("./parent-watch.js");

/** Sends `signal` to the child, or to its whole process group when it leads one. */
function signalChild(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (groupLeaders.has(child) && child.pid !== undefined) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous; kill() is.
  process.on("exit", killAllChildren);
}

/**
 * Registers a child so it is ended however we end. `group`: the child was started `detached` (it
 * leads its own process group), so everything it starts is ended with it.
 */
export function trackChild(child: ChildProcess, options: { group?: boolean } = {}): ChildProcess {
  installExitHook();
  live.add(child);
  if (options.group) groupLeaders.add(child);
  // A group outlives its leader while members remain: those are ended with endChild.
  child.once("exit", () => {
    if (!groupLeaders.has(child)) live.delete(child);
  });
  return child;
}

/** Ends one child: SIGTERM, then SIGKILL if it is still there after `graceMs`. Resolves when it is gone. */
export function endChild(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone; whatever it started in its group is ended now.
    if (groupLeaders.has(child)) signalChild(child, "SIGKILL");
    live.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalChild(child, "SIGKILL"), graceMs);
    timer.unref();
    child.once("exit", () => {
      clearTimeout(timer);
      if (groupLeaders.has(child)) signalChild(child, "SIGKILL");
      live.delete(child);
      resolve();
    });
    signalChild(child, "SIGTERM");
  });
}

export function killAllChildren(): void {
  for (const child of live) signalChild(child, "SIGKILL");
  live.clear();
}

export function liveChildCount(): number {
  return live.size;
}

/** For the CLI: on Ctrl-C / SIGTERM, end every child, then exit with the conventional code. */
export function installSignalHandlers(): void {
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.once(signal, () => {
      killAllChildren();
      process.stderr.write(`faultguard: interrupted (${signal}); child processes ended.\n`);
      process.exit(code);
    });
  }
}
