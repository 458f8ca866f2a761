// Load-balancer links: which traffic sources (target groups, classic ELBs, VPC Lattice) an Auto
// Scaling group receives traffic from — declared on the group itself or through separate
// aws.autoscaling.Attachment / TrafficSourceAttachment resources, joined through the graph.
import { aws } from "../aws-types";
import { type GraphResource, type StackGraph } from "../graph";
import { asString, isRecord } from "../values";

export const ASG_TYPES = [aws.autoscaling.Group] as const;
export const TARGET_GROUP_TYPES = [aws.lb.TargetGroup, aws.alb.TargetGroup] as const;
export const LOAD_BALANCER_TYPES = [aws.lb.LoadBalancer, aws.alb.LoadBalancer] as const;

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

type AttachmentIndex = Map<GraphResource, TrafficSource[]>;
const attachmentIndexes = new WeakMap<StackGraph, AttachmentIndex>();

/** Attachment resources by the group they attach to; built once per graph. */
function attachmentIndex(graph: StackGraph): AttachmentIndex {
    let index = attachmentIndexes.get(graph);
    if (index) {
        return index;
    }
    index = new Map();
    const add = (group: GraphResource, source: TrafficSource) => {
        const list = index!.get(group) ?? [];
        list.push(source);
        index!.set(group, list);
    };
    for (const att of graph.ofType(aws.autoscaling.Attachment, aws.autoscaling.TrafficSourceAttachment)) {
        let kind: TrafficKind = "elb";
        if (att.type === aws.autoscaling.TrafficSourceAttachment) {
            const ts = att.read("trafficSource");
            kind = ts.known && isRecord(ts.value) ? kindOfTrafficSourceType(ts.value["type"]) : "elb";
        }
        const short = att.type === aws.autoscaling.Attachment ? "aws.autoscaling.Attachment" : "aws.autoscaling.TrafficSourceAttachment";
        for (const group of graph.resolve(att, "autoscalingGroupName", ASG_TYPES).targets) {
            add(group, { kind, via: `${short} ${att.name}` });
        }
    }
    attachmentIndexes.set(graph, index);
    return index;
}

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
    out.push(...(attachmentIndex(graph).get(asg) ?? []));
    return out;
}
