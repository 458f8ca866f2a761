// Runs inside the child process started by captureProgram: puts the PROGRAM's own copy of
// @pulumi/pulumi into mock mode, runs the program as the language host would, and sends the
// captured stack (or the failure) back over IPC.
import { MissingInvokeAnswerError } from "./invokes";
import { type ChildReply, type ChildRequest } from "./program";
import { captureWithSdk, ProgramError } from "./run";
import { loadSdk, resolveSdkRoot } from "./sdk";

function reply(message: ChildReply): void {
  if (!process.send) throw new Error("faultguard capture child needs an IPC channel");
  process.send(message, () => process.exit(0));
}

function describe(err: unknown): ChildReply {
  if (err instanceof MissingInvokeAnswerError) return { type: "error", kind: "invoke", message: err.message };
  const cause = err instanceof ProgramError ? err.cause : err;
  if (cause instanceof Error) return { type: "error", kind: "program", message: cause.message, stack: cause.stack, name: cause.name };
  return { type: "error", kind: "program", message: String(cause) };
}

/** The language host's contract: require main; a function export is called; its result is the stack's outputs. */
function runMain(main: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported: unknown = require(main);
  return typeof exported === "function" ? (exported as () => unknown)() : exported;
}

/**
 * Resolves at the next `beforeExit`: the event loop has run out of work. Our listener is added on
 * the next tick so that it runs after the listeners present now (the language host's trick in
 * cmd/run/index.js, for @pulumi/aws's `beforeExit` handler that registers bucket notifications);
 * the immediate keeps the loop turning until it is in place.
 */
function eventLoopDrained(): Promise<void> {
  return new Promise((resolve) => {
    process.nextTick(() => {
      process.once("beforeExit", () => resolve());
      setImmediate(() => undefined);
    });
  });
}

/** Loads an ES-module program's entry with import() (esm.js); CommonJS programs are required. */
export type ImportMain = (main: string) => Promise<unknown>;

async function runEsmMain(main: string, importMain: ImportMain): Promise<unknown> {
  const exported = await importMain(main);
  return typeof exported === "function" ? (exported as () => unknown)() : exported;
}

export async function runChild(request: ChildRequest, importMain?: ImportMain): Promise<void> {
  // An error at any time before the reply, also after main returned, fails the run (as the host does).
  process.on("uncaughtException", (err) => reply(describe(err)));
  // The IPC channel must not keep the event loop alive, or it would never drain.
  process.channel?.unref();
  try {
    const sdk = loadSdk(resolveSdkRoot(request.programDir));
    const stack = await captureWithSdk(sdk, () => (importMain ? runEsmMain(request.main, importMain) : runMain(request.main)), request.settings, { eventLoopDrained });
    reply({ type: "result", stack });
  } catch (err) {
    reply(describe(err));
  }
}
