// Runs a program inside one SDK copy's mock mode, as the Pulumi language host would run it in
// `pulumi preview` of a new stack: inside the root pulumi:pulumi:Stack component, with the stack's
// configuration, waiting for every outstanding registration before finishing.
import { createCapturedStack } from "./stack";
import { createCapturingMonitor, Recorder } from "./monitor";
import { installUnknownProbe } from "./probe";
import { type PulumiSdk } from "./sdk";
import { type CapturedStack, type InvokeFixtures, OFFLINE_ORGANIZATION } from "./types";

export interface CaptureSettings {
  project: string;
  stack: string;
  organization?: string;
  /** Project-namespaced configuration ("aws:region", "proj:key"); values as Pulumi passes them (strings). */
  config: Record<string, string>;
  /** Keys of `config` whose values are secrets. */
  secretKeys?: string[];
  fixtures?: InvokeFixtures;
  /** The probe run of probe.ts: `apply` callbacks also run over (opaque) unknowns. */
  probeUnknowns?: boolean;
}

/** Namespaces bare keys with the project, as `pulumi config set key v` does. */
export function namespaceConfig(project: string, config: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) out[key.includes(":") ? key : `${project}:${key}`] = value;
  return out;
}

export class ProgramError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "ProgramError";
    if (cause instanceof Error && cause.stack) this.stack = cause.stack;
  }
}

/**
 * While a program runs, its unhandled rejections are its own failures (the language host treats
 * them so), not the host process's: route them to `onRejection` instead of the existing listeners
 * (e.g. mocha's), and put those back afterwards.
 */
function ownUnhandledRejections(onRejection: (reason: unknown) => void): () => void {
  const saved = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", onRejection);
  return () => {
    process.removeListener("unhandledRejection", onRejection);
    for (const listener of saved) process.on("unhandledRejection", listener);
  };
}

export interface CaptureHooks {
  /**
   * Resolves once the process's event loop has nothing left to do. Given, the capture waits for it
   * (and for the registrations that work made) before finishing, as the Node language host does:
   * work the program does after its main module returns (an async IIFE, `beforeExit` handlers such
   * as @pulumi/aws's `bucket.onObjectCreated`) is part of the program. Only a process that runs
   * nothing but the program can give this (the capture child); in-process captures omit it.
   */
  eventLoopDrained?: () => Promise<void>;
}

export async function captureWithSdk(sdk: PulumiSdk, program: () => unknown, settings: CaptureSettings, hooks: CaptureHooks = {}): Promise<CapturedStack> {
  const started = Date.now();
  const config = namespaceConfig(settings.project, settings.config);
  const region = config["aws:region"] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
  const recorder = new Recorder({ project: settings.project, stack: settings.stack, region, fixtures: settings.fixtures ?? {} });
  const monitor = createCapturingMonitor(sdk, recorder);

  sdk.settings.setMockOptions(monitor, settings.project, settings.stack, true, settings.organization ?? OFFLINE_ORGANIZATION);
  // Same feature set as runtime.setMocks (everything but outputValues, which would put Output
  // objects into the captured inputs instead of plain values and unknowns).
  Object.assign(sdk.state.getStore(), {
    supportsSecrets: true,
    supportsResourceReferences: true,
    supportsOutputValues: false,
    supportsDeletedWith: true,
    supportsReplaceWith: true,
    supportsAliasSpecs: true,
    supportsTransforms: true,
    supportsInvokeTransforms: true,
    supportsParameterization: true,
    supportsResourceHooks: true,
    supportsErrorHooks: true,
    supportsInvokeDependsOn: false,
  });
  sdk.pulumi.runtime.setAllConfig(config, (settings.secretKeys ?? []).map((k) => (k.includes(":") ? k : `${settings.project}:${k}`)));

  let programError: unknown;
  const rejections: unknown[] = [];
  const restore = ownUnhandledRejections((reason) => rejections.push(reason));
  const endProbe = settings.probeUnknowns ? installUnknownProbe(sdk) : undefined;
  try {
    try {
      await sdk.pulumi.runtime.runInPulumiStack(async () => program());
    } catch (err) {
      programError = err;
    }
    try {
      await sdk.settings.waitForRPCs();
      // Until a drained event loop brings no new registration (the language host: `beforeExit`,
      // then waitForRPCs / signalAndWaitForShutdown).
      for (let seen = -1; hooks.eventLoopDrained && seen !== recorder.resources.length + recorder.invokes.length; ) {
        seen = recorder.resources.length + recorder.invokes.length;
        await hooks.eventLoopDrained();
        await sdk.settings.waitForRPCs();
      }
    } catch (err) {
      programError ??= err;
    }
    // Failed Outputs nobody awaited surface as unhandled rejections a turn later: collect them too.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    endProbe?.();
    restore();
  }
  programError ??= rejections[0];
  // A provider function without an answer is the root cause of whatever failed after it.
  const monitorError = recorder.errors[0];
  if (monitorError) throw monitorError;
  if (programError !== undefined) throw new ProgramError(programError);

  return createCapturedStack(recorder, { ...settings, config }, Date.now() - started, sdk.root);
}
