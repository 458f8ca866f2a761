/**
 * analyzeInline — run a Pulumi program function through a real CrossGuard pack, in tests.
 *
 *   import { analyzeInline, violationsOf } from "../support/analyze";
 *   const report = await analyzeInline(() => { new aws.sqs.Queue("q", {}); }, {
 *     packDir,                 // default: <repo>/policies
 *     policyConfig: { "sqs-dead-letter-queue": "mandatory" },   // the --policy-pack-config format
 *     config: { "aws:region": "eu-west-1", "proj:tier": "prod" }, // stack config
 *     stackTags: { owner: "team" },
 *     fixtures: { invokes: { "aws:ec2/getVpc:getVpc": { id: "vpc-1" } } },
 *   });
 *   assert.deepEqual(violationsOf(report, "sqs-dead-letter-queue").map((v) => v.name), ["q"]);
 *
 * The program runs in-process in preview mode (captureInline: URNs, unknowns, dependencies as the
 * engine has them) against this repository's @pulumi/pulumi. The requests are the ones the CLI
 * sends (analyzeWithPack). The repository's pack answers them in-process (InProcessPack: the
 * `@pulumi/policy` handlers, fed the requests re-parsed from bytes), unless `inProcess: false` or
 * FAULTGUARD_TEST_PACK_PROCESS=1; any other pack directory, and those cases, run as the engine runs
 * a pack (cmd/run-policy-pack, gRPC). One pack per directory is started lazily on first use and
 * shared by every test of the mocha run (it is re-Configured per call); pack processes are ended by
 * the root `afterAll` hook of test/support/register.js (after the run, or after each file when mocha
 * runs files in parallel workers) and, failing that, when the test process exits. Calls are serialised.
 */
import * as path from "node:path";
import { analyzeWithPack, structureInputsOf } from "../../preview/src/analyzer/analyze";
import { type PolicyConfigInput } from "../../preview/src/analyzer/config";
import { type AnalyzerPack, PolicyPackProcess } from "../../preview/src/analyzer/pack";
import { captureInline, type CaptureInlineOptions } from "../../preview/src/capture/inline";
import { addStructureRenderings } from "../../preview/src/capture/probe";
import { type CapturedStack } from "../../preview/src/capture/types";
import { InProcessPack } from "./in-process-pack";
import { buildPreviewResult, buildReport, type ExemptedFinding, type Finding, type PreviewResult, type Report } from "../../preview/src/report/model";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const DEFAULT_PACK_DIR = path.join(REPO_ROOT, "policies");

export interface AnalyzeInlineOptions extends CaptureInlineOptions {
  /** Policy pack directory (default: <repo>/policies). */
  packDir?: string;
  /**
   * Serve the repository's pack in this process (default true; FAULTGUARD_TEST_PACK_PROCESS=1
   * turns it off for the whole run). false: through a pack process over gRPC, as the CLI does.
   */
  inProcess?: boolean;
  /** Policy config in the `--policy-pack-config` file format. */
  policyConfig?: PolicyConfigInput;
  stackTags?: Record<string, string>;
  /**
   * As `faultguard preview` does: run the program a second time as the probe of
   * preview/src/capture/probe.ts and send the pack structure renderings it accepts (default false:
   * exactly what the engine sends).
   */
  structure?: boolean;
}

export interface InlineAnalysis {
  report: Report;
  result: PreviewResult;
  stack: CapturedStack;
}

const packs = new Map<string, Promise<PolicyPackProcess>>();

/** The shared pack process for `packDir`, started on first use. */
export async function sharedPack(packDir: string = DEFAULT_PACK_DIR): Promise<PolicyPackProcess> {
  const dir = path.resolve(packDir);
  let pack = packs.get(dir);
  // A pack that crashed in an earlier test is replaced, so one failure does not cascade.
  if (pack && !(await pack.catch(() => undefined))?.alive) {
    packs.delete(dir);
    pack = undefined;
  }
  if (!pack) {
    // Packs type-check on start (as under the engine); a large pack on a slow CI box needs time.
    pack = PolicyPackProcess.start(dir, { startTimeoutMs: 180_000 });
    packs.set(dir, pack);
    // A pack that failed to start is not cached: the next test gets a fresh attempt and error.
    pack.catch(() => packs.delete(dir));
  }
  return pack;
}

export async function closeSharedPacks(): Promise<void> {
  const all = [...packs.values()];
  packs.clear();
  await Promise.all(all.map((p) => p.then((pack) => pack.close()).catch(() => undefined)));
}


let queue: Promise<unknown> = Promise.resolve();

/** The pack that answers for `options`: in-process for the repository's pack, else a process. */
function packFor(options: AnalyzeInlineOptions): Promise<AnalyzerPack> {
  const dir = path.resolve(options.packDir ?? DEFAULT_PACK_DIR);
  const inProcess = (options.inProcess ?? true) && process.env.FAULTGUARD_TEST_PACK_PROCESS !== "1" && dir === DEFAULT_PACK_DIR;
  return inProcess ? InProcessPack.load(dir) : sharedPack(dir);
}

export function analyzeInlineDetailed(program: () => unknown, options: AnalyzeInlineOptions = {}): Promise<InlineAnalysis> {
  const run = async (): Promise<InlineAnalysis> => {
    const started = Date.now();
    const pack = await packFor(options);
    const stack = await captureInline(program, { ...options, probeUnknowns: false });
    if (options.structure) await addStructureRenderings(stack, structureInputsOf(pack.info), () => captureInline(program, { ...options, probeUnknowns: true }));
    const analysis = await analyzeWithPack(stack, { pack, config: options.policyConfig, configSource: "policyConfig" }, { stackTags: options.stackTags });
    const report = buildReport(stack, [analysis], { programMs: stack.durationMs, packStartMs: 0, analysisMs: analysis.analysisMs, totalMs: Date.now() - started });
    return { report, result: buildPreviewResult(stack, [analysis], report), stack };
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

export async function analyzeInline(program: () => unknown, options: AnalyzeInlineOptions = {}): Promise<Report> {
  return (await analyzeInlineDetailed(program, options)).report;
}

/** Violations (mandatory and advisory, not exempted or not-evaluated) of one policy. */
export function violationsOf(report: Report, policy: string): Finding[] {
  return report.violations.filter((v) => v.policy === policy);
}

/** Findings of one policy that could not be evaluated (unknown values during preview). */
export function notEvaluatedOf(report: Report, policy: string): Finding[] {
  return report.notEvaluated.filter((v) => v.policy === policy);
}

/** Exempted findings of one policy. */
export function exemptedOf(report: Report, policy: string): ExemptedFinding[] {
  return report.exempted.filter((v) => v.policy === policy);
}
