import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { defineAlarmedComponent } from "../alarms/routing";
import { type CommonArgs, commonArgsShape } from "../lib/common";
import { defaultRedundantCount } from "../lib/profile";
import { guardedSubnetIds, knownCount, type SubnetIds } from "../lib/subnets";
import { input, whenValid } from "../lib/validation";
import {
    checkPrivateSubnetsRedundant,
    createLoadBalancer,
    healthCheckSchema,
    type LoadBalancerAlarmThresholds,
    loadBalancerAlarmThresholdsSchema,
    type LoadBalancerArgs,
    loadBalancerSchema,
    type TargetHealthCheckArgs,
    tierNetworkShape,
    timeToHealthySeconds,
} from "./applicationLoadBalancer";
import { createAutoScalingGroup, createCapacityAlarm, createGroupScaling, createInstanceIdentity, createLaunchNotifications, createLaunchTemplate } from "./autoScaling";

export interface LoadBalancedAutoScalingGroupArgs extends CommonArgs {
    /** The VPC of the subnets (e.g. a `MultiAzNetwork`'s `vpcId`). */
    vpcId: pulumi.Input<string>;
    /** One public subnet per AZ for the load balancer (at least 2; ALBs need 2 AZs). */
    publicSubnetIds: SubnetIds;
    /** One private subnet per AZ for the instances (at least 2 in production). */
    privateSubnetIds: SubnetIds;
    /** AMI. Default: the latest Amazon Linux 2023 x86_64 AMI. */
    imageId?: pulumi.Input<string>;
    /** Root device of the AMI, for the encrypted root volume (default `/dev/xvda`, as on Amazon Linux). */
    rootDeviceName?: string;
    /**
     * Instance types, all of one architecture. Two or more spread capacity over instance pools
     * through a mixed-instances policy (default `["m7i.large", "m6i.large"]`).
     */
    instanceTypes?: string[];
    /** User data, plain text (base64-encoded here). */
    userData?: pulumi.Input<string>;
    /** Port the instances serve on (default 80). */
    instancePort?: number;
    /** Minimum instances. Production: at least the number of private subnets (AZs); default max(2, AZs). Development default 1. */
    minSize?: number;
    /** Maximum instances (default 2 × minSize, at least minSize). */
    maxSize?: number;
    /** Seconds after launch before ELB health checks count (default 300); ≥ health-check interval × healthy threshold. */
    healthCheckGracePeriodSeconds?: number;
    /** The target group's health check of each target. */
    healthCheck?: TargetHealthCheckArgs;
    /** The Application Load Balancer: TLS, idle timeout, who may reach it, access logs, draining. */
    loadBalancer?: LoadBalancerArgs;
    /** The encrypted gp3 root volume. */
    rootVolume?: {
        /** Size in GiB (8–16384, default 20). */
        sizeGib?: number;
        /** KMS key (default: the account's EBS key). */
        kmsKeyId?: pulumi.Input<string>;
    };
    /** Target tracking scaling policies. */
    scaling?: {
        /** Average CPU % to hold (10–90, default 50). */
        targetCpuPercent?: number;
        /** ALB requests per target to hold (default: no such policy). */
        requestsPerTarget?: number;
    };
    /** Managed policies for the instance role (default: AmazonSSMManagedInstanceCore, for Session Manager instead of SSH). */
    instanceManagedPolicyArns?: string[];
    /** When the load-balancer alarms fire. */
    alarmThresholds?: LoadBalancerAlarmThresholds;
}

const schema = z
    .strictObject({
        ...commonArgsShape,
        ...tierNetworkShape("instances"),
        imageId: input(z.string().startsWith("ami-", "must be an AMI ID (ami-…)")).optional(),
        rootDeviceName: z.string().startsWith("/dev/", "must be a device name such as /dev/xvda").default("/dev/xvda"),
        instanceTypes: z
            .array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9]+$/, "must be an EC2 instance type such as m7i.large"))
            .min(1, "needs at least one instance type")
            .refine((t) => new Set(t).size === t.length, "lists an instance type twice")
            .default(["m7i.large", "m6i.large"]),
        userData: input(z.string()).optional(),
        instancePort: z.number().int().min(1).max(65535, "must be a TCP port").default(80),
        minSize: z.number().int().min(1, "must be at least 1").optional(),
        maxSize: z.number().int().min(1, "must be at least 1").optional(),
        healthCheckGracePeriodSeconds: z.number().int().min(0).max(7200, "must be 0–7200 seconds").default(300),
        healthCheck: healthCheckSchema,
        loadBalancer: loadBalancerSchema,
        rootVolume: z
            .strictObject({ sizeGib: z.number().int().min(8, "must be at least 8 GiB").max(16384).default(20), kmsKeyId: input(z.string().min(1)).optional() })
            .default({ sizeGib: 20 }),
        scaling: z
            .strictObject({
                targetCpuPercent: z.number().min(10, "must be 10–90 %").max(90, "must be 10–90 %").default(50),
                requestsPerTarget: z.number().int().positive().optional(),
            })
            .default({ targetCpuPercent: 50 }),
        instanceManagedPolicyArns: z.array(z.string().startsWith("arn:", "must be an IAM policy ARN")).optional(),
        alarmThresholds: loadBalancerAlarmThresholdsSchema,
    })
    .superRefine((args, ctx) => {
        checkPrivateSubnetsRedundant(args, ctx);
        const production = args.profile === "production";
        const azCount = knownCount(args.privateSubnetIds as SubnetIds);
        const minSize = defaultRedundantCount(args.minSize, production, azCount);
        if (production && azCount !== undefined && minSize < azCount) {
            ctx.addIssue({ code: "custom", path: ["minSize"], message: `must be at least the number of AZs (${azCount}) so every AZ keeps an instance; raise minSize to ${azCount}` });
        }
        if (production && minSize < 2) {
            ctx.addIssue({ code: "custom", path: ["minSize"], message: "must be at least 2 in production so one instance can fail; raise minSize or use profile \"development\"" });
        }
        if (args.maxSize !== undefined && args.maxSize < minSize) {
            ctx.addIssue({ code: "custom", path: ["maxSize"], message: `must be at least minSize (${minSize}); raise maxSize` });
        }
    }, whenValid("profile", "privateSubnetIds", "minSize", "maxSize"))
    .superRefine((args, ctx) => {
        const needed = timeToHealthySeconds(args.healthCheck);
        if (args.healthCheckGracePeriodSeconds < needed) {
            ctx.addIssue({
                code: "custom",
                path: ["healthCheckGracePeriodSeconds"],
                message: `must be at least healthCheck.intervalSeconds × healthCheck.healthyThreshold (${needed}s) or new instances are replaced before they can pass; raise it to ≥ ${needed}`,
            });
        }
    }, whenValid("healthCheck.intervalSeconds", "healthCheck.healthyThreshold", "healthCheckGracePeriodSeconds"));

/** The type token, args schema and prologue (lib/component.ts). */
export const WEB_TIER = defineAlarmedComponent("faultguard:aws:LoadBalancedAutoScalingGroup", schema);

/**
 * EC2 instances in an Auto Scaling group over at least two AZs behind an Application Load Balancer.
 *
 * - ALB in the public subnets: explicit idle timeout, invalid headers dropped, desync mitigation,
 *   access logs to an SSE-S3 bucket with expiry, deletion protection in production; HTTPS with
 *   `ELBSecurityPolicy-TLS13-1-2-2021-06` and an HTTP→HTTPS redirect when
 *   `loadBalancer.certificateArn` is given, otherwise one plain HTTP listener.
 * - Target group with an explicit health check; ASG in the private subnets with
 *   `healthCheckType: "ELB"`, a grace period ≥ interval × healthy threshold, `minSize` ≥ number of
 *   AZs, a mixed-instances policy over two instance types, capacity rebalance, group metrics.
 * - Launch template: IMDSv2 required, encrypted gp3 root volume, detailed monitoring, an SSM-managed
 *   instance role (Session Manager, no SSH).
 * - Instance refresh with `autoRollback` on the 5xx and unhealthy-host alarms; CPU target tracking
 *   (optionally requests per target); launch/terminate notifications.
 * - Alarms: target 5xx, ELB 5xx, unhealthy hosts, p99 latency, in-service instances below `minSize`.
 * - Security groups: the world reaches only the listener ports; instances only accept the ALB.
 *
 * @example
 * const web = new LoadBalancedAutoScalingGroup("web", {
 *     alarms,
 *     vpcId: network.vpcId,
 *     publicSubnetIds: network.publicSubnetIds,
 *     privateSubnetIds: network.privateSubnetIds,
 *     instancePort: 8080,
 *     loadBalancer: { certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/…" },
 * });
 * // web.dnsName, web.instanceSecurityGroup, web.instanceRole
 */
export class LoadBalancedAutoScalingGroup extends pulumi.ComponentResource {
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly autoScalingGroup: aws.autoscaling.Group;
    readonly launchTemplate: aws.ec2.LaunchTemplate;
    readonly instanceSecurityGroup: aws.ec2.SecurityGroup;
    readonly loadBalancerSecurityGroup: aws.ec2.SecurityGroup;
    readonly instanceRole: aws.iam.Role;
    readonly alarms: aws.cloudwatch.MetricAlarm[];
    readonly dnsName: pulumi.Output<string>;
    readonly alarmTopicArn: pulumi.Output<string>;

    constructor(name: string, args: LoadBalancedAutoScalingGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        const parsed = WEB_TIER.validate(args, name);
        super(WEB_TIER.type, name, {}, opts);
        const ctx = WEB_TIER.open(this, name, parsed);
        const minSize = defaultRedundantCount(parsed.minSize, ctx.production, knownCount(args.privateSubnetIds));
        // Plain lists were checked by the schema; an Output<string[]> is checked when it resolves.
        const minSizeCoversAzs = (ids: string[]) => (ctx.production && minSize < ids.length ? [{ path: "minSize", message: `must be at least the number of AZs (${ids.length}); raise minSize to ${ids.length}` }] : []);
        const privateSubnetIds = guardedSubnetIds(args.privateSubnetIds, ctx.production ? 2 : 1, "privateSubnetIds", ctx, minSizeCoversAzs);
        this.alarmTopicArn = ctx.alarmTopicArn;

        const lb = createLoadBalancer(ctx, { port: parsed.instancePort, type: "instance" });
        this.loadBalancer = lb.loadBalancer;
        this.targetGroup = lb.targetGroup;
        this.instanceSecurityGroup = lb.targetSecurityGroup;
        this.loadBalancerSecurityGroup = lb.loadBalancerSecurityGroup;
        this.dnsName = lb.loadBalancer.dnsName;

        const identity = createInstanceIdentity(ctx, parsed.instanceManagedPolicyArns);
        this.instanceRole = identity.role;
        this.launchTemplate = createLaunchTemplate(ctx, {
            imageId: parsed.imageId,
            instanceType: parsed.instanceTypes[0],
            userData: parsed.userData,
            rootDeviceName: parsed.rootDeviceName,
            rootVolume: parsed.rootVolume,
            securityGroupId: lb.targetSecurityGroup.id,
            instanceProfile: identity.instanceProfile,
        });
        this.autoScalingGroup = createAutoScalingGroup(ctx, this.launchTemplate, {
            subnetIds: privateSubnetIds,
            minSize,
            maxSize: parsed.maxSize ?? Math.max(minSize * 2, minSize),
            gracePeriodSeconds: parsed.healthCheckGracePeriodSeconds,
            instanceTypes: parsed.instanceTypes,
            targetGroup: lb.targetGroup,
            rollbackAlarmNames: lb.rollbackAlarmNames,
            dependsOn: lb.listeners,
        });
        createLaunchNotifications(ctx, this.autoScalingGroup);
        createGroupScaling(ctx, this.autoScalingGroup, parsed.scaling, lb.requestCountLabel);
        const inService = createCapacityAlarm(ctx, this.autoScalingGroup, minSize);
        this.alarms = [lb.alarms.target5xx, lb.alarms.elb5xx, lb.alarms.unhealthyHosts, lb.alarms.latency, inService];

        this.registerOutputs({
            dnsName: this.dnsName,
            loadBalancerArn: this.loadBalancer.arn,
            targetGroupArn: this.targetGroup.arn,
            autoScalingGroupName: this.autoScalingGroup.name,
            instanceSecurityGroupId: this.instanceSecurityGroup.id,
            instanceRoleArn: this.instanceRole.arn,
            alarmTopicArn: this.alarmTopicArn,
            alarmNames: this.alarms.map((a) => a.name),
        });
    }
}
