// What the failure model reasons over, read from the stack graph: where each resource sits (AZs,
// subnets, the NAT gateways its egress goes through), the compute that serves each entry point
// and workload, and the data stores each of them depends on. Linear in resources: every lookup
// goes through the graph's indexes (referrers, resolve) and is cached per resource.
import { aws } from "../aws-types";
import { type GraphResource, type StackGraph } from "../graph";
import { serviceTaskDefinition } from "../links/ecs";
import { asgTrafficSources, ASG_TYPES, LOAD_BALANCER_TYPES, targetGroupsOfLoadBalancer } from "../links/loadbalancing";
import { eventSourceOf, functionsOfMapping, redrivesOf } from "../links/messaging";
import { defaultRouteNats } from "../links/routes";
import { subnetsAt, zoneOfSubnet, zonesOfSubnets, type ZoneResolution } from "../links/zones";
import { clusterMembers } from "../links/cluster-members";
import { asNumber, asString } from "../values";

const VPC_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SECURITY_GROUP_TYPES: readonly string[] = [aws.ec2.SecurityGroup, aws.ec2.DefaultSecurityGroup];
const TG_ATTACHMENT_TYPES = [aws.lb.TargetGroupAttachment, aws.alb.TargetGroupAttachment];
export const DATA_TYPES: readonly string[] = [aws.rds.Instance, aws.rds.Cluster, aws.elasticache.ReplicationGroup, aws.elasticache.Cluster, aws.dynamodb.Table];
export const COMPUTE_TYPES: readonly string[] = [aws.autoscaling.Group, aws.ecs.Service, aws.lambda.Function, aws.ec2.Instance];
export const ENTRY_TYPES: readonly string[] = [...LOAD_BALANCER_TYPES, aws.elb.LoadBalancer, aws.apigateway.Stage, aws.apigatewayv2.Stage, aws.lambda.FunctionUrl, aws.cloudfront.Distribution];

// ------------------------------------------------------------------------------------------------
// Placement
// ------------------------------------------------------------------------------------------------

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

export class Topology {
    private readonly subnetCache = new Map<GraphResource, SubnetInfo>();
    private readonly natZoneCache = new Map<GraphResource, string | undefined>();
    private readonly dataCache = new Map<GraphResource, GraphResource[]>();

    constructor(readonly graph: StackGraph) {}

    subnet(subnet: GraphResource): SubnetInfo {
        let info = this.subnetCache.get(subnet);
        if (!info) {
            const hops = defaultRouteNats(this.graph, subnet);
            info = {
                subnet,
                zone: zoneOfSubnet(subnet),
                nats: [...new Set(hops.flatMap((h) => h.nats))],
                natUnknown: hops.some((h) => h.unresolved || h.external.length > 0),
            };
            this.subnetCache.set(subnet, info);
        }
        return info;
    }

    natZone(nat: GraphResource): string | undefined {
        if (!this.natZoneCache.has(nat)) {
            const subnet = subnetsAt(this.graph, nat, "subnetId")[0];
            this.natZoneCache.set(nat, subnet ? zoneOfSubnet(subnet) : undefined);
        }
        return this.natZoneCache.get(nat);
    }

    /** Placement from one or more subnet-list properties ("vpcZoneIdentifiers", "vpcConfig.subnetIds"). */
    placement(resource: GraphResource, paths: readonly string[]): Placement {
        const parts: ZoneResolution[] = paths.map((p) => zonesOfSubnets(this.graph, resource, p));
        const used = parts.filter((p) => !p.absent);
        if (used.length === 0) {
            return { subnets: [], zones: [], regional: true, unknown: [] };
        }
        const subnets = [...new Set(used.flatMap((p) => p.subnets))].map((s) => this.subnet(s));
        const zones = [...new Set(used.flatMap((p) => [...p.zones]))].sort();
        const unknown: string[] = [];
        for (const p of used) {
            if (p.unknownZone.length > 0) unknown.push(`the availability zone of ${p.unknownZone.map((s) => s.name).join(", ")}`);
            if (p.external.length > 0) unknown.push(`the zones of subnets ${p.external.join(", ")} (not managed in this stack)`);
            if (p.opaque.length > 0) unknown.push(`the subnets of ${p.opaque.map((o) => `${o.component.type} ${o.component.name}`).join(", ")} (a component whose children are not visible here)`);
            if (p.unresolved) unknown.push(`the subnets of ${resource.name} (computed from values this preview cannot trace)`);
        }
        return { subnets, zones, regional: false, unknown };
    }

    /** Data stores a compute resource depends on: referenced in its (or its launch template's/task definition's) properties, by its IAM role's policies, or admitted by security-group rules. */
    dataDependencies(compute: GraphResource): GraphResource[] {
        const cached = this.dataCache.get(compute);
        if (cached) return cached;
        const g = this.graph;
        const found = new Set<GraphResource>();
        const config = configResources(g, compute);
        const addFromDeps = (r: GraphResource) => {
            for (const deps of Object.values(r.propertyDependencies)) {
                for (const d of deps) {
                    const store = asDataStore(g, d);
                    if (store) found.add(store);
                }
            }
        };
        config.forEach(addFromDeps);
        for (const role of rolesOf(g, config)) {
            for (const { resource: rp } of g.referrers(role, { types: [aws.iam.RolePolicy], properties: ["role"] })) addFromDeps(rp);
            for (const { resource: att } of g.referrers(role, { types: [aws.iam.RolePolicyAttachment], properties: ["role"] })) {
                for (const policy of g.resolve(att, "policyArn", [aws.iam.Policy]).targets) addFromDeps(policy);
            }
        }
        for (const sg of securityGroupsOf(config)) {
            for (const target of admittedGroups(g, sg)) {
                for (const { resource } of g.referrers(target, { types: DATA_TYPES.concat([aws.rds.ClusterInstance]), properties: ["vpcSecurityGroupIds", "securityGroupIds"] })) {
                    const store = asDataStore(g, resource);
                    if (store) found.add(store);
                }
            }
        }
        const list = [...found];
        this.dataCache.set(compute, list);
        return list;
    }
}

/** A data-store resource, mapping cluster instances to their cluster and read replicas to their source. */
export function asDataStore(graph: StackGraph, r: GraphResource): GraphResource | undefined {
    if (r.type === aws.rds.ClusterInstance) {
        return graph.resolve(r, "clusterIdentifier", [aws.rds.Cluster]).targets[0];
    }
    if (r.type === aws.rds.Instance) {
        const source = replicaSource(graph, r);
        return source ?? r;
    }
    return DATA_TYPES.includes(r.type) ? r : undefined;
}

/** The in-stack primary a read replica replicates (undefined for primaries and external sources). */
export function replicaSource(graph: StackGraph, instance: GraphResource): GraphResource | undefined {
    const read = instance.read("replicateSourceDb");
    if (read.known && (read.value === undefined || read.value === null || read.value === "")) return undefined;
    return graph.resolve(instance, "replicateSourceDb", [aws.rds.Instance]).targets[0];
}

/** Launch template / task definition that configure a compute resource, plus the resource itself. */
function configResources(graph: StackGraph, compute: GraphResource): GraphResource[] {
    const out = [compute];
    if (compute.type === aws.autoscaling.Group) {
        for (const path of ["launchTemplate", "mixedInstancesPolicy", "launchConfiguration"]) {
            out.push(...graph.resolve(compute, path, [aws.ec2.LaunchTemplate, aws.ec2.LaunchConfiguration]).targets);
        }
    } else if (compute.type === aws.ecs.Service) {
        const td = serviceTaskDefinition(graph, compute);
        if (td.kind === "found") out.push(td.taskDefinition);
    }
    return [...new Set(out)];
}

function rolesOf(graph: StackGraph, config: GraphResource[]): GraphResource[] {
    const roles = new Set<GraphResource>();
    for (const r of config) {
        for (const path of ["role", "taskRoleArn", "iamInstanceProfile"]) {
            const deps = r.propertyDependencies[path] ?? [];
            for (const d of deps) {
                if (d.type === aws.iam.Role) roles.add(d);
                if (d.type === aws.iam.InstanceProfile) graph.resolve(d, "role", [aws.iam.Role]).targets.forEach((x) => roles.add(x));
            }
        }
    }
    return [...roles];
}

function securityGroupsOf(config: GraphResource[]): GraphResource[] {
    const out = new Set<GraphResource>();
    for (const r of config) {
        for (const path of ["vpcSecurityGroupIds", "securityGroups", "networkInterfaces", "networkConfiguration", "vpcConfig"]) {
            for (const d of r.propertyDependencies[path] ?? []) if (SECURITY_GROUP_TYPES.includes(d.type)) out.add(d);
        }
    }
    return [...out];
}

/** Security groups that admit traffic from `source` (ingress rules naming it as the peer). */
function admittedGroups(graph: StackGraph, source: GraphResource): GraphResource[] {
    const out = new Set<GraphResource>();
    for (const { resource: rule } of graph.referrers(source, { types: [VPC_INGRESS_RULE], properties: ["referencedSecurityGroupId"] })) {
        graph.resolve(rule, "securityGroupId", SECURITY_GROUP_TYPES).targets.forEach((t) => out.add(t));
    }
    for (const { resource: rule } of graph.referrers(source, { types: [aws.ec2.SecurityGroupRule], properties: ["sourceSecurityGroupId"] })) {
        if (asString(rule.props["type"]) !== "egress") graph.resolve(rule, "securityGroupId", SECURITY_GROUP_TYPES).targets.forEach((t) => out.add(t));
    }
    for (const { resource: sg } of graph.referrers(source, { types: SECURITY_GROUP_TYPES, properties: ["ingress"] })) out.add(sg);
    return [...out];
}

// ------------------------------------------------------------------------------------------------
// Who serves what
// ------------------------------------------------------------------------------------------------

/** The compute behind a load balancer: listeners → target groups → ASGs, ECS services, instances, functions. */
export function loadBalancerTargets(graph: StackGraph, lb: GraphResource): { targetGroups: GraphResource[]; compute: GraphResource[] } {
    const tgs = targetGroupsOfLoadBalancer(graph, lb);
    const compute = new Set<GraphResource>();
    for (const tg of tgs) {
        for (const { resource } of graph.referrers(tg, { types: [...ASG_TYPES, aws.ecs.Service], properties: ["targetGroupArns", "loadBalancers", "trafficSources"] })) compute.add(resource);
        for (const { resource: att } of graph.referrers(tg, { types: [aws.autoscaling.Attachment, aws.autoscaling.TrafficSourceAttachment], properties: ["lbTargetGroupArn", "trafficSource"] })) {
            graph.resolve(att, "autoscalingGroupName", ASG_TYPES).targets.forEach((a) => compute.add(a));
        }
        for (const { resource: att } of graph.referrers(tg, { types: TG_ATTACHMENT_TYPES, properties: ["targetGroupArn"] })) {
            graph.resolve(att, "targetId", [aws.ec2.Instance, aws.lambda.Function]).targets.forEach((t) => compute.add(t));
        }
    }
    if (lb.type === aws.elb.LoadBalancer) {
        for (const { resource } of graph.referrers(lb, { types: ASG_TYPES, properties: ["loadBalancers"] })) compute.add(resource);
        graph.resolve(lb, "instances", [aws.ec2.Instance]).targets.forEach((i) => compute.add(i));
    }
    return { targetGroups: [...tgs], compute: [...compute] };
}

/** Functions behind an API Gateway stage (REST or HTTP/WebSocket API). */
export function apiFunctions(graph: StackGraph, stage: GraphResource): GraphResource[] {
    const v1 = stage.type === aws.apigateway.Stage;
    const apis = graph.resolve(stage, v1 ? "restApi" : "apiId", [v1 ? aws.apigateway.RestApi : aws.apigatewayv2.Api]).targets;
    const out = new Set<GraphResource>();
    for (const api of apis) {
        const integrations = graph.referrers(api, { types: [v1 ? aws.apigateway.Integration : aws.apigatewayv2.Integration], properties: [v1 ? "restApi" : "apiId"] });
        for (const { resource } of integrations) graph.resolve(resource, v1 ? "uri" : "integrationUri", [aws.lambda.Function]).targets.forEach((f) => out.add(f));
    }
    return [...out];
}

/** Load balancers a CloudFront distribution uses as origins. */
export function distributionOrigins(graph: StackGraph, dist: GraphResource): GraphResource[] {
    return graph.resolve(dist, "origins", [...LOAD_BALANCER_TYPES, aws.lambda.FunctionUrl]).targets;
}

/** Whether an ASG is attached to any traffic source (kept for standalone-workload detection). */
export function hasTrafficSource(graph: StackGraph, asg: GraphResource): boolean {
    return asgTrafficSources(graph, asg).length > 0;
}

// ------------------------------------------------------------------------------------------------
// Messaging facts used by the poison-message and dependency disruptions
// ------------------------------------------------------------------------------------------------

export interface QueueFacts {
    queue: GraphResource;
    hasDeadLetter: boolean | "unknown";
    maxReceiveCount?: number;
    visibilityTimeoutSeconds?: number;
    retentionSeconds?: number;
    fifo: boolean;
}

export function queueFacts(graph: StackGraph, queue: GraphResource): QueueFacts {
    const redrives = redrivesOf(graph, queue);
    let hasDeadLetter: QueueFacts["hasDeadLetter"] = false;
    let maxReceiveCount: number | undefined;
    for (const r of redrives) {
        if (r.deadLetter.targets.length > 0 || r.deadLetter.external.length > 0 || r.deadLetter.opaque.length > 0) hasDeadLetter = true;
        else if (hasDeadLetter === false && (r.deadLetter.unresolved || r.document.kind === "unknown")) hasDeadLetter = "unknown";
        if (r.maxReceiveCount.known && r.maxReceiveCount.value !== undefined) maxReceiveCount = r.maxReceiveCount.value;
    }
    return {
        queue,
        hasDeadLetter,
        maxReceiveCount,
        visibilityTimeoutSeconds: asNumber(queue.props["visibilityTimeoutSeconds"]),
        retentionSeconds: asNumber(queue.props["messageRetentionSeconds"]),
        fifo: queue.props["fifoQueue"] === true,
    };
}

export { eventSourceOf, functionsOfMapping, clusterMembers };
