import { type Recorder } from "./monitor";
import { type CaptureSettings } from "./run";
import { type CapturedResource, type CapturedStack, OFFLINE_ORGANIZATION } from "./types";
import { makeUrn, ROOT_STACK_TYPE, rootStackUrn } from "./urn";
import { type JsonObject } from "./values";

/** Packages whose components are built by a provider plugin (multi-language components). */
const REMOTE_COMPONENT_PACKAGES = new Set(["awsx", "eks", "kubernetes-ingress-nginx", "aws-apigateway", "aws-static-website"]);

/**
 * awsx classic (@pulumi/awsx/classic) builds its components in-process, under `awsx:x:*` tokens
 * (e.g. `awsx:x:ec2:Subnet`): local components, whose children (if any) are registered here.
 */
function isAwsxClassicLocal(type: string): boolean {
  return type.startsWith("awsx:x:");
}

function packageOf(type: string): string {
  return type.split(":")[0];
}

/** Dynamic providers get the whole stack config, keys namespaced (pkg/resource/deploy/target.go). */
const DYNAMIC_PROVIDER_PACKAGES = new Set(["pulumi-nodejs", "pulumi-python"]);

/**
 * The default provider the engine would create for a package: `pulumi:providers:<pkg>` named
 * `default_<version>`, configured from the stack's `<pkg>:*` configuration (target.go GetPackageConfig).
 */
function defaultProviders(resources: CapturedResource[], settings: CaptureSettings): CapturedStack["defaultProviders"] {
  const out: CapturedStack["defaultProviders"] = {};
  for (const r of resources) {
    if (!r.custom || r.provider || r.operation === "read") continue;
    const pkg = packageOf(r.type);
    if (pkg === "pulumi" || out[pkg]) continue;
    const version = r.options.version;
    const name = version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
    const inputs: JsonObject = {};
    for (const [key, value] of Object.entries(settings.config)) {
      if (DYNAMIC_PROVIDER_PACKAGES.has(pkg)) inputs[key.includes(":") ? key : `${settings.project}:${key}`] = value;
      else if (key.startsWith(`${pkg}:`)) inputs[key.slice(pkg.length + 1)] = value;
    }
    if (version) inputs.version = version;
    const type = `pulumi:providers:${pkg}`;
    out[pkg] = { urn: makeUrn(settings.stack, settings.project, undefined, type, name), type, name, inputs };
  }
  return out;
}

export function createCapturedStack(recorder: Recorder, settings: CaptureSettings, durationMs: number, sdkRoot: string): CapturedStack {
  return {
    project: settings.project,
    stack: settings.stack,
    organization: settings.organization ?? OFFLINE_ORGANIZATION,
    stackUrn: rootStackUrn(settings.stack, settings.project),
    resources: recorder.resources,
    invokes: recorder.invokes,
    config: settings.config,
    defaultProviders: defaultProviders(recorder.resources, settings),
    durationMs,
    sdkRoot,
  };
}

/**
 * Components the mock run cannot see into: registered remotely (built by a provider plugin such as
 * awsx), so they have no children here, while a real preview would show the resources inside them.
 */
export function opaqueComponents(stack: CapturedStack): CapturedResource[] {
  const parents = new Set(stack.resources.map((r) => r.parent).filter((p): p is string => p !== undefined));
  return stack.resources.filter(
    (r) => !r.custom && r.type !== ROOT_STACK_TYPE && (r.remote || (!parents.has(r.urn) && REMOTE_COMPONENT_PACKAGES.has(packageOf(r.type)) && !isAwsxClassicLocal(r.type))),
  );
}
