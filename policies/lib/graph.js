"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StackGraph = exports.GraphResource = void 0;
exports.isOpaqueComponent = isOpaqueComponent;
// The stack as a graph: built once per AnalyzeStack, indexed so every lookup is O(1) or O(edges).
//
// In the first preview of a new stack every ID, ARN and generated name is unknown, so rules
// cannot join resources by value. The engine still tells us which resources each property was
// computed from (propertyDependencies), plus dependencies and parents. `resolve` joins by known
// value when it can and through those edges when it cannot, so a rule reaches the same verdict
// on a new stack as on a deployed one.
const resource_1 = require("./resource");
const values_1 = require("./values");
class GraphResource extends resource_1.ResourceView {
    parent;
    dependencies = [];
    propertyDependencies = {};
    children = [];
}
exports.GraphResource = GraphResource;
/** Properties that identify a resource when other resources refer to it by value. */
const IDENTITY_PROPS = [
    "arn", "id", "name", "url", "arnSuffix", "identifier", "clusterIdentifier",
    "invokeArn", "qualifiedArn", "functionName", "bucket", "clusterName",
];
class StackGraph {
    resources;
    byUrn = new Map();
    byType = new Map();
    valueIndex;
    referrerIndex;
    dependentIndex;
    constructor(resources) {
        this.resources = resources;
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
            let list = this.byType.get(r.type);
            if (!list) {
                list = [];
                this.byType.set(r.type, list);
            }
            list.push(r);
        }
    }
    /** From the resources `@pulumi/policy` gives a stack policy (links are object references). */
    static fromPolicyResources(input) {
        const nodes = new Map();
        const list = [];
        for (const r of input) {
            const node = new GraphResource(r.type, r.urn, r.name, (0, values_1.unwrapProps)(r.props));
            nodes.set(r, node);
            list.push(node);
        }
        const graph = new StackGraph(list);
        const link = (r) => nodes.get(r) ?? graph.byUrn.get(r.urn);
        for (const r of input) {
            const node = nodes.get(r);
            graph.wire(node, r.parent ? link(r.parent) : undefined, (r.dependencies ?? []).map(link), Object.entries(r.propertyDependencies ?? {}).map(([k, deps]) => [k, (deps ?? []).map(link)]));
        }
        return graph;
    }
    /** From plain records whose links are URNs. */
    static fromPlain(input) {
        const list = input.map((r) => new GraphResource(r.type, r.urn, r.name, r.props));
        const graph = new StackGraph(list);
        input.forEach((r, i) => {
            const get = (urn) => graph.byUrn.get(urn);
            graph.wire(list[i], r.parent ? get(r.parent) : undefined, (r.dependencies ?? []).map(get), Object.entries(r.propertyDependencies ?? {}).map(([k, deps]) => [k, deps.map(get)]));
        });
        return graph;
    }
    wire(node, parent, deps, propDeps) {
        if (parent && parent !== node) {
            node.parent = parent;
            parent.children.push(node);
        }
        node.dependencies = deps.filter((d) => d !== undefined);
        for (const [key, list] of propDeps) {
            node.propertyDependencies[key] = list.filter((d) => d !== undefined);
        }
    }
    get(urn) {
        return this.byUrn.get(urn);
    }
    ofType(...types) {
        if (types.length === 1) {
            return this.byType.get(types[0]) ?? [];
        }
        return types.flatMap((t) => this.byType.get(t) ?? []);
    }
    /** Resources with a property computed from `target`, optionally of some types and property names. */
    referrers(target, filter = {}) {
        if (!this.referrerIndex) {
            const index = new Map();
            for (const r of this.resources) {
                for (const [property, deps] of Object.entries(r.propertyDependencies)) {
                    for (const d of deps) {
                        let list = index.get(d);
                        if (!list) {
                            list = [];
                            index.set(d, list);
                        }
                        list.push({ resource: r, property });
                    }
                }
            }
            this.referrerIndex = index;
        }
        const all = this.referrerIndex.get(target) ?? [];
        return all.filter((e) => (!filter.types || filter.types.includes(e.resource.type)) && (!filter.properties || filter.properties.includes(e.property)));
    }
    /** Resources that list `target` among their dependencies (explicit or through properties). */
    dependents(target) {
        if (!this.dependentIndex) {
            const index = new Map();
            for (const r of this.resources) {
                const seen = new Set();
                for (const d of r.dependencies) {
                    seen.add(d);
                }
                for (const deps of Object.values(r.propertyDependencies)) {
                    for (const d of deps) {
                        seen.add(d);
                    }
                }
                for (const d of seen) {
                    let list = index.get(d);
                    if (!list) {
                        list = [];
                        index.set(d, list);
                    }
                    list.push(r);
                }
            }
            this.dependentIndex = index;
        }
        return this.dependentIndex.get(target) ?? [];
    }
    /** Every resource below `root` in the parent tree, optionally filtered by type. */
    descendants(root, types) {
        const out = [];
        const stack = [...root.children];
        while (stack.length > 0) {
            const r = stack.pop();
            if (!types || types.includes(r.type)) {
                out.push(r);
            }
            stack.push(...r.children);
        }
        return out;
    }
    /** Resources of `types` whose identity (arn, id, name, url, …) equals `value`. */
    findByValue(value, types) {
        if (!this.valueIndex) {
            const index = new Map();
            for (const r of this.resources) {
                for (const key of IDENTITY_PROPS) {
                    const v = r.props[key];
                    if (typeof v === "string" && v !== "" && !(0, values_1.isUnknown)(v)) {
                        let list = index.get(v);
                        if (!list) {
                            list = [];
                            index.set(v, list);
                        }
                        if (!list.includes(r)) {
                            list.push(r);
                        }
                    }
                }
            }
            this.valueIndex = index;
        }
        const hits = this.valueIndex.get(value) ?? [];
        return types ? hits.filter((r) => types.includes(r.type)) : hits;
    }
    /**
     * Resolves a reference property (a string, an array of strings, or a nested path such as
     * "vpcConfig.subnetIds") of `from` to resources of `targetTypes`: by known value first, then
     * through propertyDependencies of the property's top-level key, descending into components.
     */
    resolve(from, path, targetTypes) {
        const result = { targets: [], external: [], opaque: [], unresolved: false, absent: false };
        const read = (0, values_1.readPath)(from.props, path);
        const values = [];
        let sawUnknown = false;
        if (!read.known) {
            sawUnknown = true;
        }
        else if (Array.isArray(read.value)) {
            values.push(...read.value);
        }
        else if (read.value !== undefined && read.value !== null) {
            values.push(read.value);
        }
        if (read.known && values.length === 0) {
            result.absent = true;
            return result;
        }
        const add = (r) => {
            if (!result.targets.includes(r)) {
                result.targets.push(r);
            }
        };
        for (const v of values) {
            const s = (0, values_1.asString)(v);
            if (s !== undefined) {
                const hits = this.findByValue(s, targetTypes);
                if (hits.length > 0) {
                    hits.forEach(add);
                }
                else {
                    result.external.push(s);
                }
            }
            else if ((0, values_1.isUnknown)(v) || (0, values_1.isRecord)(v) || Array.isArray(v)) {
                sawUnknown = true;
            }
        }
        if (sawUnknown) {
            const key = path.split(".")[0];
            const deps = from.propertyDependencies[key] ?? [];
            let explained = false;
            for (const d of deps) {
                if (targetTypes.includes(d.type)) {
                    add(d);
                    explained = true;
                    continue;
                }
                const inside = this.descendants(d, targetTypes);
                if (inside.length > 0) {
                    inside.forEach(add);
                    explained = true;
                }
                else if (isOpaqueComponent(d)) {
                    if (!result.opaque.includes(d)) {
                        result.opaque.push(d);
                    }
                    explained = true;
                }
            }
            result.unresolved = !explained;
        }
        return result;
    }
}
exports.StackGraph = StackGraph;
/** A component whose children this analysis cannot see (remote components such as awsx offline). */
function isOpaqueComponent(r) {
    return r.children.length === 0 && !r.type.startsWith("aws:") && !r.type.startsWith("pulumi:");
}
//# sourceMappingURL=graph.js.map