import { UNKNOWN_STRING } from "./policy-sdk";
export { UNKNOWN_STRING };
export type Props = Record<string, unknown>;
export declare function isUnknown(value: unknown): boolean;
/** The raw props behind `@pulumi/policy`'s proxy (or the object itself when not proxied). */
export declare function unwrapProps(props: unknown): Props;
export declare function isRecord(value: unknown): value is Record<string, unknown>;
/** Result of reading a property path: a known value (possibly undefined), or unknown at `path`. */
export type Read = {
    readonly known: true;
    readonly value: unknown;
} | {
    readonly known: false;
    readonly path: string;
};
/**
 * Reads a dotted path ("vpcConfig.subnetIds.0") from raw props. Unknown anywhere along the path
 * gives `{known: false}` with the path up to the unknown part; a missing or mistyped intermediate
 * gives a known `undefined`.
 */
export declare function readPath(props: Props, path: string): Read;
/** True when the value, or anything nested in it, is unknown. */
export declare function containsUnknown(value: unknown, depth?: number): boolean;
/**
 * Parses a property that AWS models as a JSON document (redrive policies, state machine
 * definitions, IAM policies). Objects pass through; strings are parsed; anything that is not
 * JSON gives `invalid` rather than an exception.
 */
export type JsonRead = {
    kind: "absent";
} | {
    kind: "unknown";
} | {
    kind: "invalid";
    reason: string;
} | {
    kind: "ok";
    value: unknown;
};
export declare function parseJsonValue(value: unknown): JsonRead;
export declare function asNumber(value: unknown): number | undefined;
export declare function asString(value: unknown): string | undefined;
export declare function asBoolean(value: unknown): boolean | undefined;
export declare function asArray(value: unknown): unknown[] | undefined;
