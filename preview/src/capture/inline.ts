// In-process capture for tests: runs a program function against this repository's copy of
// @pulumi/pulumi (the one test files and @pulumi/aws import). Calls are serialised because the SDK
// keeps its runtime state in module globals; each call resets that state, so calls are isolated.
import { captureWithSdk } from "./run";
import { loadSdk } from "./sdk";
import { type CapturedStack, type InvokeFixtures } from "./types";

export interface CaptureInlineOptions {
  /** Project name (default "project"); bare config keys are namespaced with it. */
  project?: string;
  /** Stack name (default "dev"). */
  stack?: string;
  organization?: string;
  /** Config as `pulumi config set` would store it: "aws:region", "proj:key" or bare "key". */
  config?: Record<string, string>;
  secretKeys?: string[];
  fixtures?: InvokeFixtures;
  /** The probe run of probe.ts. */
  probeUnknowns?: boolean;
}

let queue: Promise<unknown> = Promise.resolve();

export function captureInline(program: () => unknown, opts: CaptureInlineOptions = {}): Promise<CapturedStack> {
  const run = async (): Promise<CapturedStack> => {
    const sdk = loadSdk();
    try {
      return await captureWithSdk(sdk, program, {
        project: opts.project ?? "project",
        stack: opts.stack ?? "dev",
        organization: opts.organization,
        config: opts.config ?? {},
        secretKeys: opts.secretKeys,
        fixtures: opts.fixtures,
        probeUnknowns: opts.probeUnknowns,
      });
    } finally {
      // Leave no monitor behind: a later registration outside a capture must not land in this one.
      sdk.settings._reset();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
