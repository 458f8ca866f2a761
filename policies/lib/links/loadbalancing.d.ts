import { type GraphResource, type StackGraph } from "../graph";
export declare const ASG_TYPES: readonly ["aws:autoscaling/group:Group"];
export declare const TARGET_GROUP_TYPES: readonly ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
export declare const LOAD_BALANCER_TYPES: readonly ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
/** What kind of health check a traffic source can drive: ELB (target groups, classic) or VPC Lattice. */
export type TrafficKind = "elb" | "vpc-lattice";
export interface TrafficSource {
    kind: TrafficKind;
    /** Where the link was found, for messages ("targetGroupArns", "aws.autoscaling.Attachment tg-attach"). */
    via: string;
}
/** Every traffic source an Auto Scaling group is attached to, declared inline or by attachment resources. */
export declare function asgTrafficSources(graph: StackGraph, asg: GraphResource): TrafficSource[];
