"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LOAD_BALANCER_TYPES = exports.TARGET_GROUP_TYPES = exports.ASG_TYPES = void 0;
exports.asgTrafficSources = asgTrafficSources;
// Load-balancer links: which traffic sources (target groups, classic ELBs, VPC Lattice) an Auto
// Scaling group receives traffic from — declared on the group itself or through separate
// aws.autoscaling.Attachment / TrafficSourceAttachment resources, joined through the graph.
const aws_types_1 = require("../aws-types");
const values_1 = require("../values");
exports.ASG_TYPES = [aws_types_1.aws.autoscaling.Group];
exports.TARGET_GROUP_TYPES = [aws_types_1.aws.lb.TargetGroup, aws_types_1.aws.alb.TargetGroup];
exports.LOAD_BALANCER_TYPES = [aws_types_1.aws.lb.LoadBalancer, aws_types_1.aws.alb.LoadBalancer];
/** Non-empty or unknown: an unknown list in preview is still a list the program set. */
function isSet(r, path) {
    const read = r.read(path);
    if (!read.known) {
        return true;
    }
    return Array.isArray(read.value) ? read.value.length > 0 : read.value !== undefined && read.value !== null && read.value !== "";
}
function kindOfTrafficSourceType(type) {
    return (0, values_1.asString)(type) === "vpc-lattice" ? "vpc-lattice" : "elb";
}
const attachmentIndexes = new WeakMap();
/** Attachment resources by the group they attach to; built once per graph. */
function attachmentIndex(graph) {
    let index = attachmentIndexes.get(graph);
    if (index) {
        return index;
    }
    index = new Map();
    const add = (group, source) => {
        const list = index.get(group) ?? [];
        list.push(source);
        index.set(group, list);
    };
    for (const att of graph.ofType(aws_types_1.aws.autoscaling.Attachment, aws_types_1.aws.autoscaling.TrafficSourceAttachment)) {
        let kind = "elb";
        if (att.type === aws_types_1.aws.autoscaling.TrafficSourceAttachment) {
            const ts = att.read("trafficSource");
            kind = ts.known && (0, values_1.isRecord)(ts.value) ? kindOfTrafficSourceType(ts.value["type"]) : "elb";
        }
        const short = att.type === aws_types_1.aws.autoscaling.Attachment ? "aws.autoscaling.Attachment" : "aws.autoscaling.TrafficSourceAttachment";
        for (const group of graph.resolve(att, "autoscalingGroupName", exports.ASG_TYPES).targets) {
            add(group, { kind, via: `${short} ${att.name}` });
        }
    }
    attachmentIndexes.set(graph, index);
    return index;
}
/** Every traffic source an Auto Scaling group is attached to, declared inline or by attachment resources. */
function asgTrafficSources(graph, asg) {
    const out = [];
    if (isSet(asg, "targetGroupArns")) {
        out.push({ kind: "elb", via: "targetGroupArns" });
    }
    if (isSet(asg, "loadBalancers")) {
        out.push({ kind: "elb", via: "loadBalancers" });
    }
    const ts = asg.read("trafficSources");
    if (!ts.known) {
        out.push({ kind: "elb", via: "trafficSources" });
    }
    else if (Array.isArray(ts.value)) {
        for (const s of ts.value) {
            out.push({ kind: (0, values_1.isRecord)(s) ? kindOfTrafficSourceType(s["type"]) : "elb", via: "trafficSources" });
        }
    }
    out.push(...(attachmentIndex(graph).get(asg) ?? []));
    return out;
}
//# sourceMappingURL=loadbalancing.js.map