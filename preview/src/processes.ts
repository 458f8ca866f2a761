// Every child process faultguard starts is registered here, so that it is ended however we end:
// normally, on an error, on a timeout, on Ctrl-C (SIGINT) or SIGTERM, or at process exit.
import { type ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous; kill() is.
  process.on("exit", killAllChildren);
}

export function trackChild(child: ChildProcess): ChildProcess {
  installExitHook();
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** Ends one child: SIGTERM, then SIGKILL if it is still there after `graceMs`. Resolves when it is gone. */
export function endChild(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    timer.unref();
    child.once("exit", () => {
      clearTimeout(timer);
      live.delete(child);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export function killAllChildren(): void {
  for (const child of live) {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
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
