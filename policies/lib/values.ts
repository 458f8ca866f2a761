// Reading resource properties without tripping over preview unknowns, secrets or odd shapes.
//
// `@pulumi/policy` hands rules a proxy that throws on every unknown read. Rules here read the
// proxy's raw target instead and test for the unknown sentinels themselves: no exception per
// read (cheap at 50k resources), and a rule can fall back to the resource graph before giving up.
import { PROXY_TARGET_KEY, UNKNOWN_STRING, unknownSentinels } from "./policy-sdk";

export { UNKNOWN_STRING };

/** The sentinels `@pulumi/policy` deserializes unknown values into (see policy-sdk.ts). */
const UNKNOWN_SENTINELS: ReadonlySet<string> = unknownSentinels();

export type Props = Record<string, unknown>;

export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/** The raw props behind `@pulumi/policy`'s proxy (or the object itself when not proxied). */
export function unwrapProps(props: unknown): Props {
    if (props === null || typeof props !== "object") {
        return {};
    }
    const target = (props as Record<string, unknown>)[PROXY_TARGET_KEY];
    const raw = target !== undefined && target !== null && typeof target === "object" ? target : props;
    return raw as Props;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Result of reading a property path: a known value (possibly undefined), or unknown at `path`. */
export type Read = { readonly known: true; readonly value: unknown } | { readonly known: false; readonly path: string };

const ABSENT: Read = { known: true, value: undefined };

/**
 * Reads a dotted path ("vpcConfig.subnetIds.0") from raw props. Unknown anywhere along the path
 * gives `{known: false}` with the path up to the unknown part; a missing or mistyped intermediate
 * gives a known `undefined`.
 */
export function readPath(props: Props, path: string): Read {
    let current: unknown = props;
    const parts = path.split(".");
    for (let i = 0; i < parts.length; i++) {
        if (isUnknown(current)) {
            return { known: false, path: parts.slice(0, i).join(".") };
        }
        if (Array.isArray(current)) {
            const index = Number(parts[i]);
            current = Number.isInteger(index) ? current[index] : undefined;
        } else if (isRecord(current)) {
            current = Object.prototype.hasOwnProperty.call(current, parts[i]) ? current[parts[i]] : undefined;
        } else {
            return ABSENT;
        }
    }
    return isUnknown(current) ? { known: false, path } : { known: true, value: current };
}

/** True when the value, or anything nested in it, is unknown. */
export function containsUnknown(value: unknown, depth = 0): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (depth > 32) {
        return false;
    }
    if (Array.isArray(value)) {
        return value.some((v) => containsUnknown(v, depth + 1));
    }
    if (isRecord(value)) {
        return Object.values(value).some((v) => containsUnknown(v, depth + 1));
    }
    return false;
}

/** An interpolated string that embeds an unknown value (e.g. a JSON document or ARN built from
 *  an output) carries the sentinel's text. */
export function containsUnknownText(value: string): boolean {
    for (const sentinel of UNKNOWN_SENTINELS) {
        if (value.includes(sentinel)) {
            return true;
        }
    }
    return false;
}

/**
 * Parses a property that AWS models as a JSON document (redrive policies, state machine
 * definitions, IAM policies). Objects pass through; strings are parsed; anything that is not
 * JSON gives `invalid` rather than an exception.
 */
export type JsonRead =
    | { kind: "absent" }
    | { kind: "unknown" }
    | { kind: "invalid"; reason: string }
    /**
     * `partial`: some leaves are unknown. Only the offline preview sends such a document (a
     * structure rendering, preview/src/capture/probe.ts): the engine sends a document built from
     * unknown values as one unknown value. A rule may judge its structure, never those leaves.
     */
    | { kind: "ok"; value: unknown; partial?: true };

export function parseJsonValue(value: unknown): JsonRead {
    if (value === undefined || value === null || value === "") {
        return { kind: "absent" };
    }
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (typeof value !== "string") {
        return containsUnknown(value) ? { kind: "unknown" } : { kind: "ok", value };
    }
    // A structure rendering: a JSON document whose unknown leaves are the sentinel.
    if (containsUnknownText(value)) {
        try {
            return { kind: "ok", value: JSON.parse(value), partial: true };
        } catch {
            return { kind: "unknown" };
        }
    }
    try {
        return { kind: "ok", value: JSON.parse(value) };
    } catch (e) {
        return { kind: "invalid", reason: e instanceof Error ? e.message : String(e) };
    }
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function asNumber(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) {
        return value;
    }
    // Plain decimal only: Number() would also read "0x3c", "1e3" or "  7 " as numbers.
    if (typeof value === "string" && DECIMAL.test(value)) {
        const n = Number(value);
        return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
}

export function asString(value: unknown): string | undefined {
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
    if (typeof value === "boolean") {
        return value;
    }
    if (value === "true" || value === "false") {
        return value === "true";
    }
    return undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
    return Array.isArray(value) ? value : undefined;
}

/** A value as a message quotes it: numbers and booleans plain, everything else in JSON form. */
export function describeValue(value: unknown): string {
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    if (value === undefined) {
        return "unset";
    }
    return JSON.stringify(value) ?? String(value);
}
