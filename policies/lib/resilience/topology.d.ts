import { type GraphResource, type StackGraph } from "../graph";
import { eventSourceOf, functionsOfMapping } from "../links/messaging";
import { clusterMembers } from "../links/cluster-members";
export declare const SUBNET_TYPES: readonly string[];
export declare const DATA_TYPES: readonly string[];
export declare const COMPUTE_TYPES: readonly string[];
export declare const ENTRY_TYPES: readonly string[];
export interface SubnetInfo {
    subnet: GraphResource;
    zone?: string;
    /** NAT gateways its default route goes through (empty: public or isolated, no NAT dependency). */
    nats: GraphResource[];
    /** The default route's NAT cannot be traced (external or unresolved). */
    natUnknown: boolean;
}
export interface Placement {
    subnets: SubnetInfo[];
    /** Known zones. */
    zones: string[];
    /** True for regional services (no subnets: Lambda outside a VPC, API Gateway, SQS, …). */
    regional: boolean;
    /** What this preview does not know about the placement. */
    unknown: string[];
}
export declare class Topology {
    readonly graph: StackGraph;
    private readonly subnetCache;
    private readonly natZoneCache;
    private readonly dataCache;
    constructor(graph: StackGraph);
    subnet(subnet: GraphResource): SubnetInfo;
    natZone(nat: GraphResource): string | undefined;
    /** Placement from one or more subnet-list properties ("vpcZoneIdentifiers", "vpcConfig.subnetIds"). */
    placement(resource: GraphResource, paths: readonly string[]): Placement;
    /** Data stores a compute resource depends on: referenced in its (or its launch template's/task definition's) properties, by its IAM role's policies, or admitted by security-group rules. */
    dataDependencies(compute: GraphResource): GraphResource[];
}
/** A data-store resource, mapping cluster instances to their cluster and read replicas to their source. */
export declare function asDataStore(graph: StackGraph, r: GraphResource): GraphResource | undefined;
/** The in-stack primary a read replica replicates (undefined for primaries and external sources). */
export declare function replicaSource(graph: StackGraph, instance: GraphResource): GraphResource | undefined;
/** The compute behind a load balancer: listeners → target groups → ASGs, ECS services, instances, functions. */
export declare function loadBalancerTargets(graph: StackGraph, lb: GraphResource): {
    targetGroups: GraphResource[];
    compute: GraphResource[];
};
/** Functions behind an API Gateway stage (REST or HTTP/WebSocket API). */
export declare function apiFunctions(graph: StackGraph, stage: GraphResource): GraphResource[];
/** Load balancers a CloudFront distribution uses as origins. */
export declare function distributionOrigins(graph: StackGraph, dist: GraphResource): GraphResource[];
/** Whether an ASG is attached to any traffic source (kept for standalone-workload detection). */
export declare function hasTrafficSource(graph: StackGraph, asg: GraphResource): boolean;
export interface QueueFacts {
    queue: GraphResource;
    hasDeadLetter: boolean | "unknown";
    maxReceiveCount?: number;
    visibilityTimeoutSeconds?: number;
    retentionSeconds?: number;
    fifo: boolean;
}
export declare function queueFacts(graph: StackGraph, queue: GraphResource): QueueFacts;
export { eventSourceOf, functionsOfMapping, clusterMembers };
