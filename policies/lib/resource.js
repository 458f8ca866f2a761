"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ResourceView = exports.UnresolvableError = void 0;
// A read-only view of one resource for rules: typed, unknown-aware property access.
const values_1 = require("./values");
/**
 * Thrown by the strict accessors when a rule needs a value that is unknown during preview. The
 * evaluator turns it into one advisory "could not evaluate: <path> is unknown" per resource, so a
 * rule never crashes and never passes silently.
 */
class UnresolvableError extends Error {
    property;
    detail;
    constructor(property, detail) {
        super(`${property} is unknown during preview${detail ? ` (${detail})` : ""}`);
        this.property = property;
        this.detail = detail;
        this.name = "UnresolvableError";
    }
}
exports.UnresolvableError = UnresolvableError;
class ResourceView {
    type;
    urn;
    name;
    props;
    tagCache;
    constructor(type, urn, name, props) {
        this.type = type;
        this.urn = urn;
        this.name = name;
        this.props = props;
    }
    /** Known-or-unknown read; never throws. */
    read(path) {
        return (0, values_1.readPath)(this.props, path);
    }
    isUnknown(path) {
        return !this.read(path).known;
    }
    /** The value at `path` (undefined when absent); throws UnresolvableError when unknown. */
    value(path) {
        const r = this.read(path);
        if (!r.known) {
            throw new UnresolvableError(r.path);
        }
        return r.value;
    }
    number(path) {
        return (0, values_1.asNumber)(this.value(path));
    }
    string(path) {
        return (0, values_1.asString)(this.value(path));
    }
    boolean(path) {
        return (0, values_1.asBoolean)(this.value(path));
    }
    array(path) {
        return (0, values_1.asArray)(this.value(path));
    }
    record(path) {
        const v = this.value(path);
        return (0, values_1.isRecord)(v) ? v : undefined;
    }
    /** A property AWS models as a JSON document (string or object), parsed without throwing. */
    json(path) {
        const r = this.read(path);
        return r.known ? (0, values_1.parseJsonValue)(r.value) : { kind: "unknown" };
    }
    /** Known string tags (`tags`, falling back to `tagsAll`); unknown tag values are skipped. */
    get tags() {
        if (!this.tagCache) {
            const out = {};
            for (const key of ["tagsAll", "tags"]) {
                const r = this.read(key);
                if (r.known && (0, values_1.isRecord)(r.value)) {
                    for (const [k, v] of Object.entries(r.value)) {
                        const s = (0, values_1.asString)(v);
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
exports.ResourceView = ResourceView;
//# sourceMappingURL=resource.js.map