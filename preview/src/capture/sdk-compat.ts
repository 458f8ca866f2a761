// Everything that differs between the @pulumi/pulumi releases faultguard can drive, in one place.
// The capture runs a program against the PROGRAM's own copy of the SDK (its runtime state is module
// state), so faultguard must work with whichever release the program installed, not only ours.
//
// Followed, per release (npm pack @pulumi/pulumi@<v>): runtime/mocks.js, runtime/callbacks.js,
// runtime/settings.js, proto/resource_pb.js and proto/provider_pb.js.
//   - The invoke response message: provider_pb.InvokeResponse up to 3.248.x, then
//     resource_pb.ResourceInvokeResponse (3.276.0 has no provider InvokeResponse on the monitor).
//   - Transforms: from 3.2xx the CallbackServer tells a mock monitor each transform it registers
//     (monitor.recordTransformCallback) and MockMonitor implements registerStackTransform; older
//     releases do neither. The capturing monitor keeps its own registry and records every
//     transform through recordTransformCallbacks below, so transforms work on every release.
import * as fs from "node:fs";
import * as path from "node:path";
import * as semver from "semver";
import { FaultguardError } from "../errors";

/**
 * The @pulumi/pulumi releases a program may use. The consumer test (test/consumer) runs the floor,
 * 3.248.0 (the newest whose `engines` allow Node 20) and the newest release. Below the floor the
 * SDK's mock mode leaves registrations pending (3.142.0, the oldest @pulumi/aws 7 accepts, does).
 */
export const SUPPORTED_SDK_RANGE = ">=3.200.0 <4.0.0";

/** A program whose @pulumi/pulumi faultguard cannot drive. */
export class UnsupportedSdkError extends FaultguardError {}

/** Throws UnsupportedSdkError unless the SDK in `sdkRoot` is in SUPPORTED_SDK_RANGE. */
export function checkSdkVersion(sdkRoot: string, programDir: string): string {
  let version: string | undefined;
  try {
    version = (JSON.parse(fs.readFileSync(path.join(sdkRoot, "package.json"), "utf8")) as { version?: string }).version;
  } catch {
    version = undefined;
  }
  if (version === undefined || !semver.valid(version)) {
    throw new UnsupportedSdkError(`Could not read the version of @pulumi/pulumi in ${sdkRoot}. Run \`npm install\` in ${programDir}.`);
  }
  if (!semver.satisfies(version, SUPPORTED_SDK_RANGE, { includePrerelease: true })) {
    throw new UnsupportedSdkError(
      `The program in ${programDir} uses @pulumi/pulumi ${version} (${sdkRoot}); faultguard supports @pulumi/pulumi ${SUPPORTED_SDK_RANGE}. ` +
        `Install a supported release in the program, e.g. \`npm install @pulumi/pulumi@^3.248.0\`, or use a faultguard release that supports ${version}.`,
    );
  }
  return version;
}

type Load = (id: string) => unknown;

interface InvokeResponseMessage {
  setReturn(value: unknown): void;
}

/** The class the SDK's monitor client expects an Invoke to answer with, for this release. */
export function invokeResponseClass(load: Load): new () => InvokeResponseMessage {
  const resproto = load("./proto/resource_pb.js") as { ResourceInvokeResponse?: new () => InvokeResponseMessage };
  if (resproto.ResourceInvokeResponse) return resproto.ResourceInvokeResponse;
  const provproto = load("./proto/provider_pb.js") as { InvokeResponse?: new () => InvokeResponseMessage };
  if (provproto.InvokeResponse) return provproto.InvokeResponse;
  throw new Error("faultguard: this @pulumi/pulumi has neither resource_pb.ResourceInvokeResponse nor provider_pb.InvokeResponse");
}

interface CallbackServerPrototype {
  registerTransform(transform: unknown): Promise<{ getToken(): string }>;
  __faultguardRecordsTransforms?: boolean;
}

/** A monitor that keeps its own transform registry (the capturing monitor). */
export interface RecordsTransformCallbacks {
  recordTransformCallback(token: string, transform: unknown): void;
}

/**
 * Makes the SDK's CallbackServer hand every transform it registers to the monitor, as releases
 * from 3.2xx do themselves (recording twice under one token is harmless). Without this, older
 * releases keep transforms behind a gRPC callback the mock monitor cannot see.
 */
export function recordTransformCallbacks(load: Load): void {
  let callbacks: { CallbackServer?: { prototype: CallbackServerPrototype } };
  try {
    callbacks = load("./runtime/callbacks.js") as typeof callbacks;
  } catch {
    return; // A release without a callback server has no transforms to record.
  }
  const proto = callbacks.CallbackServer?.prototype;
  if (!proto || proto.__faultguardRecordsTransforms || typeof proto.registerTransform !== "function") return;
  const register = proto.registerTransform;
  proto.registerTransform = async function (this: { _monitor?: Partial<RecordsTransformCallbacks> }, transform: unknown) {
    const request = await register.call(this, transform);
    this._monitor?.recordTransformCallback?.(request.getToken(), transform);
    return request;
  };
  proto.__faultguardRecordsTransforms = true;
}
