// Runs a Pulumi program from disk in a child process (isolation, timeout, killable), with the
// project's name, main, stack config and runtime options, against the program's own @pulumi/pulumi.
import { fork } from "node:child_process";
import * as path from "node:path";
import { firstErrorLine, leakedPromiseCount, ProgramFailedError, tail, timeLimitNote, type TimeLimitSource, userFrame, withoutLeakReport } from "../errors";
import { endChild, PARENT_WATCH_PRELOAD, trackChild } from "../processes";
import { applyConfigOverrides, loadProject, loadStackConfig, type PulumiProject } from "../project";
import { explainEnvironmentFailure } from "./failure-hints";
import { ended, ProgramOutput } from "./output";
import { type CaptureSettings } from "./run";
import { resolveSdkRoot } from "./sdk";
import { checkSdkVersion, SUPPORTED_SDK_RANGE } from "./sdk-compat";
import { type CapturedStack, type InvokeFixtures } from "./types";

export const DEFAULT_PROGRAM_TIMEOUT_MS = 120_000;
/** How long the program's output may still arrive after its process group has ended. */
const OUTPUT_DRAIN_MS = 5_000;

export interface ChildRequest {
  programDir: string;
  main: string;
  typescript: boolean;
  settings: CaptureSettings;
}

export type ChildReply =
  | { type: "result"; stack: CapturedStack }
  | { type: "error"; kind: "program" | "invoke"; message: string; stack?: string; name?: string };

export interface CaptureProgramOptions {
  stack: string;
  /** `--config KEY=VALUE` overrides. */
  config?: string[];
  fixtures?: InvokeFixtures;
  timeoutMs?: number;
  /** Whether timeoutMs came from `--timeout` (for the timeout error; default: the default). */
  timeoutSource?: TimeLimitSource;
  organization?: string;
  /** Where the program's own stdout/stderr go (default: our stderr, so stdout stays machine-readable). */
  onOutput?: (text: string) => void;
  /** Stops the run (and the child) early, e.g. because a policy pack already failed. */
  signal?: AbortSignal;
  /** Run as the probe of probe.ts (structure renderings), not as the preview's own run. */
  probeUnknowns?: boolean;
}

export interface CapturedProgram {
  project: PulumiProject;
  stack: CapturedStack;
}

const CHILD_ENTRY = path.join(__dirname, "child-entry.js");

/**
 * Whose failure a program error is: the program's (it threw from its own code or a library it
 * uses) or faultguard's (it threw inside faultguard's capture code, e.g. an SDK it cannot drive).
 * Only the first is the user's to fix, so only then does the message say so.
 */
function blamesFaultguard(stack: string | undefined): boolean {
  const firstFrame = stack?.split("\n").find((line) => line.trim().startsWith("at "));
  return firstFrame !== undefined && firstFrame.includes(__dirname);
}

function programError(project: PulumiProject, stack: string, reply: Extract<ChildReply, { type: "error" }>): ProgramFailedError {
  if (reply.kind === "invoke") return new ProgramFailedError(reply.message);
  const notTheProgram = explainEnvironmentFailure(reply.message, { programDir: project.dir, stack });
  if (notTheProgram) return new ProgramFailedError(notTheProgram);
  const frame = userFrame(reply.stack, project.dir);
  const where = frame ? ` (${frame.replace(/^at /, "at ")})` : "";
  const kind = reply.name && reply.name !== "Error" ? `${reply.name}: ` : "";
  if (!frame && blamesFaultguard(reply.stack)) {
    const origin = reply.stack?.split("\n").find((line) => line.trim().startsWith("at "))?.trim() ?? "";
    return new ProgramFailedError(
      `faultguard failed while running the Pulumi program in ${project.dir}: ${kind}${reply.message} (${origin}). This is a faultguard problem, not one in your program; please report it with this message.`,
    );
  }
  return new ProgramFailedError(`The Pulumi program in ${project.dir} failed: ${kind}${reply.message}${where}. Fix the program and run again.`);
}

/** The message for a child that exited without replying: the first error it printed leads. */
function exitedEarlyError(project: PulumiProject, how: string, stderr: string): ProgramFailedError {
  const cause = firstErrorLine(stderr);
  const shown = tail(stderr);
  const pending = leakedPromiseCount(stderr);
  if (cause === undefined && pending !== undefined) {
    // Pulumi's leak report alone blames the program; say what is known instead.
    return new ProgramFailedError(
      `The Pulumi program in ${project.dir} exited (${how}) without finishing: the Pulumi SDK still had ${pending} operations pending and no error was printed. ` +
        `Either the program waits for something that never completes, or faultguard cannot drive this @pulumi/pulumi (supported: ${SUPPORTED_SDK_RANGE}). ` +
        `Run again with PULUMI_DEBUG_PROMISE_LEAKS=1 to list the pending operations.${shown ? ` Its stderr:\n${shown}` : ""}`,
    );
  }
  return new ProgramFailedError(`The Pulumi program in ${project.dir} exited (${how}) without finishing${cause ? `: ${cause}` : "."}${shown ? ` Its stderr:\n${shown}` : ""}`);
}

export async function captureProgram(dir: string, options: CaptureProgramOptions): Promise<CapturedProgram> {
  const project = loadProject(dir);
  checkSdkVersion(resolveSdkRoot(project.dir), project.dir);
  const stackConfig = applyConfigOverrides(project, loadStackConfig(project, options.stack), options.config ?? []);
  const request: ChildRequest = {
    programDir: project.dir,
    main: project.main,
    typescript: project.typescript,
    settings: {
      project: project.name,
      stack: options.stack,
      organization: options.organization,
      config: stackConfig.config,
      secretKeys: stackConfig.secretKeys,
      fixtures: options.fixtures,
      ...(options.probeUnknowns ? { probeUnknowns: true } : {}),
    },
  };
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROGRAM_TIMEOUT_MS;
  const output = options.onOutput ?? ((text: string) => process.stderr.write(text));
  const child = trackChild(
    // The program directory as an argument only labels the process (ps) for operators and tests.
    // Detached: the program leads its own process group, so whatever it starts is ended with it.
    fork(CHILD_ENTRY, [project.dir], {
      cwd: project.dir,
      execArgv: [...project.nodeargs, "-r", PARENT_WATCH_PRELOAD],
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, PULUMI_NODEJS_PROJECT: project.name, PULUMI_NODEJS_STACK: options.stack, PULUMI_NODEJS_DRY_RUN: "true" },
    }),
    { group: true },
  );
  let stderr = "";
  const programOutput = new ProgramOutput(output);
  child.stdout?.on("data", (chunk: Buffer) => programOutput.write(chunk));
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-64 * 1024);
    const text = withoutLeakReport(chunk.toString());
    if (text) programOutput.write(Buffer.from(text));
  });

  try {
    const reply = await new Promise<ChildReply>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ProgramFailedError(`The Pulumi program in ${project.dir} did not finish within ${timeoutMs / 1000} s (${timeLimitNote("program run", timeoutMs, options.timeoutSource)}); it was stopped.`)),
        timeoutMs,
      );
      child.once("message", (message: ChildReply) => {
        clearTimeout(timer);
        resolve(message);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        // A reply may still be in flight when the child exits right after sending it.
        setImmediate(() =>
          reject(exitedEarlyError(project, signal ?? `code ${code}`, stderr)),
        );
      });
      child.once("error", (err) => {
        clearTimeout(timer);
        reject(new ProgramFailedError(`Could not start the Pulumi program in ${project.dir}: ${err.message}`));
      });
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new ProgramFailedError(`The Pulumi program run was cancelled.`));
      };
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      child.send(request);
    });
    if (reply.type === "error") throw programError(project, options.stack, reply);
    return { project, stack: reply.stack };
  } finally {
    await endChild(child);
    // Everything the program wrote is read before going on; a helper that escaped the group may
    // still hold our end of the pipes open, so after a while let go of them.
    await Promise.all([ended(child.stdout, OUTPUT_DRAIN_MS), ended(child.stderr, OUTPUT_DRAIN_MS)]);
    child.stdout?.destroy();
    child.stderr?.destroy();
    programOutput.finish();
  }
}
