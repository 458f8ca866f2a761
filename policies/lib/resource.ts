// A read-only view of one resource for rules: typed, unknown-aware property access.
import {
    asArray,
    asBoolean,
    asNumber,
    asString,
    describeValue,
    isRecord,
    parseJsonValue,
    readPath,
    type JsonRead,
    type Props,
    type Read,
} from "./values";
import { type SecretsByPath } from "./policy-sdk";
import { REDACTED } from "./redact";
import { isSecretPath, NO_SECRETS } from "./secrets";

/**
 * Thrown by the strict accessors when a rule needs a value that is unknown during preview. The
 * evaluator turns it into one advisory "could not evaluate: <path> is unknown" per resource, so a
 * rule never crashes and never passes silently.
 */
export class UnresolvableError extends Error {
    constructor(readonly property: string, readonly detail?: string) {
        super(`${property} is unknown during preview${detail ? ` (${detail})` : ""}`);
        this.name = "UnresolvableError";
    }
}

/**
 * Whether the check running now read a structure rendering (a JSON document with unknown leaves,
 * see JsonRead): the evaluator marks the verdict as decided from the document's structure. Checks
 * are synchronous, so one counter per process is exact.
 */
let structureReads = 0;

export function readsStructure<T>(check: () => T): { result: T; readStructure: boolean } {
    const before = structureReads;
    const result = check();
    return { result, readStructure: structureReads !== before };
}

export class ResourceView {
    private tagCache?: Readonly<Record<string, string>>;
    /** The properties the program marked secret, by path (set by the pack from the engine's request). */
    secrets: SecretsByPath = NO_SECRETS;

    constructor(
        readonly type: string,
        readonly urn: string,
        readonly name: string,
        readonly props: Props,
    ) {}

    /** True when the program marked the value at `path` secret (or a property around it, or inside it). */
    isSecret(path: string): boolean {
        return isSecretPath(this.secrets, path);
    }

    /** The value at `path` as a message shows it: "[secret]" for a secret, else its JSON form. */
    show(path: string): string {
        if (this.isSecret(path)) {
            return REDACTED;
        }
        const r = this.read(path);
        return r.known ? describeValue(r.value) : "(unknown)";
    }

    /** Known-or-unknown read; never throws. */
    read(path: string): Read {
        return readPath(this.props, path);
    }

    isUnknown(path: string): boolean {
        return !this.read(path).known;
    }

    /** The value at `path` (undefined when absent); throws UnresolvableError when unknown. */
    value(path: string): unknown {
        const r = this.read(path);
        if (!r.known) {
            throw new UnresolvableError(r.path);
        }
        return r.value;
    }

    number(path: string): number | undefined {
        return asNumber(this.value(path));
    }

    string(path: string): string | undefined {
        return asString(this.value(path));
    }

    boolean(path: string): boolean | undefined {
        return asBoolean(this.value(path));
    }

    array(path: string): unknown[] | undefined {
        return asArray(this.value(path));
    }

    record(path: string): Record<string, unknown> | undefined {
        const v = this.value(path);
        return isRecord(v) ? v : undefined;
    }

    /** A property AWS models as a JSON document (string or object), parsed without throwing. */
    json(path: string): JsonRead {
        const r = this.read(path);
        const parsed: JsonRead = r.known ? parseJsonValue(r.value) : { kind: "unknown" };
        if (parsed.kind === "ok" && parsed.partial) {
            structureReads++;
        }
        return parsed;
    }

    /** Known string tags (`tags`, falling back to `tagsAll`); unknown tag values are skipped. */
    get tags(): Readonly<Record<string, string>> {
        if (!this.tagCache) {
            const out: Record<string, string> = {};
            for (const key of ["tagsAll", "tags"]) {
                const r = this.read(key);
                if (r.known && isRecord(r.value)) {
                    for (const [k, v] of Object.entries(r.value)) {
                        const s = asString(v);
                        if (s !== undefined) {
                            out[k] = s;
                        }
                    }
                }
            }
            this.tagCache = out;
        }
        return this.tagCache;
    }
}
