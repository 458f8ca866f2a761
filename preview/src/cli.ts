// faultguard CLI. Flags mirror `pulumi preview` so users learn nothing new.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { FaultguardError, UsageError } from "./errors";
import { installSignalHandlers } from "./processes";
import { DEFAULT_PACK_START_TIMEOUT_MS, DEFAULT_RPC_TIMEOUT_MS } from "./analyzer/pack";
import { DEFAULT_PROGRAM_TIMEOUT_MS } from "./capture/program";
import { DEFAULT_ANALYSIS_TIMEOUT_MS, runPreview } from "./preview";
import { renderHtml } from "./report/html";
import { renderJunit } from "./report/junit";
import { hasMandatoryViolations, type PreviewResult } from "./report/model";
import { renderSarif } from "./report/sarif";
import { renderText } from "./report/text";

/** An unseen stack is not a pass (issue 14): incomplete fails a CI job unless the user accepts it. */
// Issue 10's contract has three codes: 0 no mandatory violation, 1 mandatory violations, 2 anything else.
// An incomplete verdict is not green (issue 14), so it is "anything else" unless the user picks its own code.
export const INCOMPLETE_EXIT_CODE = 2;

export const USAGE = `Usage: faultguard preview [PROGRAM_DIR] [flags]

Runs a Pulumi program offline in preview mode (Pulumi's mock monitor) and evaluates it with
CrossGuard policy packs through the analyzer protocol, as \`pulumi preview --policy-pack\` would.

Flags:
  -s, --stack NAME               stack whose Pulumi.<NAME>.yaml config to use (default: the only one)
      --policy-pack DIR          policy pack directory; repeatable (default: this repository's policies/)
      --policy-pack-config FILE  JSON policy config for the --policy-pack at the same position; repeatable
  -c, --config KEY=VALUE         config override, e.g. aws:region=eu-west-1; repeatable
      --format FORMAT            text | json | sarif | junit | html (default: text; html: resilience matrix and diagram)
  -o, --output FILE              write the report to FILE instead of stdout
      --fixtures FILE            JSON/YAML answers for provider functions and remote component outputs
      --timeout SECONDS          one limit for the program run, each pack start, each RPC and the whole
                                 analysis (default: ${DEFAULT_PROGRAM_TIMEOUT_MS / 1000}, ${DEFAULT_PACK_START_TIMEOUT_MS / 1000}, ${DEFAULT_RPC_TIMEOUT_MS / 1000} and ${DEFAULT_ANALYSIS_TIMEOUT_MS / 1000} s)
      --pack-typecheck           type-check TypeScript packs on start like the engine (slower; default: transpile only)
      --incomplete-exit-code N   exit code when the verdict is incomplete (opaque components hide resources
                                 offline, no mandatory violation among the rest); default ${INCOMPLETE_EXIT_CODE}, 0 to accept
  -h, --help                     show this help

Exit codes: 0 no mandatory violation, 1 mandatory violations, 2 anything else: a usage error, a failed
program or pack, or an incomplete verdict (no mandatory violation among the resources seen, but opaque
components such as awsx or eks hide resources offline; give it its own code with --incomplete-exit-code).
`;

const FORMATS = ["text", "json", "sarif", "junit", "html"] as const;

type Format = (typeof FORMATS)[number];

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export function render(result: PreviewResult, format: Format, cwd: string): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(result.report, null, 2)}\n`;
    case "sarif":
      return `${JSON.stringify(renderSarif(result, cwd), null, 2)}\n`;
    case "junit":
      return renderJunit(result);
    case "html":
      return renderHtml(result);
    case "text":
      return renderText(result);
  }
}

/** Node timers hold at most 2^31-1 ms; a longer one fires at once (and would fail every child's start). */
export const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

function parseTimeout(text: string): number {
  const seconds = Number(text);
  if (text.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout ${JSON.stringify(text)}: give a positive number of seconds, e.g. --timeout 120.`);
  if (seconds > MAX_TIMEOUT_SECONDS) throw new UsageError(`--timeout ${JSON.stringify(text)}: at most ${MAX_TIMEOUT_SECONDS} seconds (about 24 days) is supported.`);
  return seconds * 1000;
}

/**
 * Checks that `file` can be written (folder exists, file or folder writable, not a directory) by
 * opening it for append, as the final write will; a file created by the check is removed again,
 * so a failing run leaves nothing behind.
 */
function checkOutputFile(file: string, given: string): string {
  const existed = fs.existsSync(file);
  try {
    fs.closeSync(fs.openSync(file, "a"));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? `the folder ${path.dirname(file)} does not exist` : code === "EISDIR" ? "it is a directory" : code === "EACCES" || code === "EPERM" || code === "EROFS" ? "it is not writable" : String(code ?? err);
    throw new UsageError(`--output ${given}: cannot write the report there (${why}); choose a writable file path.`);
  }
  if (!existed) fs.rmSync(file, { force: true });
  return file;
}

function parseExitCode(text: string): number {
  const code = Number(text);
  if (!/^\d+$/.test(text.trim()) || code > 255) throw new UsageError(`--incomplete-exit-code ${JSON.stringify(text)}: give an exit code from 0 to 255, e.g. --incomplete-exit-code 3.`);
  return code;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        stack: { type: "string", short: "s" },
        "policy-pack": { type: "string", multiple: true },
        "policy-pack-config": { type: "string", multiple: true },
        config: { type: "string", short: "c", multiple: true },
        format: { type: "string", default: "text" },
        output: { type: "string", short: "o" },
        fixtures: { type: "string" },
        timeout: { type: "string" },
        "pack-typecheck": { type: "boolean" },
        "incomplete-exit-code": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    // parseArgs names the offending flag in its message ("Unknown option '--foo'").
    throw new UsageError(`${(err as Error).message.split(". ")[0]}. Run "faultguard preview --help" for the flags.`);
  }
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() }): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    const [command, programDir, ...extra] = positionals;
    if (command !== "preview") {
      throw new UsageError(command === undefined ? `Missing command. ${USAGE.split("\n")[0]}` : `Unknown command "${command}"; the only command is "preview".`);
    }
    if (extra.length > 0) throw new UsageError(`Unexpected argument${extra.length > 1 ? "s" : ""} ${extra.map((e) => JSON.stringify(e)).join(", ")}; PROGRAM_DIR is the only positional argument.`);
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format ${JSON.stringify(values.format)}: use one of ${FORMATS.join(", ")}.`);
    const timeoutMs = values.timeout === undefined ? undefined : parseTimeout(values.timeout);
    const incompleteExitCode = values["incomplete-exit-code"] === undefined ? INCOMPLETE_EXIT_CODE : parseExitCode(values["incomplete-exit-code"]);
    const resolve = (p: string): string => path.resolve(io.cwd, p);
    // A report that cannot be written must stop the run before any work, not lose its result after.
    const output = values.output === undefined ? undefined : checkOutputFile(resolve(values.output), values.output);
    const result = await runPreview({
      programDir: resolve(programDir ?? "."),
      stack: values.stack,
      policyPacks: values["policy-pack"]?.map(resolve),
      policyPackConfigs: values["policy-pack-config"]?.map(resolve),
      config: values.config,
      fixturesFile: values.fixtures ? resolve(values.fixtures) : undefined,
      timeoutMs,
      packTypeCheck: values["pack-typecheck"],
      onProgramOutput: io.stderr,
    });
    const text = render(result, format, io.cwd);
    if (output) {
      try {
        fs.writeFileSync(output, text);
      } catch (err) {
        throw new UsageError(`--output ${values.output}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
      }
      const s = result.report.summary;
      io.stderr(`faultguard preview: wrote ${format} report to ${values.output} (${s.mandatory} mandatory, ${s.advisory} advisory, ${s.exempted} exempted)\n`);
    } else {
      io.stdout(text);
    }
    // A mandatory rule that crashed leaves the verdict unknown: a failed run, not a pass or a violation.
    const crashed = result.report.ruleErrors.filter((f) => f.enforcementLevel === "mandatory" || f.enforcementLevel === "remediate");
    if (crashed.length > 0) {
      io.stderr(
        `faultguard preview: error: ${crashed.length} mandatory ${crashed.length === 1 ? "rule" : "rules"} crashed (${[...new Set(crashed.map((f) => f.policy))].join(", ")}); the verdict is incomplete. See "Rule errors" in the report; fix the rule, or set its level to advisory in --policy-pack-config to let the run pass.\n`,
      );
      return 2;
    }
    if (hasMandatoryViolations(result.report)) return 1;
    return result.report.verdict === "incomplete" ? incompleteExitCode : 0;
  } catch (err) {
    if (err instanceof FaultguardError) {
      io.stderr(`faultguard preview: error: ${err.message}\n`);
      return err.exitCode;
    }
    const detail = process.env.FAULTGUARD_DEBUG && err instanceof Error ? `\n${err.stack}` : "";
    io.stderr(`faultguard preview: internal error: ${err instanceof Error ? err.message : String(err)}${detail}\n`);
    return 2;
  }
}

/** Entry point for the bin shim. */
export function run(): void {
  installSignalHandlers();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
