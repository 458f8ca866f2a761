// A CrossGuard policy pack, started the way the Pulumi engine starts it:
//   node <@pulumi/pulumi>/cmd/run-policy-pack/index.js <engine-address> <pack-dir>   (cwd: the pack)
// The pack prints its gRPC port on stdout and then serves the pulumirpc.Analyzer service.
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as grpcModule from "@grpc/grpc-js";
import type * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { parse as parseYaml } from "yaml";
import { parseRuleTags } from "../../../policies/lib/wire";
import { loadAnalyzerSdk, resolveSdkRoot, type AnalyzerSdk } from "../capture/sdk";
import { type JsonObject } from "../capture/values";
import { PolicyPackError, tail, timeLimitNote, type TimeLimitSource, UsageError } from "../errors";
import { endChild, PARENT_WATCH_PRELOAD, trackChild } from "../processes";
import { type Diagnostic, type EnforcementLevel, type PackInfo, type PolicyConfigEntry, type PolicyMetadata, type Severity } from "./types";

// Room for a loaded 2-core CI runner: a TypeScript pack type-checked on start (as the engine does)
// took 11-17 s on an idle machine (bench/README.md); loaded, several times that. A healthy preview
// never waits for these: the pack starts while the program runs (its own default is also 120 s).
export const DEFAULT_PACK_START_TIMEOUT_MS = 120_000;
export const DEFAULT_RPC_TIMEOUT_MS = 120_000;
/** The pack only logs the engine address; nothing listens here, and nothing needs to. */
const UNUSED_ENGINE_ADDRESS = "127.0.0.1:1";
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;
const TRANSPILE_ONLY_PRELOAD = path.join(__dirname, "pack-transpile-only.js");

export interface AnalyzeResult {
  diagnostics: Diagnostic[];
  /** Policies that said they do not apply (type filter, notApplicable()). */
  notApplicable: string[];
}

export interface PackStartOptions {
  startTimeoutMs?: number;
  rpcTimeoutMs?: number;
  /** Whether the limits above came from `--timeout` (for the timeout errors; default: the defaults). */
  timeoutSource?: TimeLimitSource;
  /** Stops the start (and the process) early, e.g. because the program already failed. */
  signal?: AbortSignal;
  /**
   * Type-check the pack's TypeScript on start, exactly as the engine does (slow for packs that
   * import @pulumi/aws). Default false: transpile only (see pack-transpile-only.js).
   */
  typeCheck?: boolean;
  /**
   * The stack the pack analyzes. The engine's language host starts a pack only after
   * ConfigureStack, with the stack's identity and config in its environment, so a pack can read
   * `new pulumi.Config()`, `getProject()`, `getStack()` and `isDryRun()` (pulumi/pulumi
   * sdk/nodejs/cmd/pulumi-language-nodejs/main.go, RunPlugin with sdk/policy_proxy.go).
   */
  stack?: PackStackIdentity;
}

export interface PackStackIdentity {
  project: string;
  stack: string;
  organization: string;
  /** Namespaced keys ("proj:key") to the values the program sees, as ConfigureStack sends them. */
  config: Record<string, string>;
}

/** The environment the language host adds for a policy pack, each variable only when non-empty. */
export function packStackEnv(identity: PackStackIdentity | undefined): Record<string, string> {
  if (!identity) return {};
  const env: Record<string, string> = {
    PULUMI_NODEJS_ORGANIZATION: identity.organization,
    PULUMI_NODEJS_PROJECT: identity.project,
    PULUMI_NODEJS_STACK: identity.stack,
    // A preview: the engine passes ConfigureStack's dryRun.
    PULUMI_NODEJS_DRY_RUN: "true",
    PULUMI_CONFIG: JSON.stringify(identity.config),
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
}

type Unary<Req, Res> = (
  request: Req,
  metadata: grpcModule.Metadata,
  options: Partial<grpcModule.CallOptions>,
  callback: (error: grpcModule.ServiceError | null, response: Res) => void,
) => grpcModule.ClientUnaryCall;

const LEVELS: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const SEVERITIES: Record<number, Severity> = { 0: "", 1: "low", 2: "medium", 3: "high", 4: "critical" };

function levelToProto(level: EnforcementLevel): number {
  return Number(Object.entries(LEVELS).find(([, l]) => l === level)?.[0] ?? 0);
}

/** The `runtime` of a PulumiPolicy.yaml (a name, or `{ name, options }`); nodejs when it cannot be read. */
function packRuntime(manifest: string): string {
  let parsed: unknown;
  try {
    parsed = parseYaml(fs.readFileSync(manifest, "utf8"));
  } catch {
    return "nodejs"; // the pack's own start reports a broken manifest
  }
  const runtime = (parsed as { runtime?: unknown } | null)?.runtime;
  const name = typeof runtime === "object" && runtime !== null ? (runtime as { name?: unknown }).name : runtime;
  return typeof name === "string" && name.trim() !== "" ? name.trim() : "nodejs";
}

/** Validates that `dir` looks like a policy pack before anything is started. */
export function checkPackDir(dir: string): string {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
    throw new UsageError(`--policy-pack ${dir}: no such directory. Pass the folder that contains PulumiPolicy.yaml.`);
  }
  const manifest = path.join(abs, "PulumiPolicy.yaml");
  if (!fs.existsSync(manifest)) {
    throw new UsageError(`--policy-pack ${dir}: ${manifest} is missing; a CrossGuard pack needs PulumiPolicy.yaml (runtime: nodejs).`);
  }
  const runtime = packRuntime(manifest);
  if (runtime !== "nodejs") {
    // The engine would start it through that language's host (a Python interpreter and its policy SDK).
    throw new UsageError(
      `--policy-pack ${dir}: PulumiPolicy.yaml says runtime: ${runtime}; faultguard preview runs only Node.js policy packs (runtime: nodejs) offline. Evaluate this pack with \`pulumi preview --policy-pack ${dir}\`.`,
    );
  }
  return abs;
}

/**
 * What a policy and each of its diagnostics both carry; enums decode as the CLI does (a missing level
 * is advisory). AnalyzeDiagnostic.severity is newer than the floor of the supported SDK range: the
 * analyzer_pb of @pulumi/pulumi 3.200.0 (a project's copy, which an installed pack runs on) has no
 * getSeverity there and drops the field as unknown; the policy's own severity still applies then.
 */
function levelAndText(m: { getDescription(): string; getMessage(): string; getEnforcementlevel(): analyzerproto.EnforcementLevel; getSeverity?: () => analyzerproto.PolicySeverity }) {
  return {
    description: m.getDescription(),
    message: m.getMessage(),
    enforcementLevel: LEVELS[m.getEnforcementlevel()] ?? "advisory",
    severity: typeof m.getSeverity === "function" ? (SEVERITIES[m.getSeverity()] ?? "") : "",
  };
}

/** GetAnalyzerInfo's answer, decoded. */
export function decodeAnalyzerInfo(info: analyzerproto.AnalyzerInfo): PackInfo {
  const policies: PolicyMetadata[] = info.getPoliciesList().map((p) => {
    const schema = p.getConfigschema();
    const framework = p.getFramework();
    const type = p.getPolicyType();
    return {
      name: p.getName(),
      displayName: p.getDisplayname(),
      ...levelAndText(p),
      policyType: type === 1 ? "resource" : type === 2 ? "stack" : "unknown",
      configSchema: schema ? { properties: (schema.getProperties()?.toJavaScript() ?? {}) as JsonObject, required: schema.getRequiredList() } : undefined,
      remediationSteps: p.getRemediationSteps(),
      url: p.getUrl(),
      tags: p.getTagsList(),
      rule: parseRuleTags(p.getTagsList()),
      framework: framework
        ? { name: framework.getName(), version: framework.getVersion(), reference: framework.getReference(), specification: framework.getSpecification() }
        : undefined,
    };
  });
  const initialConfig: PackInfo["initialConfig"] = {};
  info.getInitialconfigMap().forEach((config, name) => {
    // Like the CLI: a missing level decodes as the proto default (advisory).
    initialConfig[name] = { enforcementLevel: LEVELS[config.getEnforcementlevel()] ?? "advisory", properties: (config.getProperties()?.toJavaScript() ?? {}) as JsonObject };
  });
  return {
    name: info.getName(),
    version: info.getVersion(),
    displayName: info.getDisplayname(),
    description: info.getDescription(),
    supportsConfig: info.getSupportsconfig(),
    policies,
    initialConfig,
  };
}

/** An Analyze or AnalyzeStack answer, decoded. */
export function decodeAnalyzeResponse(response: analyzerproto.AnalyzeResponse | undefined): AnalyzeResult {
  const notApplicable = (response?.getNotApplicableList() ?? []).map((n) => n.getPolicyName());
  const diagnostics = (response?.getDiagnosticsList() ?? []).map((d) => ({
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    ...levelAndText(d),
    urn: d.getUrn(),
  }));
  return { diagnostics, notApplicable };
}

/**
 * What the analysis needs of a policy pack: the analyzer RPCs, decoded. PolicyPackProcess serves
 * them from a pack process over gRPC, as the engine does; tests may serve them in-process.
 */
export interface AnalyzerPack {
  readonly dir: string;
  readonly info: PackInfo;
  readonly proto: AnalyzerSdk;
  /** GetAnalyzerInfo again: a pack may advertise levels that depend on ConfigureStack. */
  getAnalyzerInfo(): Promise<PackInfo>;
  configure(config: Record<string, PolicyConfigEntry>): Promise<void>;
  configureStack(stack: StackConfiguration): Promise<void>;
  remediate(request: analyzerproto.AnalyzeRequest): Promise<Remediation[]>;
  analyze(request: analyzerproto.AnalyzeRequest): Promise<AnalyzeResult>;
  analyzeStack(request: analyzerproto.AnalyzeStackRequest): Promise<AnalyzeResult>;
}

export interface StackConfiguration {
  project: string;
  stack: string;
  organization: string;
  tags: Record<string, string>;
  config: Record<string, string>;
  secretKeys: string[];
}

export type Remediation = { policyName: string; properties?: JsonObject; diagnostic: string };

/** ConfigureAnalyzerRequest for `config`. */
export function configureRequest(sdk: AnalyzerSdk, config: Record<string, PolicyConfigEntry>): analyzerproto.ConfigureAnalyzerRequest {
  const { analyzerproto: proto, Struct } = sdk;
  const request = new proto.ConfigureAnalyzerRequest();
  const map = request.getPolicyconfigMap();
  for (const [name, entry] of Object.entries(config)) {
    const policyConfig = new proto.PolicyConfig();
    policyConfig.setEnforcementlevel(levelToProto(entry.enforcementLevel) as analyzerproto.EnforcementLevel);
    policyConfig.setProperties(Struct.fromJavaScript(entry.properties as Parameters<typeof Struct.fromJavaScript>[0]));
    map.set(name, policyConfig);
  }
  return request;
}

/** AnalyzerStackConfigureRequest for a preview of `stack`. */
export function configureStackRequest(sdk: AnalyzerSdk, stack: StackConfiguration): analyzerproto.AnalyzerStackConfigureRequest {
  const request = new sdk.analyzerproto.AnalyzerStackConfigureRequest();
  request.setProject(stack.project);
  request.setStack(stack.stack);
  request.setOrganization(stack.organization);
  request.setDryRun(true);
  request.setConfigSecretKeysList(stack.secretKeys);
  for (const [k, v] of Object.entries(stack.tags)) request.getTagsMap().set(k, v);
  for (const [k, v] of Object.entries(stack.config)) request.getConfigMap().set(k, v);
  return request;
}

/** Remediate's answer, decoded. */
export function decodeRemediations(response: analyzerproto.RemediateResponse | undefined): Remediation[] {
  return (response?.getRemediationsList() ?? []).map((r) => ({
    policyName: r.getPolicyname(),
    properties: r.getProperties()?.toJavaScript() as JsonObject | undefined,
    diagnostic: r.getDiagnostic(),
  }));
}

export class PolicyPackProcess implements AnalyzerPack {
  private stderr = "";
  private exited: { code: number | null; signal: string | null } | undefined;

  private constructor(
    readonly dir: string,
    private readonly child: ChildProcess,
    private readonly sdk: AnalyzerSdk,
    private client: InstanceType<AnalyzerSdk["AnalyzerClient"]> | undefined,
    private readonly rpcTimeoutMs: number,
    private readonly timeoutSource: TimeLimitSource,
  ) {
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-64 * 1024);
    });
    child.once("exit", (code, signal) => {
      this.exited = { code, signal };
    });
  }

  info!: PackInfo;
  startMs = 0;

  /** Starts the pack and reads its metadata; ends the process again if anything fails. */
  static async start(dir: string, options: PackStartOptions = {}): Promise<PolicyPackProcess> {
    const packDir = checkPackDir(dir);
    const started = Date.now();
    const sdkRoot = resolveSdkRoot(packDir);
    const runner = path.join(sdkRoot, "cmd", "run-policy-pack", "index.js");
    const sdk = loadAnalyzerSdk(sdkRoot);
    const preload = ["-r", PARENT_WATCH_PRELOAD, ...(options.typeCheck ? [] : ["-r", TRANSPILE_ONLY_PRELOAD])];
    const child = trackChild(
      spawn(process.execPath, [...preload, runner, UNUSED_ENGINE_ADDRESS, packDir], {
        cwd: packDir,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", FAULTGUARD_PACK_SDK_ROOT: sdkRoot, ...packStackEnv(options.stack) },
      }),
    );
    const pack = new PolicyPackProcess(packDir, child, sdk, undefined, options.rpcTimeoutMs ?? DEFAULT_RPC_TIMEOUT_MS, options.timeoutSource ?? "default");
    try {
      const port = await pack.readPort(options.startTimeoutMs ?? DEFAULT_PACK_START_TIMEOUT_MS, options.signal);
      pack.client = new sdk.AnalyzerClient(`127.0.0.1:${port}`, sdk.grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
        "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
      });
      pack.info = await pack.getAnalyzerInfo();
      pack.startMs = Date.now() - started;
      return pack;
    } catch (err) {
      await pack.close();
      throw err;
    }
  }

  private describe(): string {
    return this.info ? `policy pack ${this.info.name}@${this.info.version} (${this.dir})` : `policy pack ${this.dir}`;
  }

  private stderrParagraph(): string {
    const text = tail(this.stderr);
    return text ? ` Its stderr:\n${text}` : " It printed nothing on stderr.";
  }

  private readPort(timeoutMs: number, signal?: AbortSignal): Promise<number> {
    const child = this.child;
    return new Promise((resolve, reject) => {
      let stdout = "";
      const finish = (err: Error | undefined, port?: number): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        child.stdout?.removeListener("data", onData);
        child.removeListener("exit", onExit);
        child.removeListener("error", onError);
        // Keep draining stdout so a chatty pack never blocks on a full pipe.
        child.stdout?.resume();
        if (err) reject(err);
        else resolve(port as number);
      };
      const onData = (chunk: Buffer): void => {
        stdout += chunk.toString();
        const newline = stdout.indexOf("\n");
        if (newline < 0) return;
        const first = stdout.slice(0, newline).trim();
        if (/^\d+$/.test(first) && Number(first) > 0 && Number(first) < 65536) {
          finish(undefined, Number(first));
        } else {
          finish(new PolicyPackError(`${this.describe()} printed ${JSON.stringify(first.slice(0, 200))} on stdout where the engine expects its gRPC port number; a pack must not write to stdout before PolicyPack starts serving.${this.stderrParagraph()}`));
        }
      };
      const onExit = (code: number | null, signal: string | null): void => {
        // Let the last stderr chunk arrive before reporting.
        setImmediate(() =>
          finish(new PolicyPackError(`${this.describe()} failed to start: it exited (${signal ?? `code ${code}`}) before printing its port.${this.stderrParagraph()}`)),
        );
      };
      const onError = (err: Error): void => finish(new PolicyPackError(`${this.describe()} could not be started: ${err.message}`));
      const timer = setTimeout(
        () => finish(new PolicyPackError(`${this.describe()} did not print its port within ${timeoutMs / 1000} s (${timeLimitNote("pack start", timeoutMs, this.timeoutSource)}); it was ended.${this.stderrParagraph()}`)),
        timeoutMs,
      );
      const onAbort = (): void => finish(new PolicyPackError(`Start of ${this.describe()} was cancelled.`));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      child.stdout?.on("data", onData);
      child.once("exit", onExit);
      child.once("error", onError);
    });
  }

  /** True once the process has exited, waiting up to `ms` for it (and its last stderr) if needed. */
  private exitedWithin(ms: number): Promise<boolean> {
    if (this.exited) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onExit = () => {
        clearTimeout(timer);
        setTimeout(() => resolve(true), 50);
      };
      const timer = setTimeout(() => {
        this.child.off("exit", onExit);
        resolve(this.exited !== undefined);
      }, ms);
      this.child.once("exit", onExit);
    });
  }

  private call<Req, Res>(method: string, fn: Unary<Req, Res> | undefined, request: Req, allowUnimplemented = false): Promise<Res | undefined> {
    const client = this.client;
    if (!client || !fn) return Promise.reject(new PolicyPackError(`${this.describe()} is not running.`));
    if (this.exited) {
      return Promise.reject(new PolicyPackError(`${this.describe()} exited (${this.exited.signal ?? `code ${this.exited.code}`}) before ${method}.${this.stderrParagraph()}`));
    }
    return new Promise((resolve, reject) => {
      const deadline = new Date(Date.now() + this.rpcTimeoutMs);
      fn.call(client, request, new this.sdk.grpc.Metadata(), { deadline }, (error, response) => {
        if (!error) return resolve(response);
        const status = this.sdk.grpc.status;
        if (allowUnimplemented && error.code === status.UNIMPLEMENTED) return resolve(undefined);
        if (error.code === status.DEADLINE_EXCEEDED) {
          return reject(new PolicyPackError(`${this.describe()} did not answer ${method} within ${this.rpcTimeoutMs / 1000} s (${timeLimitNote("RPC", this.rpcTimeoutMs, this.timeoutSource)}).`));
        }
        if (error.code === status.UNAVAILABLE) {
          // A crashing pack drops the connection before its exit event arrives: give the exit (and
          // the last of its stderr) a moment, so the error says why the pack died.
          void this.exitedWithin(500).then((exited) =>
            reject(new PolicyPackError(exited ? `${this.describe()} exited during ${method}.${this.stderrParagraph()}` : `${this.describe()} failed in ${method}: ${error.details || error.message}`)),
          );
          return;
        }
        reject(new PolicyPackError(`${this.describe()} failed in ${method}: ${error.details || error.message}`));
      });
    });
  }

  async getAnalyzerInfo(): Promise<PackInfo> {
    return decodeAnalyzerInfo((await this.call("GetAnalyzerInfo", this.client?.getAnalyzerInfo as Unary<unknown, analyzerproto.AnalyzerInfo>, new this.sdk.Empty())) as analyzerproto.AnalyzerInfo);
  }

  /** Replaces the pack's policy configuration (may be called again on the same running pack). */
  async configure(config: Record<string, PolicyConfigEntry>): Promise<void> {
    await this.call("Configure", this.client?.configure as Unary<analyzerproto.ConfigureAnalyzerRequest, unknown>, configureRequest(this.sdk, config));
  }

  async configureStack(stack: StackConfiguration): Promise<void> {
    await this.call("ConfigureStack", this.client?.configureStack as Unary<analyzerproto.AnalyzerStackConfigureRequest, unknown>, configureStackRequest(this.sdk, stack), true);
  }

  /** Remediate: the pack's `remediate`-level policies rewrite the resource's properties (or explain why not). */
  async remediate(request: analyzerproto.AnalyzeRequest): Promise<Remediation[]> {
    return decodeRemediations(await this.call("Remediate", this.client?.remediate as Unary<analyzerproto.AnalyzeRequest, analyzerproto.RemediateResponse>, request, true));
  }

  async analyze(request: analyzerproto.AnalyzeRequest): Promise<AnalyzeResult> {
    return decodeAnalyzeResponse(await this.call("Analyze", this.client?.analyze as Unary<analyzerproto.AnalyzeRequest, analyzerproto.AnalyzeResponse>, request));
  }

  async analyzeStack(request: analyzerproto.AnalyzeStackRequest): Promise<AnalyzeResult> {
    return decodeAnalyzeResponse(await this.call("AnalyzeStack", this.client?.analyzeStack as Unary<analyzerproto.AnalyzeStackRequest, analyzerproto.AnalyzeResponse>, request));
  }

  get proto(): AnalyzerSdk {
    return this.sdk;
  }

  /** False once the pack process has exited (crashed or closed). */
  get alive(): boolean {
    return this.exited === undefined && this.client !== undefined;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async close(): Promise<void> {
    try {
      this.client?.close();
    } catch {
      // closing a dead channel is fine
    }
    this.client = undefined;
    await endChild(this.child);
  }
}
