import type * as aws from "@pulumi/aws";
import { type AlarmedScope } from "../alarms/routing";

export interface LoadBalancerAlarms {
    target5xx: aws.cloudwatch.MetricAlarm;
    elb5xx: aws.cloudwatch.MetricAlarm;
    unhealthyHosts: aws.cloudwatch.MetricAlarm;
    latency: aws.cloudwatch.MetricAlarm;
}

/** Alarms on the target group (5xx, unhealthy hosts, p99 latency) and on the ALB itself (ELB 5xx). */
export function createLoadBalancerAlarms(
    scope: AlarmedScope,
    loadBalancer: aws.lb.LoadBalancer,
    targetGroup: aws.lb.TargetGroup,
    thresholds: { http5xxPerMinute: number; latencyP99Seconds: number },
): LoadBalancerAlarms {
    const { name } = scope;
    const namespace = "AWS/ApplicationELB";
    const targetDimensions = { LoadBalancer: loadBalancer.arnSuffix, TargetGroup: targetGroup.arnSuffix };
    const http5xx = { namespace, statistic: "Sum", comparisonOperator: "GreaterThanThreshold", threshold: thresholds.http5xxPerMinute, evaluationPeriods: 3, datapointsToAlarm: 2 } as const;
    return {
        // No datapoint = no 5xx responses.
        target5xx: scope.alarm("target-5xx", {
            ...http5xx,
            metricName: "HTTPCode_Target_5XX_Count",
            dimensions: targetDimensions,
            treatMissingData: "notBreaching",
            description: `${name}: targets returned more than ${thresholds.http5xxPerMinute} 5xx responses per minute`,
        }),
        elb5xx: scope.alarm("elb-5xx", {
            ...http5xx,
            metricName: "HTTPCode_ELB_5XX_Count",
            dimensions: { LoadBalancer: loadBalancer.arnSuffix },
            treatMissingData: "notBreaching",
            description: `${name}: the load balancer itself returned 5xx (no healthy target, timeouts)`,
        }),
        // Reported while targets are registered; no targets at all is the capacity alarm's job.
        unhealthyHosts: scope.alarm("unhealthy-hosts", {
            namespace,
            metricName: "UnHealthyHostCount",
            dimensions: targetDimensions,
            statistic: "Maximum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            evaluationPeriods: 3,
            treatMissingData: "notBreaching",
            description: `${name}: at least one target fails its health check`,
        }),
        // No requests = no latency.
        latency: scope.alarm("latency", {
            namespace,
            metricName: "TargetResponseTime",
            dimensions: targetDimensions,
            statistic: "p99",
            comparisonOperator: "GreaterThanThreshold",
            threshold: thresholds.latencyP99Seconds,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            treatMissingData: "notBreaching",
            description: `${name}: p99 target response time above ${thresholds.latencyP99Seconds}s`,
        }),
    };
}
