// Errors the CLI reports as one paragraph and exit code 2 (the program, a pack or the usage failed;
// exit code 1 is reserved for "mandatory policy violations").

export class FaultguardError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags, arguments, config files. */
export class UsageError extends FaultguardError {}

/** The Pulumi program threw, timed out, or called a provider function nobody can answer. */
export class ProgramFailedError extends FaultguardError {}

/** A policy pack failed to start, answered badly, or timed out. */
export class PolicyPackError extends FaultguardError {}

/** Policy configuration that the pack's schemas reject. */
export class PolicyConfigError extends FaultguardError {}

/** Where a time limit came from: `--timeout` (one value for every stage) or the stage's own default. */
export type TimeLimitSource = "--timeout" | "default";

/**
 * What every timeout error says in its parenthesis: which limit ran out, the value in force, and
 * the flag that changes it (a loaded CI machine may only need more time).
 */
export function timeLimitNote(stage: string, limitMs: number, source: TimeLimitSource = "default"): string {
  const seconds = limitMs / 1000;
  const inForce = source === "--timeout" ? `the ${stage} limit, --timeout ${seconds}` : `the default ${stage} limit, ${seconds} s, as no --timeout was given`;
  return `${inForce}; if the machine is only slow, give a larger --timeout SECONDS`;
}

/**
 * Pulumi's promise-leak report ("The Pulumi runtime detected that N promises were still active …",
 * runtime/debuggable.js), printed at exit after an earlier failure left registrations pending. It
 * blames the program for the consequence of that failure, so it is never what we show as the cause.
 */
const PULUMI_LEAK_REPORT = /(?:^|\n)The Pulumi runtime detected that \d+ promises? (?:was|were) still active[\s\S]*?(?:leaked promises\.|$)/;

/** `text` without Pulumi's promise-leak report (for forwarding a program's stderr). */
export function withoutLeakReport(text: string): string {
  return text.replace(PULUMI_LEAK_REPORT, "");
}

/** The number of operations Pulumi's promise-leak report in `text` says were still pending, if it has one. */
export function leakedPromiseCount(text: string): number | undefined {
  const match = /The Pulumi runtime detected that (\d+) promises? (?:was|were) still active/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** A line that states an error (Node's "TypeError: …", "Error: Cannot find module …", a CLI's "error: …"). */
const ERROR_LINE = /^\s*(?:[A-Z][A-Za-z]*Error(?: \[[A-Z_]+\])?:|Error:|error:|Uncaught |Cannot find module )/;

/** The first line in `text` that states an error, if any. */
export function firstErrorLine(text: string): string | undefined {
  return text
    .replace(PULUMI_LEAK_REPORT, "")
    .split("\n")
    .find((line) => ERROR_LINE.test(line))
    ?.trim();
}

/**
 * Trims a child's stderr to its last lines, for inclusion in a one-paragraph error, keeping the
 * line that says why it failed (the first error line) even when it is further up than the tail,
 * and leaving out Pulumi's promise-leak report.
 */
export function tail(text: string, maxLines = 20): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\u001b\[[0-9;]*m/g, "").replace(PULUMI_LEAK_REPORT, "").trimEnd();
  const lines = clean.split("\n");
  const shown = lines.slice(-maxLines);
  if (lines.length <= maxLines) return shown.join("\n");
  const cause = firstErrorLine(clean);
  const causeShown = cause !== undefined && shown.some((line) => line.trim() === cause);
  return [...(cause !== undefined && !causeShown ? [cause] : []), "…", ...shown].join("\n");
}

/**
 * The first stack frame that belongs to the user's program (inside `programDir`, outside any
 * node_modules), so an error points at their line, not at the SDK's.
 */
export function userFrame(stack: string | undefined, programDir: string): string | undefined {
  if (!stack) return undefined;
  for (const line of stack.split("\n")) {
    const frame = line.trim();
    if (!frame.startsWith("at ")) continue;
    if (frame.includes(programDir) && !frame.includes("node_modules")) return frame;
  }
  return undefined;
}
