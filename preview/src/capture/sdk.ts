// Loads one specific copy of @pulumi/pulumi (the program's own, or a policy pack's) by its
// directory. The SDK keeps its runtime settings in module state, so the copy the program imports
// is the one that must be put into mock mode, and the analyzer stubs must come from the same copy
// as the grpc-js and google-protobuf modules they are built on.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as pulumiModule from "@pulumi/pulumi";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type * as grpcModule from "@grpc/grpc-js";
import type * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import { type MockMonitor, type Mocks } from "@pulumi/pulumi/runtime/mocks";
import { invokeResponseClass, recordTransformCallbacks } from "./sdk-compat";

/** The parts of runtime/settings.js we use; some are @internal and missing from the .d.ts. */
export interface SdkSettings {
  setMockOptions(monitor: unknown, project?: string, stack?: string, preview?: boolean, organization?: string): void;
  waitForRPCs(): Promise<void>;
  disconnectSync(): void;
  _reset(): void;
  isDryRun(): boolean;
}

export interface SdkStore {
  supportsSecrets: boolean;
  supportsResourceReferences: boolean;
  supportsOutputValues: boolean;
  supportsDeletedWith: boolean;
  supportsReplaceWith: boolean;
  supportsAliasSpecs: boolean;
  supportsTransforms: boolean;
  supportsInvokeTransforms: boolean;
  supportsParameterization: boolean;
  supportsResourceHooks: boolean;
  supportsErrorHooks: boolean;
  supportsInvokeDependsOn: boolean;
}

export interface PulumiSdk {
  root: string;
  version: string;
  pulumi: typeof pulumiModule;
  settings: SdkSettings;
  state: { getStore(): SdkStore };
  MockMonitor: new (mocks: Mocks) => MockMonitor;
  rpc: {
    deserializeProperties(struct: unknown): Record<string, unknown>;
    serializeProperties(label: string, props: Record<string, unknown>): Promise<Record<string, unknown>>;
  };
  resproto: typeof resproto;
  /** The Invoke answer of this release (see sdk-compat.ts). */
  InvokeResponse: new () => { setReturn(value: structproto.Struct): void };
  Struct: typeof structproto.Struct;
}

export interface AnalyzerSdk {
  root: string;
  grpc: typeof grpcModule;
  analyzerproto: typeof analyzerproto;
  AnalyzerClient: typeof analyzerrpc.AnalyzerClient;
  Struct: typeof structproto.Struct;
  Empty: typeof emptyproto.Empty;
}

const OUR_SDK_ROOT = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

/** Directory of the @pulumi/pulumi that code in `fromDir` would import, or ours if it has none. */
export function resolveSdkRoot(fromDir: string): string {
  try {
    return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [fromDir] }));
  } catch {
    return OUR_SDK_ROOT;
  }
}

export function ourSdkRoot(): string {
  return OUR_SDK_ROOT;
}

const sdkCache = new Map<string, PulumiSdk>();

export function loadSdk(sdkRoot: string = OUR_SDK_ROOT): PulumiSdk {
  const cached = sdkCache.get(sdkRoot);
  if (cached) return cached;
  const load = createRequire(path.join(sdkRoot, "package.json"));
  const pkg = JSON.parse(fs.readFileSync(path.join(sdkRoot, "package.json"), "utf8")) as { version: string };
  const sdk: PulumiSdk = {
    root: sdkRoot,
    version: pkg.version,
    pulumi: load("./index.js") as typeof pulumiModule,
    settings: load("./runtime/settings.js") as SdkSettings,
    state: load("./runtime/state.js") as { getStore(): SdkStore },
    MockMonitor: (load("./runtime/mocks.js") as { MockMonitor: new (mocks: Mocks) => MockMonitor }).MockMonitor,
    rpc: load("./runtime/rpc.js") as PulumiSdk["rpc"],
    resproto: load("./proto/resource_pb.js") as typeof resproto,
    InvokeResponse: invokeResponseClass(load),
    Struct: (load("google-protobuf/google/protobuf/struct_pb") as typeof structproto).Struct,
  };
  recordTransformCallbacks(load);
  sdkCache.set(sdkRoot, sdk);
  return sdk;
}

export function loadAnalyzerSdk(sdkRoot: string): AnalyzerSdk {
  const load = createRequire(path.join(sdkRoot, "package.json"));
  return {
    root: sdkRoot,
    grpc: load("@grpc/grpc-js") as typeof grpcModule,
    analyzerproto: load("./proto/analyzer_pb.js") as typeof analyzerproto,
    AnalyzerClient: (load("./proto/analyzer_grpc_pb.js") as typeof analyzerrpc).AnalyzerClient,
    Struct: (load("google-protobuf/google/protobuf/struct_pb") as typeof structproto).Struct,
    Empty: (load("google-protobuf/google/protobuf/empty_pb") as typeof emptyproto).Empty,
  };
}
