// Structure renderings: how the offline preview decides checks that need only a JSON document's
// structure (which Step Functions states exist, whether a container declares a health check) when
// the document is built from values unknown until deployment (`pulumi.jsonStringify` over new ARNs).
//
// In a first `pulumi preview` such a document is one unknown value: the SDK never runs an `apply`
// callback over an unknown input. The offline preview controls the program run, so it runs the
// program a second time (the probe) in which every callback over unknowns does run, with each
// unknown as an opaque stand-in, the SDK's own `unknown` object:
//
//  - serialised (JSON.stringify → toJSON) or turned into a string (template literals, `+`, concat)
//    it becomes PROBE_TOKEN: the only uses that merely embed the value;
//  - any other use — reading a property or method (`.length`, `.startsWith`, `.split`, `[0]`),
//    iterating it, turning it into a number — throws, and the callback's result is unknown, exactly
//    as in the real run. So a document whose shape depends on an unknown value stays unknown.
//
// From the probe only one thing is taken: for a property that was wholly unknown in the real run
// (same URN, same top-level property), a JSON document in which PROBE_TOKEN occurs, with every
// string leaf that contains it replaced by the engine's unknown value (keys containing it reject the
// document). Rules that read those leaves still say "could not evaluate"; rules that need only the
// structure decide, and their verdicts are marked so (policies/lib/wire.ts). Nothing else of the
// probe run is used: not its resources, not its other properties. Only packs whose rules declare
// the property (rule metadata `structureInputs`) receive renderings; the engine never sends them.
//
// Limits, said plainly: a callback can still branch on an unknown without reading it — comparing it
// with `===` to a literal, `typeof`, truthiness — and the probe cannot see that. Values the cloud
// computes for a new resource (IDs, ARNs, names) are non-empty strings no program can know, so those
// branches go the way they would in the deployment.
import { type StructureInput } from "../../../policies/lib/wire";
import { type PulumiSdk } from "./sdk";
import { type CapturedStack } from "./types";
import { type JsonObject, type JsonValue, SPECIAL_SIG_KEY, UNKNOWN_SENTINEL } from "./values";

/** What an unknown becomes inside a document in the probe run (unique, so never a program's own text). */
export const PROBE_TOKEN = "faultguard-probe-unknown-3f6b2c1e8a4d4f0b9c7e";

/** Thrown when a callback in the probe run uses an unknown value other than by embedding it. */
export class OpaqueUnknownRead extends Error {
  constructor(what: string) {
    super(`the probe's unknown value was read (${what})`);
    this.name = "OpaqueUnknownRead";
  }
}

type ApplyFn = (this: unknown, func: (value: unknown) => unknown, runWithUnknowns?: boolean) => unknown;
interface OutputConstructor {
  new (resources: unknown, promise: Promise<unknown>, isKnown: Promise<boolean>, isSecret: Promise<boolean>, allResources: Promise<Set<unknown>>): unknown;
  prototype: { apply: ApplyFn };
  isInstance(value: unknown): boolean;
}

function isThenable(value: unknown): boolean {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/** The members an unknown answers: the ones that embed it, and the SDK's own type checks. */
function opaqueMember(key: string | symbol): unknown {
  if (key === "toJSON" || key === "toString") return () => PROBE_TOKEN;
  if (key === Symbol.toPrimitive) {
    return (hint: string) => {
      if (hint === "number") throw new OpaqueUnknownRead("as a number");
      return PROBE_TOKEN;
    };
  }
  // Not a thenable (awaiting a callback's result checks), and the SDK's own type checks: RTTI
  // members (`__pulumiOutput`…) and the wire signature key (rpc.ts isRpcSecret).
  if (key === "then" || key === SPECIAL_SIG_KEY || (typeof key === "string" && key.startsWith("__"))) return undefined;
  if (typeof key === "symbol" && key !== Symbol.iterator && key !== Symbol.asyncIterator) return undefined;
  // Only a program's callback is stopped; the SDK's own code reads what a plain object would give.
  if (callbackDepth === 0) return undefined;
  throw new OpaqueUnknownRead(typeof key === "symbol" ? key.toString() : `.${key}`);
}

/** How many program callbacks over unknowns are running right now (synchronously). */
let callbackDepth = 0;

/**
 * Puts the program's SDK copy into probe mode: every `apply` callback runs, over opaque unknowns
 * where the real run would have skipped it. Returns the function that undoes it (in-process captures
 * share the SDK with the caller).
 */
export function installUnknownProbe(sdk: PulumiSdk): () => void {
  const pulumi = sdk.pulumi as unknown as { Output: OutputConstructor; unknown?: object; containsUnknowns?: (v: unknown) => boolean };
  const { Output, unknown, containsUnknowns } = pulumi;
  if (!unknown || !containsUnknowns || typeof Output?.prototype?.apply !== "function") {
    throw new Error(`@pulumi/pulumi ${sdk.version} has no first-class unknowns; structure renderings need them`);
  }
  const unknownPrototype = Object.getPrototypeOf(unknown) as object;
  const previousPrototype = Object.getPrototypeOf(unknownPrototype) as object | null;
  Object.setPrototypeOf(unknownPrototype, new Proxy(Object.create(null) as object, { get: (_target, key) => opaqueMember(key) }));

  const originalApply = Output.prototype.apply;
  const unknownOutput = (): unknown => new Output(new Set(), Promise.resolve(undefined), Promise.resolve(false), Promise.resolve(false), Promise.resolve(new Set()));
  Output.prototype.apply = function probeApply(func, runWithUnknowns) {
    // The SDK's own callbacks that ask for unknowns (output(), lifted property access) handle them.
    if (runWithUnknowns) return originalApply.call(this, func, true);
    return originalApply.call(
      this,
      (value: unknown) => {
        if (!containsUnknowns(value)) return func(value);
        // The real run never ran this callback: whatever goes wrong in it leaves its result unknown,
        // and so does an asynchronous callback (what it does after its first await is not watched).
        callbackDepth++;
        try {
          const result = func(value);
          return !Output.isInstance(result) && isThenable(result) ? unknownOutput() : result;
        } catch {
          return unknownOutput();
        } finally {
          callbackDepth--;
        }
      },
      true,
    );
  };
  return () => {
    Output.prototype.apply = originalApply;
    Object.setPrototypeOf(unknownPrototype, previousPrototype);
  };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Replaces every string leaf that holds PROBE_TOKEN with the engine's unknown; undefined when a key holds it. */
function unknownLeaves(value: JsonValue): JsonValue | undefined {
  if (typeof value === "string") return value.includes(PROBE_TOKEN) ? UNKNOWN_SENTINEL : value;
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const item of value) {
      const mapped = unknownLeaves(item);
      if (mapped === undefined) return undefined;
      out.push(mapped);
    }
    return out;
  }
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const mapped = unknownLeaves(item);
    if (key.includes(PROBE_TOKEN) || mapped === undefined) return undefined;
    out[key] = mapped;
  }
  return out;
}

/**
 * A probe value as a structure rendering: a JSON object or array (as a string, like the property)
 * whose unknown leaves are the engine's unknown value; undefined when it is not such a document.
 */
export function renderStructure(probeValue: JsonValue | undefined): string | undefined {
  if (typeof probeValue !== "string" || !probeValue.includes(PROBE_TOKEN)) return undefined;
  let document: JsonValue;
  try {
    document = JSON.parse(probeValue) as JsonValue;
  } catch {
    return undefined;
  }
  if (typeof document !== "object" || document === null) return undefined;
  const rendered = unknownLeaves(document);
  return rendered === undefined ? undefined : JSON.stringify(rendered);
}

/** The (URN, property) pairs of the real run that a structure rendering could decide. */
export function structureCandidates(real: CapturedStack, accepted: readonly StructureInput[]): Array<{ urn: string; property: string }> {
  const out: Array<{ urn: string; property: string }> = [];
  for (const r of real.resources) {
    if (!r.custom || r.operation !== "register") continue;
    for (const input of accepted) {
      if (input.type === r.type && r.wireInputs[input.property] === UNKNOWN_SENTINEL) out.push({ urn: r.urn, property: input.property });
    }
  }
  return out;
}

/**
 * Runs the probe (`runProbe`: the same program, with probeUnknowns) when a pack accepts a rendering
 * of a document the real run left wholly unknown, and attaches the renderings to `stack`. A probe
 * that fails changes nothing: those documents stay unknown, as in `pulumi preview`. Returns how long
 * the probe took, or undefined when none was needed.
 */
export async function addStructureRenderings(stack: CapturedStack, accepted: readonly StructureInput[], runProbe: () => Promise<CapturedStack>): Promise<number | undefined> {
  if (structureCandidates(stack, accepted).length === 0) return undefined;
  const started = Date.now();
  try {
    stack.structureRenderings = structureRenderings(stack, await runProbe(), accepted);
  } catch {
    // Nothing to add: the rules say "could not evaluate" on these documents, as the engine's would.
  }
  return Date.now() - started;
}

/** URN → property → rendering, for the candidates the probe run rendered as documents. */
export function structureRenderings(real: CapturedStack, probe: CapturedStack, accepted: readonly StructureInput[]): Record<string, Record<string, string>> {
  const probed = new Map(probe.resources.map((r) => [r.urn, r]));
  const out: Record<string, Record<string, string>> = {};
  for (const { urn, property } of structureCandidates(real, accepted)) {
    const rendering = renderStructure(probed.get(urn)?.wireInputs[property]);
    if (rendering !== undefined) (out[urn] ??= {})[property] = rendering;
  }
  return out;
}
