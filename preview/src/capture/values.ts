// Property values as they travel over the Pulumi gRPC wire (google.protobuf.Struct in its plain-JS
// form) and a JSON-safe, human-friendly decoding of them for reports and tests.

import { UNKNOWN_STRING } from "../../../policies/lib/wire";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The engine's marker for a value that is not known during a preview (defined once, in the wire module). */
export const UNKNOWN_SENTINEL = UNKNOWN_STRING;

/** Signature keys the Pulumi wire format uses for special objects (wire constants; a test pins them to the SDK's). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SIG = {
  secret: "1b47061264138c4ac30d75fd1eb44270",
  resourceReference: "5cf8f73096256a8f31e491e813e4eb8e",
  outputValue: "d0e6a833031e9bbcd3f4e8bde6ca49a4",
  asset: "c44067f5952c0a294b673a41bacd8c17",
  archive: "0def7320c3a5731c473e5ecbe6d01bc7",
} as const;

/** How a decoded (JSON-safe) value says "unknown during preview". */
export interface UnknownMarker {
  $unknown: true;
}
export const UNKNOWN: UnknownMarker = Object.freeze({ $unknown: true as const });

/** Whether a decoded capture value is the UNKNOWN marker. (Rules test unknowns with
 *  policies/lib/values `isUnknown`, on the values `@pulumi/policy` hands them.) */
export function isUnknownMarker(value: unknown): value is UnknownMarker {
  return typeof value === "object" && value !== null && (value as { $unknown?: unknown }).$unknown === true;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Decodes a wire value into plain JSON: unknowns become `{ "$unknown": true }`, secrets are
 * unwrapped to their plaintext (the preview never has real secrets: see placeholders in config),
 * resource references become `{ "$resource": urn }`, assets and archives stay as they are.
 */
export function decodeWireValue(value: JsonValue): JsonValue {
  if (value === UNKNOWN_SENTINEL) return { ...UNKNOWN };
  if (Array.isArray(value)) return value.map(decodeWireValue);
  if (!isObject(value)) return value;
  const sig = value[SPECIAL_SIG_KEY];
  if (sig === SIG.secret) return decodeWireValue(value.value ?? null);
  if (sig === SIG.outputValue) return "value" in value ? decodeWireValue(value.value) : { ...UNKNOWN };
  if (sig === SIG.resourceReference) return { $resource: value.urn ?? null };
  if (sig === SIG.asset || sig === SIG.archive) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = decodeWireValue(v);
  return out;
}

/** True when the wire value contains an unknown anywhere inside it. */
export function containsUnknown(value: JsonValue): boolean {
  if (value === UNKNOWN_SENTINEL) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (!isObject(value)) return false;
  if (value[SPECIAL_SIG_KEY] === SIG.outputValue && !("value" in value)) return true;
  return Object.values(value).some(containsUnknown);
}

/** Parses a Go duration string ("1h30m", "10m", "90s", "1.5h") into seconds, as the engine does. */
export function parseGoDurationSeconds(text: string): number {
  if (text === "") return 0;
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(re)) {
    total += Number(match[1]) * units[match[2]];
    consumed += match[0].length;
  }
  if (consumed !== text.length) throw new Error(`invalid duration "${text}" (expected Go syntax such as "10m" or "1h30m")`);
  return total;
}
