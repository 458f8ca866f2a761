// The stack as a graph: built once per AnalyzeStack, indexed so every lookup is O(1) or O(edges).
//
// In the first preview of a new stack every ID, ARN and generated name is unknown, so rules
// cannot join resources by value. The engine still tells us which resources each property was
// computed from (propertyDependencies), plus dependencies and parents. `resolve` joins by known
// value when it can and through those edges when it cannot, so a rule reaches the same verdict
// on a new stack as on a deployed one.
//
// This is the one place references are resolved; rules and links/ build on it:
//   resolve(from, path, types)      a reference property → resources of `types` (value, literal ARN or
//                                   name, property dependency, into components)
//   resolveByDependencies(…)        only through the property's dependencies (values not readable)
//   resolveEach(from, array, field, …) one field of every element of an array property
//   resolveWithin(from, prop, types) references anywhere inside a structured property (listener actions)
//   findByReference(value, types)   a literal value (ID, name, ARN, queue URL, Lambda name:alias)
//   referrers / dependents / descendants / ofType / get
import { lambdaIdentities, namedTarget } from "./arn";
import { ResourceView } from "./resource";
import { asString, isRecord, isUnknown, readPath, unwrapProps, type Props } from "./values";

/** What `@pulumi/policy` passes to a stack policy for each resource (the parts we use). */
export interface PolicyResourceLike {
    type: string;
    urn: string;
    name: string;
    props: unknown;
    parent?: PolicyResourceLike;
    dependencies: PolicyResourceLike[];
    propertyDependencies: Record<string, PolicyResourceLike[]>;
}

/** A plain description of a resource, for building graphs outside the analyzer (tests, bench). */
export interface PlainResource {
    type: string;
    urn: string;
    name: string;
    props: Props;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export class GraphResource extends ResourceView {
    parent?: GraphResource;
    dependencies: GraphResource[] = [];
    propertyDependencies: Record<string, GraphResource[]> = {};
    readonly children: GraphResource[] = [];
}

/** Where a reference property points. */
export interface Resolution {
    /** Resources of the wanted types the property refers to. */
    targets: GraphResource[];
    /** Known values that match nothing in this stack (resources managed elsewhere). */
    external: string[];
    /** Components the value came from whose children are not visible here (e.g. awsx, offline). */
    opaque: GraphResource[];
    /** Part of the value is unknown and no graph edge explains where it comes from. */
    unresolved: boolean;
    /** The property is absent or empty. */
    absent: boolean;
}

export function emptyResolution(): Resolution {
    return { targets: [], external: [], opaque: [], unresolved: false, absent: false };
}

/** Properties that identify a resource when other resources refer to it by value. */
const IDENTITY_PROPS = [
    "arn", "id", "name", "url", "arnSuffix", "identifier", "clusterIdentifier",
    "invokeArn", "qualifiedArn", "functionName", "bucket", "clusterName",
] as const;

/** How deep `resolveWithin` looks for references inside a structured property (actions nest 3 deep). */
const MAX_REFERENCE_DEPTH = 6;

export class StackGraph {
    readonly resources: GraphResource[];
    private readonly byUrn = new Map<string, GraphResource>();
    private readonly byType = new Map<string, GraphResource[]>();
    private valueIndex?: Map<string, GraphResource[]>;
    private referrerIndex?: Map<GraphResource, Array<{ resource: GraphResource; property: string }>>;
    private dependentIndex?: Map<GraphResource, GraphResource[]>;

    private constructor(resources: GraphResource[]) {
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
    static fromPolicyResources(input: readonly PolicyResourceLike[]): StackGraph {
        const nodes = new Map<PolicyResourceLike, GraphResource>();
        const list: GraphResource[] = [];
        for (const r of input) {
            const node = new GraphResource(r.type, r.urn, r.name, unwrapProps(r.props));
            nodes.set(r, node);
            list.push(node);
        }
        const graph = new StackGraph(list);
        const link = (r: PolicyResourceLike): GraphResource | undefined => nodes.get(r) ?? graph.byUrn.get(r.urn);
        for (const r of input) {
            const node = nodes.get(r)!;
            graph.wire(
                node,
                r.parent ? link(r.parent) : undefined,
                (r.dependencies ?? []).map(link),
                Object.entries(r.propertyDependencies ?? {}).map(([k, deps]) => [k, (deps ?? []).map(link)]),
            );
        }
        return graph;
    }

    /** From plain records whose links are URNs. */
    static fromPlain(input: readonly PlainResource[]): StackGraph {
        const list = input.map((r) => new GraphResource(r.type, r.urn, r.name, r.props));
        const graph = new StackGraph(list);
        input.forEach((r, i) => {
            const get = (urn: string) => graph.byUrn.get(urn);
            graph.wire(
                list[i],
                r.parent ? get(r.parent) : undefined,
                (r.dependencies ?? []).map(get),
                Object.entries(r.propertyDependencies ?? {}).map(([k, deps]) => [k, deps.map(get)]),
            );
        });
        return graph;
    }

    private wire(
        node: GraphResource,
        parent: GraphResource | undefined,
        deps: Array<GraphResource | undefined>,
        propDeps: Array<[string, Array<GraphResource | undefined>]>,
    ): void {
        if (parent && parent !== node) {
            node.parent = parent;
            parent.children.push(node);
        }
        node.dependencies = deps.filter((d): d is GraphResource => d !== undefined);
        for (const [key, list] of propDeps) {
            node.propertyDependencies[key] = list.filter((d): d is GraphResource => d !== undefined);
        }
    }

    get(urn: string): GraphResource | undefined {
        return this.byUrn.get(urn);
    }

    ofType(...types: readonly string[]): GraphResource[] {
        if (types.length === 1) {
            return this.byType.get(types[0]) ?? [];
        }
        return types.flatMap((t) => this.byType.get(t) ?? []);
    }

    /** Resources with a property computed from `target`, optionally of some types and property names. */
    referrers(target: GraphResource, filter: { types?: readonly string[]; properties?: readonly string[] } = {}): Array<{ resource: GraphResource; property: string }> {
        if (!this.referrerIndex) {
            const index = new Map<GraphResource, Array<{ resource: GraphResource; property: string }>>();
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
        return all.filter(
            (e) => (!filter.types || filter.types.includes(e.resource.type)) && (!filter.properties || filter.properties.includes(e.property)),
        );
    }

    /** Resources that list `target` among their dependencies (explicit or through properties). */
    dependents(target: GraphResource): GraphResource[] {
        if (!this.dependentIndex) {
            const index = new Map<GraphResource, GraphResource[]>();
            for (const r of this.resources) {
                const seen = new Set<GraphResource>();
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
    descendants(root: GraphResource, types?: readonly string[]): GraphResource[] {
        const out: GraphResource[] = [];
        const stack = [...root.children];
        while (stack.length > 0) {
            const r = stack.pop()!;
            if (!types || types.includes(r.type)) {
                out.push(r);
            }
            stack.push(...r.children);
        }
        return out;
    }

    /** Resources of `types` whose identity (arn, id, name, url, …) equals `value`. */
    findByValue(value: string, types?: readonly string[]): GraphResource[] {
        if (!this.valueIndex) {
            const index = new Map<string, GraphResource[]>();
            for (const r of this.resources) {
                for (const key of IDENTITY_PROPS) {
                    const v = r.props[key];
                    if (typeof v === "string" && v !== "" && !isUnknown(v)) {
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
     * Resources of `types` a literal reference names: by identity value (ID, ARN, name, URL, …), or
     * by the name a literal ARN, queue URL or Lambda `name:qualifier` embeds, for resources created
     * with that explicit name (their own ARN is unknown in a preview of a new stack).
     */
    findByReference(value: string, types: readonly string[]): GraphResource[] {
        const direct = this.findByValue(value, types);
        if (direct.length > 0) {
            return direct;
        }
        for (const identity of lambdaIdentities(value).slice(1)) {
            const hits = this.findByValue(identity, types);
            if (hits.length > 0) {
                return hits;
            }
        }
        const target = namedTarget(value);
        if (!target || target.name === "") {
            return [];
        }
        const wanted = target.types.filter((t) => types.includes(t));
        return wanted.length === 0 ? [] : this.findByValue(target.name, wanted).filter((r) => asString(r.props["name"]) === target.name);
    }

    /**
     * Resources of `types` that property `property` of `from` was computed from: the dependency
     * itself, or resources of `types` inside a dependency that is a component. `unresolved` when no
     * dependency explains the value; opaque components (children not visible here) explain it.
     */
    resolveByDependencies(from: GraphResource, property: string, types: readonly string[]): Resolution {
        const result = emptyResolution();
        let explained = false;
        for (const d of from.propertyDependencies[property] ?? []) {
            if (types.includes(d.type)) {
                addUnique(result.targets, [d]);
                explained = true;
                continue;
            }
            const inside = this.descendants(d, types);
            if (inside.length > 0) {
                addUnique(result.targets, inside);
                explained = true;
            } else if (isOpaqueComponent(d)) {
                addUnique(result.opaque, [d]);
                explained = true;
            }
        }
        result.unresolved = !explained;
        return result;
    }

    /** Resolves `field` of every element of the array property `arrayPath` (e.g. `loadBalancers[].targetGroupArn`). */
    resolveEach(from: GraphResource, arrayPath: string, field: string, types: readonly string[]): Resolution {
        const read = from.read(arrayPath);
        const result = emptyResolution();
        if (!read.known) {
            return this.resolveByDependencies(from, arrayPath.split(".")[0], types);
        }
        if (!Array.isArray(read.value) || read.value.length === 0) {
            result.absent = true;
            return result;
        }
        for (let i = 0; i < read.value.length; i++) {
            const one = this.resolve(from, `${arrayPath}.${i}.${field}`, types);
            addUnique(result.targets, one.targets);
            addUnique(result.external, one.external);
            addUnique(result.opaque, one.opaque);
            result.unresolved ||= one.unresolved;
        }
        return result;
    }

    /**
     * Resources of `types` referenced anywhere inside a structured property (e.g. a listener's
     * `defaultActions`: `targetGroupArn`, `forward.targetGroups[].arn`): the property's dependencies
     * first, then every known string at any depth that names one by value.
     */
    resolveWithin(from: GraphResource, property: string, types: readonly string[]): GraphResource[] {
        const found = [...this.resolveByDependencies(from, property, types).targets];
        const visit = (v: unknown, depth: number): void => {
            const s = asString(v);
            if (s !== undefined) {
                addUnique(found, this.findByReference(s, types));
            } else if (depth < MAX_REFERENCE_DEPTH && Array.isArray(v)) {
                v.forEach((x) => visit(x, depth + 1));
            } else if (depth < MAX_REFERENCE_DEPTH && isRecord(v)) {
                Object.values(v).forEach((x) => visit(x, depth + 1));
            }
        };
        visit(from.props[property], 0);
        return found;
    }

    /**
     * Resolves a reference property (a string, an array of strings, or a nested path such as
     * "vpcConfig.subnetIds") of `from` to resources of `targetTypes`: by known value first, then
     * through propertyDependencies of the property's top-level key, descending into components.
     */
    resolve(from: GraphResource, path: string, targetTypes: readonly string[]): Resolution {
        const result = emptyResolution();
        const read = readPath(from.props, path);
        const values: unknown[] = [];
        let sawUnknown = false;
        if (!read.known) {
            sawUnknown = true;
        } else if (Array.isArray(read.value)) {
            values.push(...read.value);
        } else if (read.value !== undefined && read.value !== null) {
            values.push(read.value);
        }
        if (read.known && values.length === 0) {
            result.absent = true;
            return result;
        }
        for (const v of values) {
            const s = asString(v);
            if (s !== undefined) {
                const hits = this.findByReference(s, targetTypes);
                if (hits.length > 0) {
                    addUnique(result.targets, hits);
                } else {
                    result.external.push(s);
                }
            } else if (isUnknown(v) || isRecord(v) || Array.isArray(v)) {
                sawUnknown = true;
            }
        }
        if (sawUnknown) {
            const viaDependencies = this.resolveByDependencies(from, path.split(".")[0], targetTypes);
            addUnique(result.targets, viaDependencies.targets);
            addUnique(result.opaque, viaDependencies.opaque);
            result.unresolved = viaDependencies.unresolved;
        }
        return result;
    }
}

/**
 * `build` run once per graph and cached while the graph lives: the indexes links/ and rules build
 * over the whole stack, so that a rule asking about each resource stays linear in resources.
 */
export function perGraph<T>(build: (graph: StackGraph) => T): (graph: StackGraph) => T {
    const cache = new WeakMap<StackGraph, T>();
    return (graph) => {
        if (!cache.has(graph)) {
            cache.set(graph, build(graph));
        }
        return cache.get(graph) as T;
    };
}

/** Appends `value` to the list `map` keeps under `key` (created on first use), once. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (!list) {
        map.set(key, [value]);
    } else if (!list.includes(value)) {
        list.push(value);
    }
}

/** Appends the items not yet in `list` (resolutions keep first-found order, without repeats). */
export function addUnique<T>(list: T[], items: readonly T[]): void {
    for (const item of items) {
        if (!list.includes(item)) {
            list.push(item);
        }
    }
}

/** A component whose children this analysis cannot see (remote components such as awsx offline). */
export function isOpaqueComponent(r: GraphResource): boolean {
    return r.children.length === 0 && !r.type.startsWith("aws:") && !r.type.startsWith("pulumi:");
}
