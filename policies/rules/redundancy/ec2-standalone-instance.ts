import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { appendTo, type GraphResource, type StackGraph } from "../../lib/graph";
import { TARGET_GROUP_TYPES } from "../../lib/links/loadbalancing";
import { judgeZones, mergeZoneResolutions, zonesOfSubnets, type ZoneResolution } from "../../lib/links/zones";
import { stackRule, unresolvable, violation } from "../../lib/rule";
import { asNumber, asString, isRecord } from "../../lib/values";

const INSTANCE = [aws.ec2.Instance] as const;
const SECURITY_GROUPS = [aws.ec2.SecurityGroup] as const;
/** Ports open to the internet for administration, not for serving users (SSH, RDP). */
const ADMIN_PORTS = new Set([22, 3389]);
const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);
/** Database servers a user-data script may install on the instance itself. */
const DATABASE_INSTALL = /\b(mysql-server|mariadb-server|mariadb105-server|postgresql\d*-server|postgresql(?:-\d+)?\b|mongodb-org|mongod\b|redis-server|redis6\b)/;

/** How traffic reaches an instance: through a load balancer shared with other instances, or directly. */
interface EntryPoint {
    kind: "load-balancer" | "direct";
    /** The target group / classic load balancer (shared entries), or what exposes the instance. */
    via: GraphResource;
    description: string;
}

interface Index {
    entries: Map<GraphResource, EntryPoint[]>;
    /** Load-balancer entry → the instances behind it. */
    members: Map<GraphResource, GraphResource[]>;
    /** Security group → the internet-facing ports it opens (rules declared as their own resources). */
    openPorts: Map<GraphResource, string[]>;
    /** Instances with a separately attached EBS volume. */
    attachedVolumes: Set<GraphResource>;
}

const indexes = new WeakMap<StackGraph, Index>();

/** "80", "8000-8080" or "all ports" when the rule opens a non-admin port to everyone; undefined otherwise. */
function openNonAdminPort(rule: Record<string, unknown>, cidrKeys: readonly string[], fromKey: string, toKey: string, protocolKey: string): string | undefined {
    const sources = cidrKeys.flatMap((k) => {
        const v = rule[k];
        return Array.isArray(v) ? v : v === undefined ? [] : [v];
    });
    if (!sources.some((s) => typeof s === "string" && ANYWHERE.has(s))) {
        return undefined;
    }
    const protocol = asString(rule[protocolKey]);
    const from = asNumber(rule[fromKey]);
    const to = asNumber(rule[toKey]) ?? from;
    if (protocol === "-1" || protocol === "all" || from === undefined || to === undefined || (from <= 0 && to >= 65535) || from === -1) {
        return "all ports";
    }
    for (let p = from; p <= Math.min(to, from + 64); p++) {
        if (!ADMIN_PORTS.has(p)) {
            return from === to ? String(from) : `${from}-${to}`;
        }
    }
    return undefined;
}

function buildIndex(graph: StackGraph): Index {
    const index: Index = { entries: new Map(), members: new Map(), openPorts: new Map(), attachedVolumes: new Set() };
    const addShared = (via: GraphResource, instances: readonly GraphResource[], description: string) => {
        for (const instance of instances) {
            appendTo(index.entries, instance, { kind: "load-balancer", via, description });
            appendTo(index.members, via, instance);
        }
    };
    for (const attachment of graph.ofType(aws.lb.TargetGroupAttachment, aws.alb.TargetGroupAttachment)) {
        const instances = graph.resolve(attachment, "targetId", INSTANCE).targets;
        const group = graph.resolve(attachment, "targetGroupArn", TARGET_GROUP_TYPES).targets[0] ?? attachment;
        addShared(group, instances, `target group ${group.name}`);
    }
    for (const clb of graph.ofType(aws.elb.LoadBalancer)) {
        addShared(clb, graph.resolve(clb, "instances", INSTANCE).targets, `classic load balancer ${clb.name}`);
    }
    for (const attachment of graph.ofType(aws.elb.Attachment)) {
        const clb = graph.resolve(attachment, "elb", [aws.elb.LoadBalancer]).targets[0] ?? attachment;
        addShared(clb, graph.resolve(attachment, "instance", INSTANCE).targets, `classic load balancer ${clb.name}`);
    }
    const addDirect = (via: GraphResource, instances: readonly GraphResource[], description: string) => {
        instances.forEach((i) => appendTo(index.entries, i, { kind: "direct", via, description }));
    };
    for (const eip of graph.ofType(aws.ec2.Eip)) {
        addDirect(eip, graph.resolve(eip, "instance", INSTANCE).targets, `Elastic IP ${eip.name}`);
    }
    for (const association of graph.ofType(aws.ec2.EipAssociation)) {
        addDirect(association, graph.resolve(association, "instanceId", INSTANCE).targets, `Elastic IP association ${association.name}`);
    }
    for (const instance of graph.ofType(...INSTANCE)) {
        for (const { resource } of graph.referrers(instance, { types: [aws.route53.Record], properties: ["records"] })) {
            addDirect(resource, [instance], `DNS record ${resource.name}`);
        }
    }
    for (const rule of graph.ofType(aws.ec2.SecurityGroupRule)) {
        if (asString(rule.props["type"]) !== "ingress") {
            continue;
        }
        const port = openNonAdminPort(rule.props, ["cidrBlocks", "ipv6CidrBlocks"], "fromPort", "toPort", "protocol");
        if (port !== undefined) {
            graph.resolve(rule, "securityGroupId", SECURITY_GROUPS).targets.forEach((sg) => appendTo(index.openPorts, sg, port));
        }
    }
    for (const rule of graph.ofType(aws.vpc.SecurityGroupIngressRule)) {
        const port = openNonAdminPort(rule.props, ["cidrIpv4", "cidrIpv6"], "fromPort", "toPort", "ipProtocol");
        if (port !== undefined) {
            graph.resolve(rule, "securityGroupId", SECURITY_GROUPS).targets.forEach((sg) => appendTo(index.openPorts, sg, port));
        }
    }
    for (const attachment of graph.ofType(aws.ec2.VolumeAttachment)) {
        graph.resolve(attachment, "instanceId", INSTANCE).targets.forEach((i) => index.attachedVolumes.add(i));
    }
    indexes.set(graph, index);
    return index;
}

function indexOf(graph: StackGraph): Index {
    return indexes.get(graph) ?? buildIndex(graph);
}

/** Internet-facing, non-admin ports the instance's security groups open (inline or as separate rules). */
function internetPorts(graph: StackGraph, instance: GraphResource, index: Index): Array<{ group: GraphResource; port: string }> {
    const out: Array<{ group: GraphResource; port: string }> = [];
    const groups = [
        ...graph.resolve(instance, "vpcSecurityGroupIds", SECURITY_GROUPS).targets,
        ...graph.resolve(instance, "securityGroups", SECURITY_GROUPS).targets,
    ];
    for (const group of new Set(groups)) {
        const ingress = group.read("ingress");
        if (ingress.known && Array.isArray(ingress.value)) {
            for (const rule of ingress.value) {
                const port = isRecord(rule) ? openNonAdminPort(rule, ["cidrBlocks", "ipv6CidrBlocks"], "fromPort", "toPort", "protocol") : undefined;
                if (port !== undefined) {
                    out.push({ group, port });
                }
            }
        }
        (index.openPorts.get(group) ?? []).forEach((port) => out.push({ group, port }));
    }
    return out;
}

/** The zone an instance is placed in: its `availabilityZone`, else its subnet's. */
function zonesOf(graph: StackGraph, instance: GraphResource): ZoneResolution {
    const zone = instance.read("availabilityZone");
    if (zone.known && asString(zone.value) !== undefined) {
        return { zones: new Set([asString(zone.value)!]), subnets: [], subnetCount: 1, unknownZone: [], external: [], opaque: [], unresolved: false, absent: false };
    }
    return zonesOfSubnets(graph, instance, "subnetId");
}

/** Why the instance's data is lost with it: only a root volume, deleted on termination, and a database installed on it. */
function rootDiskData(instance: GraphResource, index: Index): string | undefined {
    const userData = asString(instance.props["userData"]);
    const database = userData !== undefined ? DATABASE_INSTALL.exec(userData)?.[1] : undefined;
    if (database === undefined) {
        return undefined;
    }
    const ebs = instance.read("ebsBlockDevices");
    const hasDataVolume = index.attachedVolumes.has(instance) || !ebs.known || (Array.isArray(ebs.value) && ebs.value.length > 0);
    const keep = instance.read("rootBlockDevice.deleteOnTermination");
    if (hasDataVolume || !keep.known || keep.value === false) {
        return undefined;
    }
    return ` Its user data installs ${database} on the root volume, which is deleted with the instance (any replacement, e.g. a new AMI, loses the data): keep data in a managed database (aws.rds.Instance with multiAz) or on a separate aws.ebs.Volume with snapshots.`;
}

export const ec2StandaloneInstance = stackRule({
    id: "ec2-standalone-instance",
    title: "EC2 instances that serve traffic are not single points of failure",
    pillar: "redundancy",
    description:
        "An `aws.ec2.Instance` that serves traffic (registered in a target group or classic load balancer, given an Elastic IP or a DNS record, or behind a security group that opens a non-SSH/RDP port to 0.0.0.0/0 or ::/0) is one of at least two instances behind the same load balancer, in at least two availability zones. Instances that serve nothing (workers, bastions reached on port 22) are not judged.",
    remediation: [
        "Serve from an Auto Scaling group across zones behind a load balancer (faultguard's LoadBalancedAutoScalingGroup does this), or at least two instances in different zones:",
        "```ts",
        "const template = new aws.ec2.LaunchTemplate(\"web\", { imageId: ami, instanceType: \"t3.small\", userData });",
        "new aws.autoscaling.Group(\"web\", {",
        "    minSize: 2, maxSize: 4,",
        "    vpcZoneIdentifiers: network.privateSubnetIds, // 2+ AZs",
        "    targetGroupArns: [targetGroup.arn], healthCheckType: \"ELB\",",
        "    launchTemplate: { id: template.id, version: \"$Latest\" },",
        "});",
        "```",
        "If the instance must stay single, give it an alarm on StatusCheckFailed_System whose action is `arn:aws:automate:<region>:ec2:recover`, keep its data off the root volume, and exempt it with a reason.",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "A lone instance is a single point of failure: a host failure, a zone outage or a replacement (new AMI, instance-type change) takes the service down, and nothing replaces the instance by itself. Five of the public programs reviewed served users from exactly that and passed.",
    byDefault: { shown: true, why: "A lone instance serving traffic is down for every instance, zone or host failure; the review found five programs that passed with exactly that." },
    resourceTypes: INSTANCE,
    anchors: { cdkNag: ["AwsSolutions-EC29"], other: ["Resilience Hub"], wellArchitected: ["REL10-BP01", "REL11-BP01"] },
    config: z.object({
        minAzs: z.number().int().min(2).max(6).default(2).describe("Minimum number of availability zones the instances behind one load balancer span."),
    }),
    check(instance, { config, graph }) {
        const index = indexOf(graph);
        const entries = [...(index.entries.get(instance) ?? [])];
        for (const { group, port } of internetPorts(graph, instance, index)) {
            entries.push({ kind: "direct", via: group, description: `security group ${group.name} opens port ${port} to the internet` });
        }
        if (entries.length === 0) {
            return [];
        }
        let unknown: string | undefined;
        const shared = entries.filter((e) => e.kind === "load-balancer");
        for (const entry of shared) {
            const peers = index.members.get(entry.via) ?? [instance];
            if (peers.length < 2) {
                continue;
            }
            const verdict = judgeZones(mergeZoneResolutions(peers.map((p) => zonesOf(graph, p))), config.minAzs);
            if (verdict.verdict === "pass") {
                return [];
            }
            if (verdict.verdict === "unknown") {
                unknown ??= `${entry.description}: ${verdict.detail}`;
            }
        }
        if (unknown !== undefined) {
            return [unresolvable("subnetId", unknown)];
        }
        const dataNote = rootDiskData(instance, index) ?? "";
        const how = entries.map((e) => e.description).filter((d, i, all) => all.indexOf(d) === i).join("; ");
        const alone = shared.length > 0 ? `it serves traffic (${how}) with no other instance in another availability zone behind the same load balancer` : `it serves traffic directly (${how})`;
        return [
            violation(
                `standalone instance: ${alone}, so a host failure, a zone outage or a replacement stops the service; serve from an aws.autoscaling.Group across at least ${config.minAzs} zones behind a load balancer.${dataNote}`,
            ),
        ];
    },
});
