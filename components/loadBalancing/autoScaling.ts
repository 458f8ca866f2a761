// Builders of LoadBalancedAutoScalingGroup's instance half: role, launch template, group, scaling, capacity alarm.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AlarmedScope } from "../alarms/routing";
import { type Scope } from "../lib/component";
import { assumeRolePolicyFor } from "../lib/iam";

export interface InstanceIdentity {
    role: aws.iam.Role;
    instanceProfile: aws.iam.InstanceProfile;
}

/** The instances' role (default: SSM-managed, for Session Manager instead of SSH) and instance profile. */
export function createInstanceIdentity(scope: Scope, managedPolicyArns: string[] | undefined): InstanceIdentity {
    const { name, tags, child } = scope;
    const role = new aws.iam.Role(`${name}-instance`, { assumeRolePolicy: assumeRolePolicyFor("ec2.amazonaws.com"), tags }, child);
    const partition = aws.getPartitionOutput({}, child).partition;
    const policyArns = managedPolicyArns ?? [pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`];
    policyArns.forEach((policyArn, i) => new aws.iam.RolePolicyAttachment(`${name}-instance-${i}`, { role: role.name, policyArn }, child));
    const instanceProfile = new aws.iam.InstanceProfile(`${name}-instance`, { role: role.name, tags }, child);
    return { role, instanceProfile };
}

export interface LaunchTemplateSettings {
    imageId?: pulumi.Input<string>;
    instanceType: string;
    userData?: pulumi.Input<string>;
    rootDeviceName: string;
    rootVolume: { sizeGib: number; kmsKeyId?: pulumi.Input<string> };
    securityGroupId: pulumi.Input<string>;
    instanceProfile: aws.iam.InstanceProfile;
}

/** The latest Amazon Linux 2023 x86_64 AMI. */
function latestAmazonLinux(scope: Scope): pulumi.Output<string> {
    const filters = [{ name: "name", values: ["al2023-ami-2023.*-x86_64"] }, { name: "architecture", values: ["x86_64"] }];
    return aws.ec2.getAmiOutput({ mostRecent: true, owners: ["amazon"], filters }, scope.child).id;
}

/** IMDSv2 required, an encrypted gp3 root volume, detailed monitoring, tags on instances and volumes. */
export function createLaunchTemplate(scope: Scope, settings: LaunchTemplateSettings): aws.ec2.LaunchTemplate {
    const { tags } = scope;
    const { rootVolume } = settings;
    return new aws.ec2.LaunchTemplate(
        `${scope.name}-lt`,
        {
            imageId: settings.imageId ?? latestAmazonLinux(scope),
            instanceType: settings.instanceType,
            updateDefaultVersion: true,
            iamInstanceProfile: { arn: settings.instanceProfile.arn },
            vpcSecurityGroupIds: [settings.securityGroupId],
            userData: settings.userData === undefined ? undefined : pulumi.output(settings.userData).apply((u) => Buffer.from(u, "utf8").toString("base64")),
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            monitoring: { enabled: true },
            blockDeviceMappings: [
                { deviceName: settings.rootDeviceName, ebs: { encrypted: "true", volumeType: "gp3", volumeSize: rootVolume.sizeGib, kmsKeyId: rootVolume.kmsKeyId, deleteOnTermination: "true" } },
            ],
            tagSpecifications: [
                { resourceType: "instance", tags },
                { resourceType: "volume", tags },
            ],
            tags,
        },
        scope.child,
    );
}

export interface GroupSettings {
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    minSize: number;
    maxSize: number;
    gracePeriodSeconds: number;
    instanceTypes: string[];
    targetGroup: aws.lb.TargetGroup;
    rollbackAlarmNames: pulumi.Input<string>[];
    /** The group waits for these (the listeners) so instances are reachable when it checks them. */
    dependsOn: pulumi.Resource[];
}

/** Two or more instance types: a mixed-instances policy over them; one: the launch template itself. */
function instanceSource(launchTemplate: aws.ec2.LaunchTemplate, instanceTypes: string[]) {
    const spec = { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` };
    if (instanceTypes.length <= 1) return { launchTemplate: spec };
    return {
        mixedInstancesPolicy: {
            instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100, onDemandAllocationStrategy: "prioritized" },
            launchTemplate: { launchTemplateSpecification: { launchTemplateId: spec.id, version: spec.version }, overrides: instanceTypes.map((instanceType) => ({ instanceType })) },
        },
    };
}

/** ELB health checks with a grace period, capacity rebalance, group metrics, instance refresh that rolls back on the alarms. */
export function createAutoScalingGroup(scope: Scope, launchTemplate: aws.ec2.LaunchTemplate, settings: GroupSettings): aws.autoscaling.Group {
    return new aws.autoscaling.Group(
        `${scope.name}-asg`,
        {
            vpcZoneIdentifiers: settings.subnetIds,
            minSize: settings.minSize,
            maxSize: settings.maxSize,
            healthCheckType: "ELB",
            healthCheckGracePeriod: settings.gracePeriodSeconds,
            defaultInstanceWarmup: settings.gracePeriodSeconds,
            targetGroupArns: [settings.targetGroup.arn],
            capacityRebalance: true,
            waitForCapacityTimeout: "15m",
            ...instanceSource(launchTemplate, settings.instanceTypes),
            instanceRefresh: {
                strategy: "Rolling",
                preferences: {
                    minHealthyPercentage: 100,
                    maxHealthyPercentage: 200,
                    instanceWarmup: String(settings.gracePeriodSeconds),
                    skipMatching: true,
                    autoRollback: true,
                    alarmSpecification: { alarms: settings.rollbackAlarmNames },
                },
            },
            enabledMetrics: ["GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances", "GroupTerminatingInstances", "GroupTotalInstances"],
            metricsGranularity: "1Minute",
            tags: Object.entries(scope.tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
        },
        { ...scope.child, dependsOn: settings.dependsOn },
    );
}

/** Target tracking on average CPU and, when asked, on ALB requests per target. */
export function createGroupScaling(scope: Scope, group: aws.autoscaling.Group, scaling: { targetCpuPercent: number; requestsPerTarget?: number }, requestCountLabel: pulumi.Input<string>): void {
    const { name, child } = scope;
    const targetTracking = (suffix: string, predefinedMetricSpecification: aws.types.input.autoscaling.PolicyTargetTrackingConfigurationPredefinedMetricSpecification, targetValue: number) =>
        new aws.autoscaling.Policy(`${name}-${suffix}`, { autoscalingGroupName: group.name, policyType: "TargetTrackingScaling", targetTrackingConfiguration: { predefinedMetricSpecification, targetValue } }, child);
    targetTracking("cpu", { predefinedMetricType: "ASGAverageCPUUtilization" }, scaling.targetCpuPercent);
    if (scaling.requestsPerTarget !== undefined) targetTracking("requests", { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: requestCountLabel }, scaling.requestsPerTarget);
}

/** Launch/terminate failures are events, not metrics: they go to the alarm topic. */
export function createLaunchNotifications(scope: AlarmedScope, group: aws.autoscaling.Group): void {
    new aws.autoscaling.Notification(
        `${scope.name}-events`,
        {
            groupNames: [group.name],
            notifications: ["autoscaling:EC2_INSTANCE_LAUNCH", "autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR"],
            topicArn: scope.alarmTopicArn,
        },
        scope.child,
    );
}

/** Fewer in-service instances than minSize. */
export function createCapacityAlarm(scope: AlarmedScope, group: aws.autoscaling.Group, minSize: number): aws.cloudwatch.MetricAlarm {
    return scope.alarm("in-service", {
        namespace: "AWS/AutoScaling",
        metricName: "GroupInServiceInstances",
        dimensions: { AutoScalingGroupName: group.name },
        statistic: "Minimum",
        comparisonOperator: "LessThanThreshold",
        threshold: minSize,
        evaluationPeriods: 5,
        treatMissingData: "breaching", // group metrics stop only when the group is gone or broken
        description: `${scope.name}: fewer in-service instances than minSize (${minSize})`,
    });
}
