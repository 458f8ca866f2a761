"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clusterMembers = exports.functionsOfMapping = exports.eventSourceOf = exports.Topology = exports.ENTRY_TYPES = exports.COMPUTE_TYPES = exports.DATA_TYPES = exports.SUBNET_TYPES = void 0;
exports.asDataStore = asDataStore;
exports.replicaSource = replicaSource;
exports.loadBalancerTargets = loadBalancerTargets;
exports.apiFunctions = apiFunctions;
exports.distributionOrigins = distributionOrigins;
exports.hasTrafficSource = hasTrafficSource;
exports.queueFacts = queueFacts;
// What the failure model reasons over, read from the stack graph: where each resource sits (AZs,
// subnets, the NAT gateways its egress goes through), the compute that serves each entry point
// and workload, and the data stores each of them depends on. Linear in resources: every lookup
// goes through the graph's indexes (referrers, resolve) and is cached per resource.
const aws_types_1 = require("../aws-types");
const ecs_1 = require("../links/ecs");
const loadbalancing_1 = require("../links/loadbalancing");
const messaging_1 = require("../links/messaging");
Object.defineProperty(exports, "eventSourceOf", { enumerable: true, get: function () { return messaging_1.eventSourceOf; } });
Object.defineProperty(exports, "functionsOfMapping", { enumerable: true, get: function () { return messaging_1.functionsOfMapping; } });
const routes_1 = require("../links/routes");
const zones_1 = require("../links/zones");
const cluster_members_1 = require("../links/cluster-members");
Object.defineProperty(exports, "clusterMembers", { enumerable: true, get: function () { return cluster_members_1.clusterMembers; } });
const values_1 = require("../values");
exports.SUBNET_TYPES = [aws_types_1.aws.ec2.Subnet, aws_types_1.aws.ec2.DefaultSubnet];
const VPC_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SECURITY_GROUP_TYPES = [aws_types_1.aws.ec2.SecurityGroup, aws_types_1.aws.ec2.DefaultSecurityGroup];
const LISTENER_TYPES = [aws_types_1.aws.lb.Listener, aws_types_1.aws.alb.Listener];
const LISTENER_RULE_TYPES = [aws_types_1.aws.lb.ListenerRule, aws_types_1.aws.alb.ListenerRule];
const TG_ATTACHMENT_TYPES = [aws_types_1.aws.lb.TargetGroupAttachment, aws_types_1.aws.alb.TargetGroupAttachment];
exports.DATA_TYPES = [aws_types_1.aws.rds.Instance, aws_types_1.aws.rds.Cluster, aws_types_1.aws.elasticache.ReplicationGroup, aws_types_1.aws.elasticache.Cluster, aws_types_1.aws.dynamodb.Table];
exports.COMPUTE_TYPES = [aws_types_1.aws.autoscaling.Group, aws_types_1.aws.ecs.Service, aws_types_1.aws.lambda.Function, aws_types_1.aws.ec2.Instance];
exports.ENTRY_TYPES = [...loadbalancing_1.LOAD_BALANCER_TYPES, aws_types_1.aws.elb.LoadBalancer, aws_types_1.aws.apigateway.Stage, aws_types_1.aws.apigatewayv2.Stage, aws_types_1.aws.lambda.FunctionUrl, aws_types_1.aws.cloudfront.Distribution];
class Topology {
    graph;
    subnetCache = new Map();
    natZoneCache = new Map();
    dataCache = new Map();
    constructor(graph) {
        this.graph = graph;
    }
    subnet(subnet) {
        let info = this.subnetCache.get(subnet);
        if (!info) {
            const hops = (0, routes_1.defaultRouteNats)(this.graph, subnet);
            info = {
                subnet,
                zone: (0, zones_1.zoneOfSubnet)(subnet),
                nats: [...new Set(hops.flatMap((h) => h.nats))],
                natUnknown: hops.some((h) => h.unresolved || h.external.length > 0),
            };
            this.subnetCache.set(subnet, info);
        }
        return info;
    }
    natZone(nat) {
        if (!this.natZoneCache.has(nat)) {
            const subnet = this.graph.resolve(nat, "subnetId", exports.SUBNET_TYPES).targets[0];
            this.natZoneCache.set(nat, subnet ? (0, zones_1.zoneOfSubnet)(subnet) : undefined);
        }
        return this.natZoneCache.get(nat);
    }
    /** Placement from one or more subnet-list properties ("vpcZoneIdentifiers", "vpcConfig.subnetIds"). */
    placement(resource, paths) {
        const parts = paths.map((p) => (0, zones_1.zonesOfSubnets)(this.graph, resource, p));
        const used = parts.filter((p) => !p.absent);
        if (used.length === 0) {
            return { subnets: [], zones: [], regional: true, unknown: [] };
        }
        const subnets = [...new Set(used.flatMap((p) => p.subnets))].map((s) => this.subnet(s));
        const zones = [...new Set(used.flatMap((p) => [...p.zones]))].sort();
        const unknown = [];
        for (const p of used) {
            if (p.unknownZone.length > 0)
                unknown.push(`the availability zone of ${p.unknownZone.map((s) => s.name).join(", ")}`);
            if (p.external.length > 0)
                unknown.push(`the zones of subnets ${p.external.join(", ")} (not managed in this stack)`);
            if (p.opaque.length > 0)
                unknown.push(`the subnets of ${p.opaque.map((o) => `${o.component.type} ${o.component.name}`).join(", ")} (a component whose children are not visible here)`);
            if (p.unresolved)
                unknown.push(`the subnets of ${resource.name} (computed from values this preview cannot trace)`);
        }
        return { subnets, zones, regional: false, unknown };
    }
    /** Data stores a compute resource depends on: referenced in its (or its launch template's/task definition's) properties, by its IAM role's policies, or admitted by security-group rules. */
    dataDependencies(compute) {
        const cached = this.dataCache.get(compute);
        if (cached)
            return cached;
        const g = this.graph;
        const found = new Set();
        const config = configResources(g, compute);
        const addFromDeps = (r) => {
            for (const deps of Object.values(r.propertyDependencies)) {
                for (const d of deps) {
                    const store = asDataStore(g, d);
                    if (store)
                        found.add(store);
                }
            }
        };
        config.forEach(addFromDeps);
        for (const role of rolesOf(g, config)) {
            for (const { resource: rp } of g.referrers(role, { types: [aws_types_1.aws.iam.RolePolicy], properties: ["role"] }))
                addFromDeps(rp);
            for (const { resource: att } of g.referrers(role, { types: [aws_types_1.aws.iam.RolePolicyAttachment], properties: ["role"] })) {
                for (const policy of g.resolve(att, "policyArn", [aws_types_1.aws.iam.Policy]).targets)
                    addFromDeps(policy);
            }
        }
        for (const sg of securityGroupsOf(config)) {
            for (const target of admittedGroups(g, sg)) {
                for (const { resource } of g.referrers(target, { types: exports.DATA_TYPES.concat([aws_types_1.aws.rds.ClusterInstance]), properties: ["vpcSecurityGroupIds", "securityGroupIds"] })) {
                    const store = asDataStore(g, resource);
                    if (store)
                        found.add(store);
                }
            }
        }
        const list = [...found];
        this.dataCache.set(compute, list);
        return list;
    }
}
exports.Topology = Topology;
/** A data-store resource, mapping cluster instances to their cluster and read replicas to their source. */
function asDataStore(graph, r) {
    if (r.type === aws_types_1.aws.rds.ClusterInstance) {
        return graph.resolve(r, "clusterIdentifier", [aws_types_1.aws.rds.Cluster]).targets[0];
    }
    if (r.type === aws_types_1.aws.rds.Instance) {
        const source = replicaSource(graph, r);
        return source ?? r;
    }
    return exports.DATA_TYPES.includes(r.type) ? r : undefined;
}
/** The in-stack primary a read replica replicates (undefined for primaries and external sources). */
function replicaSource(graph, instance) {
    const read = instance.read("replicateSourceDb");
    if (read.known && (read.value === undefined || read.value === null || read.value === ""))
        return undefined;
    return graph.resolve(instance, "replicateSourceDb", [aws_types_1.aws.rds.Instance]).targets[0];
}
/** Launch template / task definition that configure a compute resource, plus the resource itself. */
function configResources(graph, compute) {
    const out = [compute];
    if (compute.type === aws_types_1.aws.autoscaling.Group) {
        for (const path of ["launchTemplate", "mixedInstancesPolicy", "launchConfiguration"]) {
            out.push(...graph.resolve(compute, path, [aws_types_1.aws.ec2.LaunchTemplate, aws_types_1.aws.ec2.LaunchConfiguration]).targets);
        }
    }
    else if (compute.type === aws_types_1.aws.ecs.Service) {
        const td = (0, ecs_1.serviceTaskDefinition)(graph, compute);
        if (td.kind === "found")
            out.push(td.taskDefinition);
    }
    return [...new Set(out)];
}
function rolesOf(graph, config) {
    const roles = new Set();
    for (const r of config) {
        for (const path of ["role", "taskRoleArn", "iamInstanceProfile"]) {
            const deps = r.propertyDependencies[path] ?? [];
            for (const d of deps) {
                if (d.type === aws_types_1.aws.iam.Role)
                    roles.add(d);
                if (d.type === aws_types_1.aws.iam.InstanceProfile)
                    graph.resolve(d, "role", [aws_types_1.aws.iam.Role]).targets.forEach((x) => roles.add(x));
            }
        }
    }
    return [...roles];
}
function securityGroupsOf(config) {
    const out = new Set();
    for (const r of config) {
        for (const path of ["vpcSecurityGroupIds", "securityGroups", "networkInterfaces", "networkConfiguration", "vpcConfig"]) {
            for (const d of r.propertyDependencies[path] ?? [])
                if (SECURITY_GROUP_TYPES.includes(d.type))
                    out.add(d);
        }
    }
    return [...out];
}
/** Security groups that admit traffic from `source` (ingress rules naming it as the peer). */
function admittedGroups(graph, source) {
    const out = new Set();
    for (const { resource: rule } of graph.referrers(source, { types: [VPC_INGRESS_RULE], properties: ["referencedSecurityGroupId"] })) {
        graph.resolve(rule, "securityGroupId", SECURITY_GROUP_TYPES).targets.forEach((t) => out.add(t));
    }
    for (const { resource: rule } of graph.referrers(source, { types: [aws_types_1.aws.ec2.SecurityGroupRule], properties: ["sourceSecurityGroupId"] })) {
        if ((0, values_1.asString)(rule.props["type"]) !== "egress")
            graph.resolve(rule, "securityGroupId", SECURITY_GROUP_TYPES).targets.forEach((t) => out.add(t));
    }
    for (const { resource: sg } of graph.referrers(source, { types: SECURITY_GROUP_TYPES, properties: ["ingress"] }))
        out.add(sg);
    return [...out];
}
// ------------------------------------------------------------------------------------------------
// Who serves what
// ------------------------------------------------------------------------------------------------
/** The compute behind a load balancer: listeners → target groups → ASGs, ECS services, instances, functions. */
function loadBalancerTargets(graph, lb) {
    const tgs = new Set();
    for (const { resource: listener } of graph.referrers(lb, { types: LISTENER_TYPES, properties: ["loadBalancerArn"] })) {
        graph.resolve(listener, "defaultActions", loadbalancing_1.TARGET_GROUP_TYPES).targets.forEach((t) => tgs.add(t));
        for (const { resource: rule } of graph.referrers(listener, { types: LISTENER_RULE_TYPES, properties: ["listenerArn"] })) {
            graph.resolve(rule, "actions", loadbalancing_1.TARGET_GROUP_TYPES).targets.forEach((t) => tgs.add(t));
        }
    }
    const compute = new Set();
    for (const tg of tgs) {
        for (const { resource } of graph.referrers(tg, { types: [...loadbalancing_1.ASG_TYPES, aws_types_1.aws.ecs.Service], properties: ["targetGroupArns", "loadBalancers", "trafficSources"] }))
            compute.add(resource);
        for (const { resource: att } of graph.referrers(tg, { types: [aws_types_1.aws.autoscaling.Attachment, aws_types_1.aws.autoscaling.TrafficSourceAttachment], properties: ["lbTargetGroupArn", "trafficSource"] })) {
            graph.resolve(att, "autoscalingGroupName", loadbalancing_1.ASG_TYPES).targets.forEach((a) => compute.add(a));
        }
        for (const { resource: att } of graph.referrers(tg, { types: TG_ATTACHMENT_TYPES, properties: ["targetGroupArn"] })) {
            graph.resolve(att, "targetId", [aws_types_1.aws.ec2.Instance, aws_types_1.aws.lambda.Function]).targets.forEach((t) => compute.add(t));
        }
    }
    if (lb.type === aws_types_1.aws.elb.LoadBalancer) {
        for (const { resource } of graph.referrers(lb, { types: loadbalancing_1.ASG_TYPES, properties: ["loadBalancers"] }))
            compute.add(resource);
        graph.resolve(lb, "instances", [aws_types_1.aws.ec2.Instance]).targets.forEach((i) => compute.add(i));
    }
    return { targetGroups: [...tgs], compute: [...compute] };
}
/** Functions behind an API Gateway stage (REST or HTTP/WebSocket API). */
function apiFunctions(graph, stage) {
    const v1 = stage.type === aws_types_1.aws.apigateway.Stage;
    const apis = graph.resolve(stage, v1 ? "restApi" : "apiId", [v1 ? aws_types_1.aws.apigateway.RestApi : aws_types_1.aws.apigatewayv2.Api]).targets;
    const out = new Set();
    for (const api of apis) {
        const integrations = graph.referrers(api, { types: [v1 ? aws_types_1.aws.apigateway.Integration : aws_types_1.aws.apigatewayv2.Integration], properties: [v1 ? "restApi" : "apiId"] });
        for (const { resource } of integrations)
            graph.resolve(resource, v1 ? "uri" : "integrationUri", [aws_types_1.aws.lambda.Function]).targets.forEach((f) => out.add(f));
    }
    return [...out];
}
/** Load balancers a CloudFront distribution uses as origins. */
function distributionOrigins(graph, dist) {
    return graph.resolve(dist, "origins", [...loadbalancing_1.LOAD_BALANCER_TYPES, aws_types_1.aws.lambda.FunctionUrl]).targets;
}
/** Whether an ASG is attached to any traffic source (kept for standalone-workload detection). */
function hasTrafficSource(graph, asg) {
    return (0, loadbalancing_1.asgTrafficSources)(graph, asg).length > 0;
}
function queueFacts(graph, queue) {
    const redrives = (0, messaging_1.redrivesOf)(graph, queue);
    let hasDeadLetter = false;
    let maxReceiveCount;
    for (const r of redrives) {
        if (r.deadLetter.targets.length > 0 || r.deadLetter.external.length > 0 || r.deadLetter.opaque.length > 0)
            hasDeadLetter = true;
        else if (hasDeadLetter === false && (r.deadLetter.unresolved || r.document.kind === "unknown"))
            hasDeadLetter = "unknown";
        if (r.maxReceiveCount.known && r.maxReceiveCount.value !== undefined)
            maxReceiveCount = r.maxReceiveCount.value;
    }
    return {
        queue,
        hasDeadLetter,
        maxReceiveCount,
        visibilityTimeoutSeconds: (0, values_1.asNumber)(queue.props["visibilityTimeoutSeconds"]),
        retentionSeconds: (0, values_1.asNumber)(queue.props["messageRetentionSeconds"]),
        fifo: queue.props["fifoQueue"] === true,
    };
}
//# sourceMappingURL=topology.js.map