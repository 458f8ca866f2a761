/**
 * A policy pack served in the test process: the same analyzer handlers `@pulumi/policy` registers
 * on its gRPC server, called directly instead of over a socket.
 *
 * Loading the pack's entry file runs `new PolicyPack(...)`, which calls `serve()` (server.js):
 * that builds the Analyzer handlers (makeAnalyzeRpcFun, makeAnalyzeStackRpcFun, …) and passes
 * them to grpc-js `Server.addService`, then binds a port. We record the handlers at `addService`
 * and skip the bind, so nothing listens and nothing is printed. Every request is serialized to
 * bytes and parsed again with the pack's own protobuf classes, so the handlers receive exactly
 * what they would receive from the wire: the SDK's deserialization, unknown sentinels, secret
 * proxies and `reportViolation` run unchanged. Only the process boundary is gone.
 *
 * `@pulumi/policy` serves one pack per process (its `servingPolicyPack` guard), so only one pack
 * directory can be served in-process per test run; other directories use a pack process.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import {
  type AnalyzerPack,
  type AnalyzeResult,
  checkPackDir,
  configureRequest,
  configureStackRequest,
  decodeAnalyzeResponse,
  decodeAnalyzerInfo,
  decodeRemediations,
  type Remediation,
  type StackConfiguration,
} from "../../preview/src/analyzer/pack";
import { type PackInfo, type PolicyConfigEntry } from "../../preview/src/analyzer/types";
import { loadAnalyzerSdk, resolveSdkRoot, type AnalyzerSdk } from "../../preview/src/capture/sdk";

type Callback = (error: unknown, response?: unknown) => void;
type Handler = (call: { request: unknown }, callback: Callback) => unknown;
type Handlers = Record<string, Handler>;
interface Message {
  serializeBinary(): Uint8Array;
}
interface MessageClass {
  deserializeBinary(bytes: Uint8Array): unknown;
}

/** The request classes the pack's own @pulumi/pulumi copy parses (what grpc-js would use). */
interface PackProto {
  AnalyzeRequest: MessageClass;
  AnalyzeStackRequest: MessageClass;
  ConfigureAnalyzerRequest: MessageClass;
  AnalyzerStackConfigureRequest: MessageClass;
}

/** Loads modules as the pack would (dynamic paths: the pack's own copies of the SDK modules). */
const load = createRequire(__filename);

let served: InProcessPack | undefined;

export class InProcessPack implements AnalyzerPack {
  private constructor(
    readonly dir: string,
    readonly proto: AnalyzerSdk,
    readonly info: PackInfo,
    private readonly handlers: Handlers,
    private readonly packProto: PackProto,
  ) {}

  /** Loads the pack at `dir` into this process (once; later calls for the same dir reuse it). */
  static async load(dir: string): Promise<InProcessPack> {
    const packDir = checkPackDir(dir);
    if (served) {
      if (served.dir === packDir) return served;
      throw new Error(`in-process pack: ${served.dir} is already served in this process; @pulumi/policy serves one pack per process (use a pack process for ${packDir})`);
    }
    const sdkRoot = resolveSdkRoot(packDir);
    const handlers = captureHandlers(packDir);
    const packProto = load(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [require.resolve("@pulumi/policy", { paths: [packDir] })] })) as PackProto;
    const sdk = loadAnalyzerSdk(sdkRoot);
    const pack = new InProcessPack(packDir, sdk, { name: "", version: "", displayName: "", description: "", supportsConfig: false, policies: [], initialConfig: {} }, handlers, packProto);
    const info = (await pack.call("getAnalyzerInfo", new sdk.Empty(), undefined)) as analyzerproto.AnalyzerInfo;
    served = new InProcessPack(packDir, sdk, decodeAnalyzerInfo(info), handlers, packProto);
    return served;
  }

  /** Calls one handler as grpc-js would: the request re-parsed from its bytes, the answer by callback. */
  private call(method: string, request: Message, requestClass: MessageClass | undefined): Promise<unknown> {
    const handler = this.handlers[method];
    if (!handler) return Promise.reject(new Error(`in-process pack ${this.dir}: no ${method} handler`));
    const wire = requestClass ? requestClass.deserializeBinary(request.serializeBinary()) : request;
    return new Promise((resolve, reject) => {
      const callback: Callback = (error, response) => (error ? reject(error instanceof Error ? error : new Error(String((error as { details?: string }).details ?? error))) : resolve(response));
      try {
        const pending = handler({ request: wire }, callback) as Promise<unknown> | undefined;
        pending?.catch?.(reject);
      } catch (e) {
        reject(e);
      }
    });
  }

  async getAnalyzerInfo(): Promise<PackInfo> {
    return decodeAnalyzerInfo((await this.call("getAnalyzerInfo", new this.proto.Empty(), undefined)) as analyzerproto.AnalyzerInfo);
  }

  async configure(config: Record<string, PolicyConfigEntry>): Promise<void> {
    await this.call("configure", configureRequest(this.proto, config), this.packProto.ConfigureAnalyzerRequest);
  }

  async configureStack(stack: StackConfiguration): Promise<void> {
    await this.call("configureStack", configureStackRequest(this.proto, stack), this.packProto.AnalyzerStackConfigureRequest);
  }

  async remediate(request: analyzerproto.AnalyzeRequest): Promise<Remediation[]> {
    return decodeRemediations((await this.call("remediate", request, this.packProto.AnalyzeRequest)) as analyzerproto.RemediateResponse);
  }

  async analyze(request: analyzerproto.AnalyzeRequest): Promise<AnalyzeResult> {
    return decodeAnalyzeResponse((await this.call("analyze", request, this.packProto.AnalyzeRequest)) as analyzerproto.AnalyzeResponse);
  }

  async analyzeStack(request: analyzerproto.AnalyzeStackRequest): Promise<AnalyzeResult> {
    return decodeAnalyzeResponse((await this.call("analyzeStack", request, this.packProto.AnalyzeStackRequest)) as analyzerproto.AnalyzeResponse);
  }
}

/** Requires the pack's entry file with grpc-js Server.addService recording and bindAsync inert. */
function captureHandlers(packDir: string): Handlers {
  const policyEntry = require.resolve("@pulumi/policy", { paths: [packDir] });
  // The grpc-js copy @pulumi/policy's server.js requires (npm may install several).
  const grpc = load(require.resolve("@grpc/grpc-js", { paths: [policyEntry] })) as {
    Server: { prototype: { addService(service: unknown, impl: Handlers): void; bindAsync(...args: unknown[]): void } };
  };
  const proto = grpc.Server.prototype;
  const { addService, bindAsync } = proto;
  let handlers: Handlers | undefined;
  proto.addService = function (_service: unknown, impl: Handlers) {
    handlers = impl;
  };
  proto.bindAsync = function () {
    // Nothing listens: the handlers are called directly.
  };
  try {
    // The entry point the engine runs (package.json "main"), as run-policy-pack requires it.
    load(path.join(packDir, "index.ts"));
  } finally {
    // The pack's own patches (if any) were layered on top of ours and are now in `handlers`.
    proto.addService = addService;
    proto.bindAsync = bindAsync;
  }
  if (!handlers) throw new Error(`in-process pack ${packDir}: loading index.ts registered no Analyzer service (is it a @pulumi/policy pack?)`);
  return handlers;
}
