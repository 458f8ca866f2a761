import { type JsonObject, type JsonValue } from "./values";

/** Options a program set on a resource, as the engine receives them in RegisterResourceRequest. */
export interface CapturedOptions {
  protect: boolean;
  ignoreChanges: string[];
  /** Seconds, parsed from the Go durations the SDK sends (0 = not set). */
  customTimeouts: { create: number; update: number; delete: number };
  /** Alias URNs, computed from the SDK's alias specs as the engine does. */
  aliases: string[];
  deleteBeforeReplace: boolean;
  deleteBeforeReplaceDefined: boolean;
  retainOnDelete?: boolean;
  replaceOnChanges: string[];
  additionalSecretOutputs: string[];
  importId?: string;
  deletedWith?: string;
  version?: string;
  pluginDownloadURL?: string;
  hideDiffs: string[];
}

/** One RegisterResourceRequest (or ReadResourceRequest), captured whole. */
export interface CapturedResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  /** A component built by a provider plugin (e.g. awsx); under mocks it has no children. */
  remote: boolean;
  /** `read` for `Resource.get`-style reads, `register` otherwise. */
  operation: "register" | "read";
  parent?: string;
  /** Inputs decoded to JSON: unknowns are `{ "$unknown": true }`. */
  inputs: JsonObject;
  /** Inputs exactly as on the wire (protobuf Struct as plain JS, unknown = sentinel string). */
  wireInputs: JsonObject;
  /** What the preview engine would report as outputs: inputs plus fixture outputs (wire form). */
  wireOutputs: JsonObject;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** Provider reference `urn::id` when set explicitly. */
  provider?: string;
  providers: Record<string, string>;
  options: CapturedOptions;
  /** Where the program registered it (file path and 1-based line), when the SDK reports it. */
  source?: { file: string; line: number };
}

export interface CapturedInvoke {
  token: string;
  args: JsonValue;
  answeredBy: "builtin" | "fixture";
}

/** The organization of an offline run (what Pulumi's mocks default to). */
export const OFFLINE_ORGANIZATION = "organization";

export interface CapturedStack {
  project: string;
  stack: string;
  organization: string;
  /** The root `pulumi:pulumi:Stack` resource's URN. */
  stackUrn: string;
  /** Every registration in order, root stack first. */
  resources: CapturedResource[];
  invokes: CapturedInvoke[];
  /** The configuration the program saw (project-namespaced keys). */
  config: Record<string, string>;
  /** Default provider per package, as the engine would create it (for AnalyzerProviderResource). */
  defaultProviders: Record<string, { urn: string; type: string; name: string; inputs: JsonObject }>;
  durationMs: number;
  /** The @pulumi/pulumi copy that ran the program (the program's own when it has one). */
  sdkRoot: string;
  /**
   * URN → property → structure rendering (probe.ts) of a JSON document that was wholly unknown in
   * this run. Kept apart from the inputs: only packs that declare the property receive it.
   */
  structureRenderings?: Record<string, Record<string, string>>;
}

/** Provider-function answers and outputs for resources the mock cannot compute. */
export interface InvokeFixtures {
  /** token → result, e.g. `"aws:ec2/getVpc:getVpc": { id: "vpc-1", cidrBlock: "10.0.0.0/16" }`. */
  invokes?: Record<string, JsonValue>;
  /** type token, URN or resource name → outputs (also for remote components such as awsx:ec2:Vpc). */
  resources?: Record<string, JsonObject>;
}
