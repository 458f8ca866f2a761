import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resolveAlarmTopic } from "../alarms/alarmTopic";
import { createMetricAlarm } from "../alarms/metricAlarm";
import { type CommonArgs, commonArgsShape } from "../lib/common";
import { assumeRolePolicyFor } from "../lib/iam";
import { defaultRedundantCount } from "../lib/profile";
import { guardedSubnetIds, knownCount, type SubnetIds, subnetListSchema } from "../lib/subnets";
import { componentTags } from "../lib/tags";
import { ComponentArgsError, input, validateArgs, whenValid } from "../lib/validation";
import {
    createLoadBalancer,
    healthCheckSchema,
    type LoadBalancerAlarmThresholds,
    loadBalancerAlarmThresholdsSchema,
    type LoadBalancerArgs,
    loadBalancerSchema,
    type TargetHealthCheckArgs,
    timeToHealthySeconds,
} from "./applicationLoadBalancer";

export interface LoadBalancedAutoScalingGroupArgs extends CommonArgs {
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
    healthCheck?: TargetHealthCheckArgs;
    loadBalancer?: LoadBalancerArgs;
    /** Root volume size in GiB (default 20) and optional KMS key (default: the account's EBS key). */
    rootVolume?: { sizeGib?: number; kmsKeyId?: pulumi.Input<string> };
    /** Target tracking: average CPU % (default 50) and optionally ALB requests per target. */
    scaling?: { targetCpuPercent?: number; requestsPerTarget?: number };
    /** Managed policies for the instance role (default: AmazonSSMManagedInstanceCore, for Session Manager instead of SSH). */
    instanceManagedPolicyArns?: string[];
    alarmThresholds?: LoadBalancerAlarmThresholds;
}

const TYPE = "faultguard:aws:LoadBalancedAutoScalingGroup";

const schema = z
    .strictObject({
        ...commonArgsShape,
        vpcId: input(z.string().min(1, "must be a VPC ID such as vpc-0123…")),
        publicSubnetIds: subnetListSchema(2, "public", "an Application Load Balancer needs two AZs"),
        privateSubnetIds: subnetListSchema(1, "private", "for the instances"),
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
        const production = args.profile === "production";
        const azCount = knownCount(args.privateSubnetIds as SubnetIds);
        if (production && azCount !== undefined && azCount < 2) {
            ctx.addIssue({ code: "custom", path: ["privateSubnetIds"], message: `needs subnets in at least 2 availability zones in production (got ${azCount}); pass one private subnet per AZ, or use profile "development"` });
        }
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


/**
 * EC2 instances in an Auto Scaling group over at least two AZs behind an Application Load Balancer.
 *
 * - ALB in the public subnets, access logs, explicit idle timeout, invalid headers dropped,
 *   deletion protection in production; HTTPS (TLS 1.3 policy) + HTTP→HTTPS redirect with a
 *   certificate, plain HTTP without one.
 * - Target group with an explicit health check; ASG health check type ELB with a grace period
 *   ≥ interval × healthy threshold; minSize ≥ number of AZs.
 * - Launch template: IMDSv2 required, encrypted gp3 root volume, detailed monitoring.
 * - Instance refresh with auto-rollback on the 5xx and unhealthy-host alarms; target tracking on CPU
 *   (and optionally requests per target).
 * - Alarms: target 5xx, ELB 5xx, unhealthy hosts, p99 latency, in-service instances below minSize.
 * - Security groups: the world reaches only the listener ports; instances only accept the ALB.
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
        const parsed = validateArgs(schema, args, TYPE, name);
        super(TYPE, name, {}, opts);
        const production = parsed.profile === "production";
        const tags = componentTags(TYPE, parsed.profile, parsed.tags);
        const child = { parent: this };
        const azCount = knownCount(args.privateSubnetIds);
        const minSize = defaultRedundantCount(parsed.minSize, production, azCount);
        const maxSize = parsed.maxSize ?? Math.max(minSize * 2, minSize);
        // Plain lists were checked by the schema; an Output<string[]> is checked when it resolves.
        const privateSubnetIds = Array.isArray(args.privateSubnetIds)
            ? args.privateSubnetIds
            : guardedSubnetIds(args.privateSubnetIds, production ? 2 : 1, "privateSubnetIds", TYPE, name).apply((ids) => {
                  if (production && minSize < ids.length) {
                      throw new ComponentArgsError(TYPE, name, [{ path: "minSize", message: `must be at least the number of AZs (${ids.length}); raise minSize to ${ids.length}` }]);
                  }
                  return ids;
              });
        const publicSubnetIds = Array.isArray(args.publicSubnetIds) ? args.publicSubnetIds : guardedSubnetIds(args.publicSubnetIds, 2, "publicSubnetIds", TYPE, name);
        this.alarmTopicArn = pulumi.output(resolveAlarmTopic(this, name, parsed.alarms?.topicArn, parsed));

        const lb = createLoadBalancer(this, name, {
            vpcId: parsed.vpcId,
            publicSubnetIds,
            targetPort: parsed.instancePort,
            targetType: "instance",
            lb: parsed.loadBalancer,
            healthCheck: parsed.healthCheck,
            thresholds: parsed.alarmThresholds,
            profile: parsed.profile,
            tags,
            alarmTopicArn: this.alarmTopicArn,
        });
        this.loadBalancer = lb.loadBalancer;
        this.targetGroup = lb.targetGroup;
        this.instanceSecurityGroup = lb.targetSecurityGroup;
        this.loadBalancerSecurityGroup = lb.loadBalancerSecurityGroup;
        this.dnsName = lb.loadBalancer.dnsName;

        this.instanceRole = new aws.iam.Role(`${name}-instance`, { assumeRolePolicy: assumeRolePolicyFor("ec2.amazonaws.com"), tags }, child);
        const partition = aws.getPartitionOutput({}, child).partition;
        const policyArns = parsed.instanceManagedPolicyArns ?? [pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`];
        policyArns.forEach((policyArn, i) => new aws.iam.RolePolicyAttachment(`${name}-instance-${i}`, { role: this.instanceRole.name, policyArn }, child));
        const instanceProfile = new aws.iam.InstanceProfile(`${name}-instance`, { role: this.instanceRole.name, tags }, child);

        const imageId =
            parsed.imageId ??
            aws.ec2.getAmiOutput(
                { mostRecent: true, owners: ["amazon"], filters: [{ name: "name", values: ["al2023-ami-2023.*-x86_64"] }, { name: "architecture", values: ["x86_64"] }] },
                child,
            ).id;
        this.launchTemplate = new aws.ec2.LaunchTemplate(
            `${name}-lt`,
            {
                imageId,
                instanceType: parsed.instanceTypes[0],
                updateDefaultVersion: true,
                iamInstanceProfile: { arn: instanceProfile.arn },
                vpcSecurityGroupIds: [lb.targetSecurityGroup.id],
                userData: parsed.userData === undefined ? undefined : pulumi.output(parsed.userData).apply((u) => Buffer.from(u, "utf8").toString("base64")),
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                monitoring: { enabled: true },
                blockDeviceMappings: [
                    {
                        deviceName: parsed.rootDeviceName,
                        ebs: { encrypted: "true", volumeType: "gp3", volumeSize: parsed.rootVolume.sizeGib, kmsKeyId: parsed.rootVolume.kmsKeyId, deleteOnTermination: "true" },
                    },
                ],
                tagSpecifications: [
                    { resourceType: "instance", tags },
                    { resourceType: "volume", tags },
                ],
                tags,
            },
            child,
        );

        const launchTemplateSpec = { id: this.launchTemplate.id, version: pulumi.interpolate`${this.launchTemplate.latestVersion}` };
        this.autoScalingGroup = new aws.autoscaling.Group(
            `${name}-asg`,
            {
                vpcZoneIdentifiers: privateSubnetIds,
                minSize,
                maxSize,
                healthCheckType: "ELB",
                healthCheckGracePeriod: parsed.healthCheckGracePeriodSeconds,
                defaultInstanceWarmup: parsed.healthCheckGracePeriodSeconds,
                targetGroupArns: [lb.targetGroup.arn],
                capacityRebalance: true,
                waitForCapacityTimeout: "15m",
                ...(parsed.instanceTypes.length > 1
                    ? {
                          mixedInstancesPolicy: {
                              instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100, onDemandAllocationStrategy: "prioritized" },
                              launchTemplate: { launchTemplateSpecification: { launchTemplateId: launchTemplateSpec.id, version: launchTemplateSpec.version }, overrides: parsed.instanceTypes.map((instanceType) => ({ instanceType })) },
                          },
                      }
                    : { launchTemplate: launchTemplateSpec }),
                instanceRefresh: {
                    strategy: "Rolling",
                    preferences: {
                        minHealthyPercentage: 100,
                        maxHealthyPercentage: 200,
                        instanceWarmup: String(parsed.healthCheckGracePeriodSeconds),
                        skipMatching: true,
                        autoRollback: true,
                        alarmSpecification: { alarms: lb.rollbackAlarmNames },
                    },
                },
                enabledMetrics: ["GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances", "GroupTerminatingInstances", "GroupTotalInstances"],
                metricsGranularity: "1Minute",
                tags: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
            },
            { parent: this, dependsOn: lb.listeners },
        );

        // Launch/terminate failures are events, not metrics: publish them to the alarm topic.
        new aws.autoscaling.Notification(
            `${name}-events`,
            {
                groupNames: [this.autoScalingGroup.name],
                notifications: ["autoscaling:EC2_INSTANCE_LAUNCH", "autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"],
                topicArn: this.alarmTopicArn,
            },
            child,
        );

        new aws.autoscaling.Policy(
            `${name}-cpu`,
            {
                autoscalingGroupName: this.autoScalingGroup.name,
                policyType: "TargetTrackingScaling",
                targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: parsed.scaling.targetCpuPercent },
            },
            child,
        );
        if (parsed.scaling.requestsPerTarget !== undefined) {
            new aws.autoscaling.Policy(
                `${name}-requests`,
                {
                    autoscalingGroupName: this.autoScalingGroup.name,
                    policyType: "TargetTrackingScaling",
                    targetTrackingConfiguration: {
                        predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: pulumi.interpolate`${lb.loadBalancer.arnSuffix}/${lb.targetGroup.arnSuffix}` },
                        targetValue: parsed.scaling.requestsPerTarget,
                    },
                },
                child,
            );
        }

        const inService = createMetricAlarm(
            `${name}-in-service`,
            {
                namespace: "AWS/AutoScaling",
                metricName: "GroupInServiceInstances",
                dimensions: { AutoScalingGroupName: this.autoScalingGroup.name },
                statistic: "Minimum",
                comparisonOperator: "LessThanThreshold",
                threshold: minSize,
                evaluationPeriods: 5,
                treatMissingData: "breaching", // group metrics stop only when the group is gone or broken
                description: `${name}: fewer in-service instances than minSize (${minSize})`,
            },
            { topicArn: this.alarmTopicArn },
            child,
            tags,
        );
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
