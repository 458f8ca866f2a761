import { ResourceView } from "./resource";
import { type Props } from "./values";
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
export declare class GraphResource extends ResourceView {
    parent?: GraphResource;
    dependencies: GraphResource[];
    propertyDependencies: Record<string, GraphResource[]>;
    readonly children: GraphResource[];
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
export declare class StackGraph {
    readonly resources: GraphResource[];
    private readonly byUrn;
    private readonly byType;
    private valueIndex?;
    private referrerIndex?;
    private dependentIndex?;
    private constructor();
    /** From the resources `@pulumi/policy` gives a stack policy (links are object references). */
    static fromPolicyResources(input: readonly PolicyResourceLike[]): StackGraph;
    /** From plain records whose links are URNs. */
    static fromPlain(input: readonly PlainResource[]): StackGraph;
    private wire;
    get(urn: string): GraphResource | undefined;
    ofType(...types: readonly string[]): GraphResource[];
    /** Resources with a property computed from `target`, optionally of some types and property names. */
    referrers(target: GraphResource, filter?: {
        types?: readonly string[];
        properties?: readonly string[];
    }): Array<{
        resource: GraphResource;
        property: string;
    }>;
    /** Resources that list `target` among their dependencies (explicit or through properties). */
    dependents(target: GraphResource): GraphResource[];
    /** Every resource below `root` in the parent tree, optionally filtered by type. */
    descendants(root: GraphResource, types?: readonly string[]): GraphResource[];
    /** Resources of `types` whose identity (arn, id, name, url, …) equals `value`. */
    findByValue(value: string, types?: readonly string[]): GraphResource[];
    /**
     * Resolves a reference property (a string, an array of strings, or a nested path such as
     * "vpcConfig.subnetIds") of `from` to resources of `targetTypes`: by known value first, then
     * through propertyDependencies of the property's top-level key, descending into components.
     */
    resolve(from: GraphResource, path: string, targetTypes: readonly string[]): Resolution;
}
/** A component whose children this analysis cannot see (remote components such as awsx offline). */
export declare function isOpaqueComponent(r: GraphResource): boolean;
