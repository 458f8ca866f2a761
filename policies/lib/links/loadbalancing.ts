// Load-balancer links, joined through the graph and indexed once per graph:
//   targetGroupsOfLoadBalancer  load balancer → listeners (and their rules) → target groups
//   targetGroupsOf              Auto Scaling group / ECS service → the target groups it registers with
//   asgTrafficSources           which traffic sources (target groups, classic ELBs, VPC Lattice) an
//                               Auto Scaling group receives traffic from, declared on the group itself
//                               or through aws.autoscaling.Attachment / TrafficSourceAttachment
import { aws } from "../aws-types";
import { addUnique, appendTo, emptyResolution, perGraph, type GraphResource, type Resolution, type StackGraph } from "../graph";
import { asString, isRecord } from "../values";

export const ASG_TYPES = [aws.autoscaling.Group] as const;
export const TARGET_GROUP_TYPES = [aws.lb.TargetGroup, aws.alb.TargetGroup] as const;
export const LOAD_BALANCER_TYPES = [aws.lb.LoadBalancer, aws.alb.LoadBalancer] as const;
export const LISTENER_TYPES = [aws.lb.Listener, aws.alb.Listener] as const;
export const LISTENER_RULE_TYPES = [aws.lb.ListenerRule, aws.alb.ListenerRule] as const;

/** What kind of health check a traffic source can drive: ELB (target groups, classic) or VPC Lattice. */
export type TrafficKind = "elb" | "vpc-lattice";

export interface TrafficSource {
    kind: TrafficKind;
    /** Where the link was found, for messages ("targetGroupArns", "aws.autoscaling.Attachment tg-attach"). */
    via: string;
}

/** Non-empty or unknown: an unknown list in preview is still a list the program set. */
function isSet(r: GraphResource, path: string): boolean {
    const read = r.read(path);
    if (!read.known) {
        return true;
    }
    return Array.isArray(read.value) ? read.value.length > 0 : read.value !== undefined && read.value !== null && read.value !== "";
}

function kindOfTrafficSourceType(type: unknown): TrafficKind {
    return asString(type) === "vpc-lattice" ? "vpc-lattice" : "elb";
}

interface AttachmentIndex {
    sources: Map<GraphResource, TrafficSource[]>;
    /** Target groups attached to each group by aws.autoscaling.Attachment (lbTargetGroupArn). */
    targetGroups: Map<GraphResource, GraphResource[]>;
}
/** Attachment resources by the group they attach to; built once per graph. */
const attachmentIndex = perGraph((graph): AttachmentIndex => {
    const index: AttachmentIndex = { sources: new Map(), targetGroups: new Map() };
    for (const att of graph.ofType(aws.autoscaling.Attachment, aws.autoscaling.TrafficSourceAttachment)) {
        let kind: TrafficKind = "elb";
        if (att.type === aws.autoscaling.TrafficSourceAttachment) {
            const ts = att.read("trafficSource");
            kind = ts.known && isRecord(ts.value) ? kindOfTrafficSourceType(ts.value["type"]) : "elb";
        }
        const short = att.type === aws.autoscaling.Attachment ? "aws.autoscaling.Attachment" : "aws.autoscaling.TrafficSourceAttachment";
        const targetGroups = att.type === aws.autoscaling.Attachment ? graph.resolve(att, "lbTargetGroupArn", TARGET_GROUP_TYPES).targets : [];
        for (const group of graph.resolve(att, "autoscalingGroupName", ASG_TYPES).targets) {
            appendTo(index.sources, group, { kind, via: `${short} ${att.name}` });
            targetGroups.forEach((tg) => appendTo(index.targetGroups, group, tg));
        }
    }
    return index;
});

/** Every traffic source an Auto Scaling group is attached to, declared inline or by attachment resources. */
export function asgTrafficSources(graph: StackGraph, asg: GraphResource): TrafficSource[] {
    const out: TrafficSource[] = [];
    if (isSet(asg, "targetGroupArns")) {
        out.push({ kind: "elb", via: "targetGroupArns" });
    }
    if (isSet(asg, "loadBalancers")) {
        out.push({ kind: "elb", via: "loadBalancers" });
    }
    const ts = asg.read("trafficSources");
    if (!ts.known) {
        out.push({ kind: "elb", via: "trafficSources" });
    } else if (Array.isArray(ts.value)) {
        for (const s of ts.value) {
            out.push({ kind: isRecord(s) ? kindOfTrafficSourceType(s["type"]) : "elb", via: "trafficSources" });
        }
    }
    out.push(...(attachmentIndex(graph).sources.get(asg) ?? []));
    return out;
}

/**
 * The target groups an Auto Scaling group (`targetGroupArns`, aws.autoscaling.Attachment) or an
 * ECS service (`loadBalancers[].targetGroupArn`) registers its instances or tasks with.
 */
export function targetGroupsOf(graph: StackGraph, compute: GraphResource): Resolution {
    if (compute.type === aws.ecs.Service) {
        return graph.resolveEach(compute, "loadBalancers", "targetGroupArn", TARGET_GROUP_TYPES);
    }
    const result = compute.type === aws.autoscaling.Group ? graph.resolve(compute, "targetGroupArns", TARGET_GROUP_TYPES) : emptyResolution();
    const attached = attachmentIndex(graph).targetGroups.get(compute) ?? [];
    if (attached.length > 0) {
        addUnique(result.targets, attached);
        result.absent = false;
    }
    return result;
}

/** Load balancer → the target groups its listeners and listener rules forward to; built once per graph. */
const targetGroupIndex = perGraph((graph) => {
    const byLb = new Map<GraphResource, GraphResource[]>();
    const add = (lbs: readonly GraphResource[], tgs: readonly GraphResource[]) => lbs.forEach((l) => tgs.forEach((tg) => appendTo(byLb, l, tg)));
    const lbsOfListener = new Map<GraphResource, GraphResource[]>();
    for (const listener of graph.ofType(...LISTENER_TYPES)) {
        const lbs = graph.resolve(listener, "loadBalancerArn", LOAD_BALANCER_TYPES).targets;
        lbsOfListener.set(listener, lbs);
        add(lbs, graph.resolveWithin(listener, "defaultActions", TARGET_GROUP_TYPES));
    }
    for (const rule of graph.ofType(...LISTENER_RULE_TYPES)) {
        for (const listener of graph.resolve(rule, "listenerArn", LISTENER_TYPES).targets) {
            add(lbsOfListener.get(listener) ?? [], graph.resolveWithin(rule, "actions", TARGET_GROUP_TYPES));
        }
    }
    return byLb;
});

/** The target groups a load balancer forwards to: its listeners' default actions and their listener rules' actions. */
export function targetGroupsOfLoadBalancer(graph: StackGraph, lb: GraphResource): readonly GraphResource[] {
    return targetGroupIndex(graph).get(lb) ?? [];
}
