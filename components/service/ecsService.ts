// Builders of HealthCheckedService's service half: the ECS service, its autoscaling, its capacity alarm.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AlarmedScope } from "../alarms/routing";
import { type Scope } from "../lib/component";

export interface ServiceSettings {
    cluster: aws.ecs.Cluster;
    taskDefinition: aws.ecs.TaskDefinition;
    desiredCount: number;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    securityGroupId: pulumi.Input<string>;
    targetGroup: aws.lb.TargetGroup;
    containerPort: number;
    gracePeriodSeconds: number;
    rollbackAlarmNames: pulumi.Input<string>[];
    /** The listeners and the execution policy: tasks can pull, log and take traffic once they start. */
    dependsOn: pulumi.Resource[];
}

/**
 * Rolling deployments with minimum healthy 100 %, the circuit breaker and alarm-based rollback;
 * `waitForSteadyState`, so a rolled-back deployment fails `pulumi up`.
 */
export function createEcsService(scope: Scope, settings: ServiceSettings): aws.ecs.Service {
    return new aws.ecs.Service(
        `${scope.name}-service`,
        {
            cluster: settings.cluster.arn,
            taskDefinition: settings.taskDefinition.arn,
            launchType: "FARGATE",
            desiredCount: settings.desiredCount,
            networkConfiguration: { subnets: settings.subnetIds, securityGroups: [settings.securityGroupId], assignPublicIp: false },
            loadBalancers: [{ targetGroupArn: settings.targetGroup.arn, containerName: "app", containerPort: settings.containerPort }],
            healthCheckGracePeriodSeconds: settings.gracePeriodSeconds,
            deploymentController: { type: "ECS" },
            deploymentCircuitBreaker: { enable: true, rollback: true },
            deploymentMinimumHealthyPercent: 100,
            deploymentMaximumPercent: 200,
            alarms: { alarmNames: settings.rollbackAlarmNames, enable: true, rollback: true },
            availabilityZoneRebalancing: "ENABLED",
            waitForSteadyState: true,
            propagateTags: "SERVICE",
            enableEcsManagedTags: true,
            tags: scope.tags,
        },
        {
            ...scope.child,
            dependsOn: settings.dependsOn,
            // Autoscaling owns the running count after creation.
            ignoreChanges: ["desiredCount"],
            customTimeouts: { create: "20m", update: "20m", delete: "20m" },
        },
    );
}

/** Application Auto Scaling between `minCapacity` and `maxCapacity`, target tracking on CPU and on ALB requests per target. */
export function createServiceScaling(
    scope: Scope,
    service: { cluster: aws.ecs.Cluster; service: aws.ecs.Service },
    capacity: { min: number; max: number },
    targets: { targetCpuPercent: number; requestsPerTarget: number; requestCountLabel: pulumi.Input<string> },
): void {
    const { name, tags, child } = scope;
    const resourceId = pulumi.interpolate`service/${service.cluster.name}/${service.service.name}`;
    const target = new aws.appautoscaling.Target(
        `${name}-scaling`,
        { serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount", resourceId, minCapacity: capacity.min, maxCapacity: capacity.max, tags },
        child,
    );
    const targetTracking = (suffix: string, predefinedMetricSpecification: aws.types.input.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecification, targetValue: number) =>
        new aws.appautoscaling.Policy(
            `${name}-${suffix}`,
            {
                policyType: "TargetTrackingScaling",
                serviceNamespace: target.serviceNamespace,
                scalableDimension: target.scalableDimension,
                resourceId: target.resourceId,
                targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification, targetValue, scaleInCooldown: 300, scaleOutCooldown: 60 },
            },
            child,
        );
    targetTracking("cpu", { predefinedMetricType: "ECSServiceAverageCPUUtilization" }, targets.targetCpuPercent);
    targetTracking("requests", { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: targets.requestCountLabel }, targets.requestsPerTarget);
}

/** Fewer running tasks than the desired minimum (Container Insights reports every minute while the service exists). */
export function createRunningTasksAlarm(scope: AlarmedScope, service: { cluster: aws.ecs.Cluster; service: aws.ecs.Service }, desiredCount: number): aws.cloudwatch.MetricAlarm {
    return scope.alarm("running-tasks", {
        namespace: "ECS/ContainerInsights",
        metricName: "RunningTaskCount",
        dimensions: { ClusterName: service.cluster.name, ServiceName: service.service.name },
        statistic: "Minimum",
        comparisonOperator: "LessThanThreshold",
        threshold: desiredCount,
        evaluationPeriods: 5,
        treatMissingData: "breaching",
        description: `${scope.name}: fewer running tasks than the desired minimum (${desiredCount})`,
    });
}
