import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/**
 * What to watch and when to fire. Dimensions must come from the monitored resource's outputs
 * (e.g. `{ QueueName: dlq.name }`) so the alarm depends on that resource: the policy pack links
 * alarms to resources through those values and, when they are unknown in a preview, through the
 * alarm's `propertyDependencies.dimensions`.
 */
export interface AlarmSpec {
    namespace: string;
    metricName: string;
    dimensions: Record<string, pulumi.Input<string>>;
    /** A plain statistic, or a percentile such as `p99` (sent as `extendedStatistic`). */
    statistic: "Sum" | "Average" | "Maximum" | "Minimum" | "SampleCount" | `p${number}`;
    comparisonOperator: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";
    threshold: pulumi.Input<number>;
    periodSeconds?: number;
    evaluationPeriods?: number;
    datapointsToAlarm?: number;
    /**
     * Chosen per alarm, deliberately: `notBreaching` for event counts (no 5xx datapoint means no
     * 5xx), `breaching` for gauges whose absence means the thing is gone (in-service instances,
     * running tasks), `missing` otherwise.
     */
    treatMissingData: "missing" | "ignore" | "breaching" | "notBreaching";
    description: string;
}

/** Where an alarm notifies; both ALARM and OK transitions go to the same topic. */
export interface AlarmActions {
    topicArn: pulumi.Input<string>;
}

/** Creates a CloudWatch alarm with alarm and OK actions that are always enabled. */
export function createMetricAlarm(
    name: string,
    spec: AlarmSpec,
    actions: AlarmActions,
    opts: pulumi.CustomResourceOptions,
    tags?: Record<string, string>,
): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(
        name,
        {
            alarmDescription: spec.description,
            namespace: spec.namespace,
            metricName: spec.metricName,
            dimensions: spec.dimensions,
            ...(spec.statistic.startsWith("p") ? { extendedStatistic: spec.statistic } : { statistic: spec.statistic }),
            comparisonOperator: spec.comparisonOperator,
            threshold: spec.threshold,
            period: spec.periodSeconds ?? 60,
            evaluationPeriods: spec.evaluationPeriods ?? 3,
            datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods ?? 3,
            treatMissingData: spec.treatMissingData,
            actionsEnabled: true,
            alarmActions: [actions.topicArn],
            okActions: [actions.topicArn],
            tags,
        },
        opts,
    );
}
