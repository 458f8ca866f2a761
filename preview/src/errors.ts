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

/** Trims a child's stderr to its last lines, for inclusion in a one-paragraph error. */
export function tail(text: string, maxLines = 20): string {
  // eslint-disable-next-line no-control-regex
  const lines = text.replace(/\u001b\[[0-9;]*m/g, "").trimEnd().split("\n");
  const shown = lines.slice(-maxLines).join("\n");
  return lines.length > maxLines ? `…\n${shown}` : shown;
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
