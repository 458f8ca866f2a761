import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { type AlarmedScope } from "../alarms/routing";

export interface DatabaseAlarmThresholds {
    cpuPercent: number;
    connections: number;
    replicaLagSeconds: number;
}

type Dimensions = Record<string, pulumi.Input<string>>;

/** The alarm kinds a database instance or cluster gets, named `<component>-<suffix>`. RDS gauges treat missing data as missing. */
export interface DatabaseAlarms {
    cpu(suffix: string, dimensions: Dimensions): aws.cloudwatch.MetricAlarm;
    connections(suffix: string, dimensions: Dimensions): aws.cloudwatch.MetricAlarm;
    /** ReplicaLag is in seconds, AuroraReplicaLag in milliseconds; a replica that stops reporting lag is not replicating. */
    lag(suffix: string, metricName: "ReplicaLag" | "AuroraReplicaLag", dimensions: Dimensions): aws.cloudwatch.MetricAlarm;
    /** Free (local) storage below `gib`. */
    storage(suffix: string, metricName: "FreeStorageSpace" | "FreeLocalStorage", dimensions: Dimensions, gib: number, description: string): aws.cloudwatch.MetricAlarm;
}

export function databaseAlarms(scope: AlarmedScope, thresholds: DatabaseAlarmThresholds): DatabaseAlarms {
    const rds = { namespace: "AWS/RDS", comparisonOperator: "GreaterThanThreshold" } as const;
    const alarmName = (suffix: string) => `${scope.name}-${suffix}`;
    return {
        cpu: (suffix, dimensions) =>
            scope.alarm(suffix, {
                ...rds,
                metricName: "CPUUtilization",
                dimensions,
                statistic: "Average",
                threshold: thresholds.cpuPercent,
                periodSeconds: 300,
                evaluationPeriods: 3,
                treatMissingData: "missing", // RDS always reports; a gap is not evidence either way
                description: `${alarmName(suffix)}: CPU above ${thresholds.cpuPercent}% for 15 minutes`,
            }),
        connections: (suffix, dimensions) =>
            scope.alarm(suffix, {
                ...rds,
                metricName: "DatabaseConnections",
                dimensions,
                statistic: "Maximum",
                threshold: thresholds.connections,
                periodSeconds: 300,
                evaluationPeriods: 2,
                treatMissingData: "missing",
                description: `${alarmName(suffix)}: more than ${thresholds.connections} connections`,
            }),
        lag: (suffix, metricName, dimensions) =>
            scope.alarm(suffix, {
                ...rds,
                metricName,
                dimensions,
                statistic: "Maximum",
                threshold: metricName === "ReplicaLag" ? thresholds.replicaLagSeconds : thresholds.replicaLagSeconds * 1000,
                periodSeconds: 60,
                evaluationPeriods: 5,
                treatMissingData: "breaching",
                description: `${alarmName(suffix)}: replica more than ${thresholds.replicaLagSeconds}s behind the writer`,
            }),
        storage: (suffix, metricName, dimensions, gib, description) =>
            scope.alarm(suffix, {
                ...rds,
                comparisonOperator: "LessThanThreshold",
                metricName,
                dimensions,
                statistic: "Minimum",
                threshold: gib * 1024 ** 3,
                periodSeconds: 300,
                evaluationPeriods: 1,
                treatMissingData: "missing",
                description,
            }),
    };
}
