// Feeds a captured stack to running policy packs exactly as the engine does in a preview:
// Configure, ConfigureStack, Analyze once per resource with its inputs, then AnalyzeStack once with
// every resource's outputs and its parent, dependency and property-dependency links.
import type * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { type StructureInput } from "../../../policies/lib/wire";
import { type AnalyzerSdk } from "../capture/sdk";
import { type CapturedResource, type CapturedStack } from "../capture/types";
import { ROOT_STACK_TYPE } from "../capture/urn";
import { type JsonObject, type JsonValue, SIG, SPECIAL_SIG_KEY, UNKNOWN_SENTINEL } from "../capture/values";
import { type PolicyConfigInput, reconcilePolicyConfig } from "./config";
import { type AnalyzerPack } from "./pack";
import { type Diagnostic, type PackInfo, type PolicyConfigEntry } from "./types";

export interface PackRequest {
  pack: AnalyzerPack;
  /** The user's --policy-pack-config for this pack, if any. */
  config?: PolicyConfigInput;
  /** Where the config came from, for error messages. */
  configSource?: string;
}

/** A (policy, resource) pair a pack evaluated, for JUnit-style reporting. */
export interface PolicyCheck {
  policyPack: string;
  policy: string;
  urn: string;
}

export interface PackAnalysis {
  info: PackInfo;
  dir: string;
  config: Record<string, PolicyConfigEntry>;
  diagnostics: Array<Diagnostic & { phase: "resource" | "stack" }>;
  checks: PolicyCheck[];
  /** Remediations the pack applied before analysis (remediate-level policies). */
  remediations: Array<{ policy: string; urn: string; diagnostic: string }>;
  analysisMs: number;
}

export interface AnalyzeOptions {
  stackTags?: Record<string, string>;
  /** How many Analyze calls may be in flight at once per pack. */
  concurrency?: number;
}

/**
 * One resource as the engine presents it to analyzers (program resources plus default providers):
 * the one description of that shape, also used by the benchmark's and the fuzz harness's stacks.
 */
export interface AnalyzedResource {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  /** What Analyze receives (wire form: unknowns are the sentinel, secrets are wrapped). */
  inputs: JsonObject;
  /** What AnalyzeStack receives: inputs plus the outputs the engine knows. */
  outputs: JsonObject;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  providerUrn?: string;
  options?: CapturedResource["options"];
  /** False for resources only AnalyzeStack sees (reads). Default true. */
  analyzeEach?: boolean;
}

/**
 * The engine marshals analyzer properties without resource references: a reference to a custom
 * resource becomes its ID (unknown in a first preview), to a component its URN.
 */
function downgradeResourceRefs(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(downgradeResourceRefs);
  if (typeof value !== "object" || value === null) return value;
  if (value[SPECIAL_SIG_KEY] === SIG.resourceReference) {
    if ("id" in value) return value.id === "" || value.id === null ? UNKNOWN_SENTINEL : downgradeResourceRefs(value.id);
    return value.urn ?? null;
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = downgradeResourceRefs(v);
  return out;
}

/**
 * The engine marshals analyzer properties with top-level internal keys ("__provider", "__internal",
 * …) skipped (pkg/resource/plugin/analyzer_plugin.go, MarshalOptions.SkipInternalKeys).
 */
function withoutInternalKeys(props: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith("__")));
}

const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/**
 * A provider resource's inputs as the engine stores them: the plugin version the SDK registered it
 * with is added as `version` (pkg/resource/deploy/source_eval.go, providers.SetProviderVersion); its
 * download URL goes under `__internal`, which analyzers never see.
 */
function providerInputs(r: CapturedResource, inputs: JsonObject): JsonObject {
  if (!r.type.startsWith(PROVIDER_TYPE_PREFIX) || !r.options.version) return inputs;
  return { ...inputs, version: r.options.version };
}

function providerUrnOf(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const cut = ref.lastIndexOf("::");
  return cut > 0 ? ref.slice(0, cut) : ref;
}

/** The structure inputs a pack's rules declare (policies/lib/wire.ts), over all its enabled policies. */
export function structureInputsOf(info: PackInfo, config: Record<string, PolicyConfigEntry> = {}): StructureInput[] {
  return info.policies.filter((p) => config[p.name]?.enforcementLevel !== "disabled").flatMap((p) => p.rule?.structureInputs ?? []);
}

/**
 * A wholly unknown property replaced by its structure rendering (capture/probe.ts), when the pack
 * accepts one for it. Offline only: the engine always sends the unknown.
 */
function withStructure(props: JsonObject, renderings: Record<string, string> | undefined, type: string, accepted: readonly StructureInput[]): JsonObject {
  if (!renderings) return props;
  let out = props;
  for (const [property, rendering] of Object.entries(renderings)) {
    if (props[property] !== UNKNOWN_SENTINEL || !accepted.some((a) => a.type === type && a.property === property)) continue;
    out = { ...out, [property]: rendering };
  }
  return out;
}

/**
 * `accepted`: the properties the pack accepts as structure renderings (none by default: the
 * resources exactly as the engine presents them).
 */
export function analyzedResources(stack: CapturedStack, accepted: readonly StructureInput[] = []): AnalyzedResource[] {
  const out: AnalyzedResource[] = [];
  const defaults = Object.values(stack.defaultProviders).map<AnalyzedResource>((p) => ({
    urn: p.urn,
    type: p.type,
    name: p.name,
    inputs: withoutInternalKeys(p.inputs),
    outputs: withoutInternalKeys(p.inputs),
    dependencies: [],
    propertyDependencies: {},
    analyzeEach: true,
  }));
  for (const r of stack.resources) {
    // Like the engine: a read resource (`Resource.get`) is never analyzed. Its read step calls no
    // analyzer (pulumi/pulumi pkg/resource/deploy/step_generator.go GenerateReadSteps), and the step
    // executor keeps its state in `reads`, not in `news` (step_executor.go), while AnalyzeStack is
    // built from `news` only (step_generator.go AnalyzeResources). Links to it are dropped, as
    // @pulumi/policy drops links to URNs it was not given.
    if (r.operation === "read") continue;
    const pkg = r.type.split(":")[0];
    const renderings = accepted.length > 0 ? stack.structureRenderings?.[r.urn] : undefined;
    const defaultProvider = r.custom && !r.provider && r.operation === "register" ? stack.defaultProviders[pkg] : undefined;
    out.push({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs: withStructure(withoutInternalKeys(providerInputs(r, downgradeResourceRefs(r.wireInputs) as JsonObject)), renderings, r.type, accepted),
      // A remote component (awsx, eks) is opaque offline: the engine would show the policies its
      // children, which only its provider plugin can build. Its inputs, under any outputs the
      // fixtures supply, are the best description of it a rule can get here.
      outputs: withStructure(
        withoutInternalKeys(providerInputs(r, downgradeResourceRefs(r.remote ? { ...r.wireInputs, ...r.wireOutputs } : r.wireOutputs) as JsonObject)),
        renderings,
        r.type,
        accepted,
      ),
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      providerUrn: providerUrnOf(r.provider) ?? defaultProvider?.urn,
      options: r.options,
      analyzeEach: r.operation === "register",
    });
    // Default providers come right after the root stack, as the engine registers them on first use.
    if (r.type === ROOT_STACK_TYPE && !r.parent) out.push(...defaults);
  }
  if (!stack.resources.some((r) => r.type === ROOT_STACK_TYPE)) out.push(...defaults);
  return out;
}

function buildOptions(proto: AnalyzerSdk["analyzerproto"], r: AnalyzedResource): analyzerproto.AnalyzerResourceOptions {
  const options = new proto.AnalyzerResourceOptions();
  const o = r.options;
  options.setProtect(o?.protect ?? false);
  options.setIgnorechangesList(o?.ignoreChanges ?? []);
  options.setDeletebeforereplace(o?.deleteBeforeReplace ?? false);
  options.setDeletebeforereplacedefined(o?.deleteBeforeReplaceDefined ?? false);
  options.setAdditionalsecretoutputsList(o?.additionalSecretOutputs ?? []);
  // The engine sends only the alias that matched a resource of the previous deployment
  // (step_generator.go: the new state's Aliases); a new stack has no previous deployment.
  options.setAliasesList([]);
  const timeouts = new proto.AnalyzerResourceOptions.CustomTimeouts();
  timeouts.setCreate(o?.customTimeouts.create ?? 0);
  timeouts.setUpdate(o?.customTimeouts.update ?? 0);
  timeouts.setDelete(o?.customTimeouts.delete ?? 0);
  options.setCustomtimeouts(timeouts);
  if (r.parent) options.setParent(r.parent);
  return options;
}

type StructInput = Parameters<AnalyzerSdk["Struct"]["fromJavaScript"]>[0];

function buildProvider(sdk: AnalyzerSdk, byUrn: ReadonlyMap<string, AnalyzedResource>, r: AnalyzedResource): analyzerproto.AnalyzerProviderResource | undefined {
  const provider = r.providerUrn ? byUrn.get(r.providerUrn) : undefined;
  if (!provider) return undefined;
  const message = new sdk.analyzerproto.AnalyzerProviderResource();
  message.setUrn(provider.urn);
  message.setType(provider.type);
  message.setName(provider.name);
  message.setProperties(sdk.Struct.fromJavaScript(provider.inputs as StructInput));
  return message;
}

/** The Analyze request for one resource, as the engine builds it. */
export function analyzeRequest(sdk: AnalyzerSdk, byUrn: ReadonlyMap<string, AnalyzedResource>, r: AnalyzedResource): analyzerproto.AnalyzeRequest {
  const req = new sdk.analyzerproto.AnalyzeRequest();
  req.setUrn(r.urn);
  req.setType(r.type);
  req.setName(r.name);
  req.setProperties(sdk.Struct.fromJavaScript(r.inputs as StructInput));
  req.setOptions(buildOptions(sdk.analyzerproto, r));
  const provider = buildProvider(sdk, byUrn, r);
  if (provider) req.setProvider(provider);
  return req;
}

/** The AnalyzeStack request over every resource, as the engine builds it. */
export function analyzeStackRequest(
  sdk: AnalyzerSdk,
  resources: readonly AnalyzedResource[],
  byUrn: ReadonlyMap<string, AnalyzedResource> = new Map(resources.map((r) => [r.urn, r])),
): analyzerproto.AnalyzeStackRequest {
  const proto = sdk.analyzerproto;
  const request = new proto.AnalyzeStackRequest();
  request.setResourcesList(
    resources.map((r) => {
      const message = new proto.AnalyzerResource();
      message.setUrn(r.urn);
      message.setType(r.type);
      message.setName(r.name);
      message.setProperties(sdk.Struct.fromJavaScript(r.outputs as StructInput));
      message.setOptions(buildOptions(proto, r));
      const provider = buildProvider(sdk, byUrn, r);
      if (provider) message.setProvider(provider);
      if (r.parent) message.setParent(r.parent);
      message.setDependenciesList(r.dependencies);
      const deps = message.getPropertydependenciesMap();
      for (const [key, urns] of Object.entries(r.propertyDependencies)) {
        // The engine sends a property's dependencies only when it has some (analyzer_plugin.go AnalyzeStack).
        if (urns.length === 0) continue;
        const entry = new proto.AnalyzerPropertyDependencies();
        entry.setUrnsList(urns);
        deps.set(key, entry);
      }
      return message;
    }),
  );
  return request;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

export async function analyzeWithPack(stack: CapturedStack, request: PackRequest, options: AnalyzeOptions = {}): Promise<PackAnalysis> {
  const { pack } = request;
  const sdk = pack.proto;
  const started = Date.now();
  // The engine's order (pkg/resource/plugin/analyzer_plugin.go NewPolicyAnalyzer, then
  // pkg/engine/update.go): ConfigureStack, GetAnalyzerInfo, then Configure with the config reconciled
  // against the levels that answer advertised (which may depend on the stack, as faultguard-aws's do).
  await pack.configureStack({
    project: stack.project,
    stack: stack.stack,
    organization: stack.organization,
    tags: options.stackTags ?? {},
    config: stack.config,
    secretKeys: [],
  });
  const info = await pack.getAnalyzerInfo();
  const config = reconcilePolicyConfig(info, request.config, request.configSource);
  await pack.configure(config);

  const resources = analyzedResources(stack, structureInputsOf(pack.info, config));
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const enabled = (name: string): boolean => config[name]?.enforcementLevel !== "disabled";
  const resourcePolicies = info.policies.filter((p) => p.policyType !== "stack" && enabled(p.name)).map((p) => p.name);
  const stackPolicies = info.policies.filter((p) => p.policyType === "stack" && enabled(p.name)).map((p) => p.name);
  const checks: PolicyCheck[] = [];
  const diagnostics: PackAnalysis["diagnostics"] = [];
  const remediating = Object.values(config).some((c) => c.enforcementLevel === "remediate");
  const remediations: PackAnalysis["remediations"] = [];

  const perResource = await mapLimit(
    resources.filter((r) => r.analyzeEach !== false),
    options.concurrency ?? 8,
    async (r) => {
      const req = analyzeRequest(sdk, byUrn, r);
      if (remediating) {
        // Like the engine: remediations run first and their properties are what gets analyzed.
        for (const remediation of await pack.remediate(req)) {
          if (remediation.properties) {
            r.inputs = remediation.properties;
            r.outputs = { ...r.outputs, ...remediation.properties };
            req.setProperties(sdk.Struct.fromJavaScript(r.inputs as StructInput));
          }
          remediations.push({ policy: remediation.policyName, urn: r.urn, diagnostic: remediation.diagnostic });
        }
      }
      return { r, result: await pack.analyze(req) };
    },
  );
  for (const { r, result } of perResource) {
    const notApplicable = new Set(result.notApplicable);
    for (const policy of resourcePolicies) if (!notApplicable.has(policy)) checks.push({ policyPack: info.name, policy, urn: r.urn });
    // Like the engine (analyze_snapshot.go analyzeResource): every Analyze diagnostic belongs to the
    // analyzed resource, whatever URN the policy passed.
    for (const d of result.diagnostics) diagnostics.push({ ...d, urn: r.urn, phase: "resource" });
  }

  const stackRequest = analyzeStackRequest(sdk, resources, byUrn);
  const stackResult = await pack.analyzeStack(stackRequest);
  const notApplicable = new Set(stackResult.notApplicable);
  for (const policy of stackPolicies) if (!notApplicable.has(policy)) checks.push({ policyPack: info.name, policy, urn: stack.stackUrn });
  for (const d of stackResult.diagnostics) {
    // Like the engine: a stack diagnostic without a URN of this stack belongs to the root stack.
    diagnostics.push({ ...d, urn: d.urn && byUrn.has(d.urn) ? d.urn : stack.stackUrn, phase: "stack" });
  }
  return { info, dir: pack.dir, config, diagnostics, checks, remediations, analysisMs: Date.now() - started };
}
