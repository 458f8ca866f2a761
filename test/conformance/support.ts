// Runs a small program through a conformance pack the way `faultguard preview` does: the program is
// captured in preview mode (in-process), the pack is started as the engine's language host starts
// it (with the stack's identity and config in its environment), then Configure, ConfigureStack,
// Analyze per resource and AnalyzeStack over gRPC. Packs are ended by closeConformancePacks.
import * as path from "node:path";
import { analyzeWithPack, type PackAnalysis } from "../../preview/src/analyzer/analyze";
import { type PolicyConfigInput } from "../../preview/src/analyzer/config";
import { PolicyPackProcess } from "../../preview/src/analyzer/pack";
import { captureInline } from "../../preview/src/capture/inline";
import { namespaceConfig } from "../../preview/src/capture/run";
import { type CapturedStack, OFFLINE_ORGANIZATION } from "../../preview/src/capture/types";
import { buildReport, type Report } from "../../preview/src/report/model";

export const CONFORMANCE_PACKS = path.join(__dirname, "packs");

export interface ConformanceOptions {
  project?: string;
  stack?: string;
  /** Stack config: "proj:key", "aws:region" or bare keys (namespaced with the project). */
  config?: Record<string, string>;
  policyConfig?: PolicyConfigInput;
  stackTags?: Record<string, string>;
}

export interface ConformanceRun {
  stack: CapturedStack;
  analysis: PackAnalysis;
  report: Report;
}

/** Pack processes by pack and stack identity: a pack is re-Configured per run, as the engine may. */
const started = new Map<string, Promise<PolicyPackProcess>>();

export async function closeConformancePacks(): Promise<void> {
  const all = [...started.values()];
  started.clear();
  await Promise.all(all.map((p) => p.then((pack) => pack.close()).catch(() => undefined)));
}

/** Starts `pack` (once per stack identity) for the stack `options` describe and analyzes `program`. */
export async function runConformance(pack: string, program: () => unknown, options: ConformanceOptions = {}): Promise<ConformanceRun> {
  const project = options.project ?? "conformance";
  const stackName = options.stack ?? "dev";
  const config = namespaceConfig(project, options.config ?? {});
  const identity = { project, stack: stackName, organization: OFFLINE_ORGANIZATION, config };
  const key = JSON.stringify([pack, identity]);
  let starting = started.get(key);
  if (!starting) {
    starting = PolicyPackProcess.start(path.join(CONFORMANCE_PACKS, pack), { startTimeoutMs: 120_000, stack: identity });
    started.set(key, starting);
  }
  const process = await starting;
  const stack = await captureInline(program, { project, stack: stackName, config });
  const analysis = await analyzeWithPack(stack, { pack: process, config: options.policyConfig, configSource: "policyConfig" }, { stackTags: options.stackTags });
  const report = buildReport(stack, [analysis], { programMs: stack.durationMs, packStartMs: process.startMs, analysisMs: analysis.analysisMs });
  return { stack, analysis, report };
}

/** Only the named policies of the probe pack run. */
export function only(...policies: string[]): PolicyConfigInput {
  return { all: "disabled", ...Object.fromEntries(policies.map((p) => [p, "advisory"])) };
}
