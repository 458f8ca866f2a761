import { type JsonRead, type Props, type Read } from "./values";
/**
 * Thrown by the strict accessors when a rule needs a value that is unknown during preview. The
 * evaluator turns it into one advisory "could not evaluate: <path> is unknown" per resource, so a
 * rule never crashes and never passes silently.
 */
export declare class UnresolvableError extends Error {
    readonly property: string;
    readonly detail?: string | undefined;
    constructor(property: string, detail?: string | undefined);
}
export declare class ResourceView {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly props: Props;
    private tagCache?;
    constructor(type: string, urn: string, name: string, props: Props);
    /** Known-or-unknown read; never throws. */
    read(path: string): Read;
    isUnknown(path: string): boolean;
    /** The value at `path` (undefined when absent); throws UnresolvableError when unknown. */
    value(path: string): unknown;
    number(path: string): number | undefined;
    string(path: string): string | undefined;
    boolean(path: string): boolean | undefined;
    array(path: string): unknown[] | undefined;
    record(path: string): Record<string, unknown> | undefined;
    /** A property AWS models as a JSON document (string or object), parsed without throwing. */
    json(path: string): JsonRead;
    /** Known string tags (`tags`, falling back to `tagsAll`); unknown tag values are skipped. */
    get tags(): Readonly<Record<string, string>>;
}
