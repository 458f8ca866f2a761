// `faultguard preview` end to end: validate inputs, run the program (child process) while the policy
// packs start, analyze, and build the report. Every pack process is ended before this returns.
import * as fs from "node:fs";
import * as path from "node:path";
import { analyzeWithPack, structureInputsOf, type PackAnalysis } from "./analyzer/analyze";
import { loadPolicyConfigFile, type PolicyConfigInput } from "./analyzer/config";
import { checkPackDir, DEFAULT_PACK_START_TIMEOUT_MS, DEFAULT_RPC_TIMEOUT_MS, PolicyPackProcess } from "./analyzer/pack";
import { loadFixtures } from "./capture/fixtures";
import { addStructureRenderings } from "./capture/probe";
import { captureProgram, type CaptureProgramOptions, DEFAULT_PROGRAM_TIMEOUT_MS } from "./capture/program";
import { OFFLINE_ORGANIZATION } from "./capture/types";
import { PolicyPackError, timeLimitNote, type TimeLimitSource, UsageError } from "./errors";
import { applyConfigOverrides, chooseStack, loadProject, loadStackConfig, stackTagsOf } from "./project";
import { buildPreviewResult, buildReport, type PreviewResult } from "./report/model";
import { redactPreviewResult } from "./report/redact";
import { assessStack } from "./report/resilience";

/** The whole analysis phase (every Analyze and AnalyzeStack of every pack), on top of per-RPC deadlines. */
export const DEFAULT_ANALYSIS_TIMEOUT_MS = 300_000;

/** The faultguard-aws pack: the installed package (a dependency of the CLI), or this repository's policies/. */
export const DEFAULT_POLICY_PACK_DIR = defaultPolicyPackDir();

function defaultPolicyPackDir(): string {
  try {
    return path.dirname(require.resolve("faultguard-aws/package.json"));
  } catch {
    return path.resolve(__dirname, "..", "..", "policies");
  }
}

export interface PreviewOptions {
  programDir: string;
  stack?: string;
  /** Policy pack directories (default: this repository's policies/). */
  policyPacks?: string[];
  /** --policy-pack-config files, paired by position with policyPacks, as in `pulumi preview`. */
  policyPackConfigs?: string[];
  /** --config KEY=VALUE overrides. */
  config?: string[];
  fixturesFile?: string;
  /** One limit for the program run, each pack start and each RPC; defaults differ per stage otherwise. */
  timeoutMs?: number;
  /** Type-check TypeScript packs on start, as the engine does (slower). */
  packTypeCheck?: boolean;
  /** Called with the program's own output (default: our stderr). */
  onProgramOutput?: (text: string) => void;
}

function programEntryFile(main: string): string | undefined {
  if (fs.existsSync(main) && fs.statSync(main).isFile()) return main;
  for (const candidate of [`${main}.ts`, `${main}.js`, path.join(main, "index.ts"), path.join(main, "index.js")]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export async function runPreview(options: PreviewOptions): Promise<PreviewResult> {
  const started = Date.now();
  // Everything that can be wrong with the inputs is checked before any process starts.
  const project = loadProject(options.programDir);
  const stackName = chooseStack(project, options.stack);
  const stackConfig = loadStackConfig(project, stackName);
  const stackTags = stackTagsOf(project, stackConfig.config);
  const packDirs = (options.policyPacks?.length ? options.policyPacks : [DEFAULT_POLICY_PACK_DIR]).map(checkPackDir);
  const configFiles = options.policyPackConfigs ?? [];
  if (configFiles.length > packDirs.length) {
    throw new UsageError(
      `${configFiles.length} --policy-pack-config files for ${packDirs.length} --policy-pack ${packDirs.length === 1 ? "directory" : "directories"}; each config file pairs with the --policy-pack at the same position.`,
    );
  }
  const packConfigs: Array<{ config?: PolicyConfigInput; source?: string }> = packDirs.map((_, i) =>
    configFiles[i] ? { config: loadPolicyConfigFile(configFiles[i]), source: configFiles[i] } : {},
  );
  const fixtures = options.fixturesFile ? loadFixtures(options.fixturesFile) : undefined;

  // The program runs while the packs start; the first failure cancels the rest and is the one reported.
  const abort = new AbortController();
  let firstError: unknown;
  const failFast = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((err: unknown) => {
      if (!abort.signal.aborted) {
        firstError = err;
        abort.abort();
      }
      throw err;
    });
  const timeoutSource: TimeLimitSource = options.timeoutMs === undefined ? "default" : "--timeout";
  const startOptions = {
    startTimeoutMs: options.timeoutMs ?? DEFAULT_PACK_START_TIMEOUT_MS,
    rpcTimeoutMs: options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS,
    timeoutSource,
    signal: abort.signal,
    typeCheck: options.packTypeCheck,
    // The same identity and config the program runs with (and ConfigureStack sends).
    stack: { project: project.name, stack: stackName, organization: OFFLINE_ORGANIZATION, config: applyConfigOverrides(project, stackConfig, options.config ?? []).config },
  };
  const packStarts = packDirs.map((dir) => failFast(PolicyPackProcess.start(dir, startOptions)));
  const programStarted = Date.now();
  const captureOptions: CaptureProgramOptions = {
    stack: stackName,
    config: options.config,
    fixtures,
    timeoutMs: options.timeoutMs ?? DEFAULT_PROGRAM_TIMEOUT_MS,
    timeoutSource,
    onOutput: options.onProgramOutput,
    signal: abort.signal,
  };
  const capture = failFast(captureProgram(project.dir, captureOptions).then((c) => ({ ...c, wallMs: Date.now() - programStarted })));

  const [captureResult, ...packResults] = await Promise.allSettled([capture, ...packStarts]);
  const packs = packResults.filter((r): r is PromiseFulfilledResult<PolicyPackProcess> => r.status === "fulfilled").map((r) => r.value);
  try {
    if (firstError !== undefined) throw firstError;
    const captured = captureResult.status === "fulfilled" ? captureResult.value : await capture;
    const { stack } = captured;
    // Documents built from unknown IDs, judged by their structure (capture/probe.ts). The program's
    // output was shown once already.
    const probeMs = await addStructureRenderings(
      stack,
      packs.flatMap((p) => structureInputsOf(p.info)),
      async () => (await captureProgram(project.dir, { ...captureOptions, onOutput: () => undefined, probeUnknowns: true })).stack,
    );
    const analysisStarted = Date.now();
    const analysisLimitMs = options.timeoutMs ?? DEFAULT_ANALYSIS_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const analyses: PackAnalysis[] = await Promise.race([
      Promise.all(packs.map((pack, i) => analyzeWithPack(stack, { pack, config: packConfigs[i].config, configSource: packConfigs[i].source }, { stackTags }))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new PolicyPackError(`Policy analysis of ${stack.resources.length} resources did not finish within ${analysisLimitMs / 1000} s (${timeLimitNote("policy analysis", analysisLimitMs, timeoutSource)}); the packs were ended.`)),
          analysisLimitMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    const built = buildReport(stack, analyses, {
      programMs: captured.wallMs,
      packStartMs: Math.max(0, ...packs.map((p) => p.startMs)),
      analysisMs: Date.now() - analysisStarted,
      totalMs: Date.now() - started,
    });
    if (probeMs !== undefined) built.timings.structureProbeMs = probeMs;
    const resilience = assessStack(stack, analyses, stackTags);
    if (resilience) {
      built.resilience = resilience.assessment;
      built.timings.resilienceMs = resilience.ms;
    }
    // No secret value, nor any part of one, reaches any format or section (whatever the packs wrote).
    return redactPreviewResult(buildPreviewResult(stack, analyses, built, programEntryFile(project.main)), stack);
  } finally {
    await Promise.all(packs.map((p) => p.close()));
  }
}
