"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UNKNOWN_STRING = void 0;
exports.isUnknown = isUnknown;
exports.unwrapProps = unwrapProps;
exports.isRecord = isRecord;
exports.readPath = readPath;
exports.containsUnknown = containsUnknown;
exports.parseJsonValue = parseJsonValue;
exports.asNumber = asNumber;
exports.asString = asString;
exports.asBoolean = asBoolean;
exports.asArray = asArray;
// Reading resource properties without tripping over preview unknowns, secrets or odd shapes.
//
// `@pulumi/policy` hands rules a proxy that throws on every unknown read. Rules here read the
// proxy's raw target instead and test for the unknown sentinels themselves: no exception per
// read (cheap at 50k resources), and a rule can fall back to the resource graph before giving up.
const policy_sdk_1 = require("./policy-sdk");
Object.defineProperty(exports, "UNKNOWN_STRING", { enumerable: true, get: function () { return policy_sdk_1.UNKNOWN_STRING; } });
/** The sentinels `@pulumi/policy` deserializes unknown values into (see policy-sdk.ts). */
const UNKNOWN_SENTINELS = (0, policy_sdk_1.unknownSentinels)();
function isUnknown(value) {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}
/** The raw props behind `@pulumi/policy`'s proxy (or the object itself when not proxied). */
function unwrapProps(props) {
    if (props === null || typeof props !== "object") {
        return {};
    }
    const target = props[policy_sdk_1.PROXY_TARGET_KEY];
    const raw = target !== undefined && target !== null && typeof target === "object" ? target : props;
    return raw;
}
function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
const ABSENT = { known: true, value: undefined };
/**
 * Reads a dotted path ("vpcConfig.subnetIds.0") from raw props. Unknown anywhere along the path
 * gives `{known: false}` with the path up to the unknown part; a missing or mistyped intermediate
 * gives a known `undefined`.
 */
function readPath(props, path) {
    let current = props;
    const parts = path.split(".");
    for (let i = 0; i < parts.length; i++) {
        if (isUnknown(current)) {
            return { known: false, path: parts.slice(0, i).join(".") };
        }
        if (Array.isArray(current)) {
            const index = Number(parts[i]);
            current = Number.isInteger(index) ? current[index] : undefined;
        }
        else if (isRecord(current)) {
            current = Object.prototype.hasOwnProperty.call(current, parts[i]) ? current[parts[i]] : undefined;
        }
        else {
            return ABSENT;
        }
    }
    return isUnknown(current) ? { known: false, path } : { known: true, value: current };
}
/** True when the value, or anything nested in it, is unknown. */
function containsUnknown(value, depth = 0) {
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
function parseJsonValue(value) {
    if (value === undefined || value === null || value === "") {
        return { kind: "absent" };
    }
    if (isUnknown(value)) {
        return { kind: "unknown" };
    }
    if (typeof value !== "string") {
        return containsUnknown(value) ? { kind: "unknown" } : { kind: "ok", value };
    }
    // An interpolated JSON string that embeds an unknown (e.g. an ARN) carries the sentinel text.
    for (const sentinel of UNKNOWN_SENTINELS) {
        if (value.includes(sentinel)) {
            try {
                return { kind: "ok", value: JSON.parse(value) };
            }
            catch {
                return { kind: "unknown" };
            }
        }
    }
    try {
        return { kind: "ok", value: JSON.parse(value) };
    }
    catch (e) {
        return { kind: "invalid", reason: e instanceof Error ? e.message : String(e) };
    }
}
const DECIMAL = /^-?\d+(\.\d+)?$/;
function asNumber(value) {
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
function asString(value) {
    return typeof value === "string" && !isUnknown(value) ? value : undefined;
}
function asBoolean(value) {
    if (typeof value === "boolean") {
        return value;
    }
    if (value === "true" || value === "false") {
        return value === "true";
    }
    return undefined;
}
function asArray(value) {
    return Array.isArray(value) ? value : undefined;
}
//# sourceMappingURL=values.js.map