import { aws } from "../../lib/aws-types";
import { judgeAlarmCoverage } from "../../lib/links/alarms";
import { clusterMembers } from "../../lib/links/cluster-members";
import { stackRule } from "../../lib/rule";
import { coverageFindings, metricsConfig } from "./coverage";

/** Aurora / Multi-AZ cluster → its cluster instances, once per graph. */
export const rdsAlarm = stackRule({
    id: "rds-alarm",
    title: "RDS databases have a resource alarm",
    pillar: "alarms",
    description:
        "An RDS DB instance, or a DB cluster (directly or through one of its instances), is watched by a CloudWatch metric alarm (dimension `DBInstanceIdentifier` or `DBClusterIdentifier`) on one of `metrics` (default CPU, free storage, freeable memory, connections, latency) that has an alarm action and does not disable actions.",
    remediation: [
        "Alarm on the database's saturation before it fails:",
        "```ts",
        "new aws.cloudwatch.MetricAlarm(\"orders-db-storage\", {",
        "    namespace: \"AWS/RDS\", metricName: \"FreeStorageSpace\", statistic: \"Minimum\",",
        "    dimensions: { DBInstanceIdentifier: db.identifier }, // clusters: { DBClusterIdentifier: cluster.clusterIdentifier }",
        "    period: 300, evaluationPeriods: 1, threshold: 5 * 1024 ** 3, comparisonOperator: \"LessThanThreshold\",",
        "    alarmActions: [alarmTopic.arn],",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "Databases fail by running out of storage, memory, CPU or connections, all visible in CloudWatch well before the outage if someone is alarmed.",
    byDefault: { shown: true, why: "A database running out of CPU, storage or memory takes the application down; an alarm gives warning." },
    resourceTypes: [aws.rds.Instance, aws.rds.Cluster],
    anchors: { awsConfig: ["cloudwatch-alarm-resource-check"], other: ["Resilience Hub alarm recommendations"], wellArchitected: ["REL06-BP01", "REL06-BP03"] },
    config: metricsConfig(
        ["CPUUtilization", "FreeStorageSpace", "FreeableMemory", "FreeLocalStorage", "DatabaseConnections", "ReadLatency", "WriteLatency"],
        "an RDS instance or cluster",
    ),
    check(db, { config, graph }) {
        const cluster = db.type === aws.rds.Cluster;
        const coverage = judgeAlarmCoverage(graph, {
            watched: cluster ? [db, ...clusterMembers(graph, db, aws.rds.ClusterInstance).members] : [db],
            dimensions: cluster ? ["DBClusterIdentifier", "DBInstanceIdentifier"] : ["DBInstanceIdentifier"],
            metricNames: config.metrics,
        });
        return coverageFindings(
            coverage,
            cluster
                ? "add an aws.cloudwatch.MetricAlarm with namespace \"AWS/RDS\", metricName \"CPUUtilization\" (or \"FreeableMemory\"), dimensions { DBClusterIdentifier: cluster.clusterIdentifier } and alarmActions [topic.arn]."
                : "add an aws.cloudwatch.MetricAlarm with namespace \"AWS/RDS\", metricName \"FreeStorageSpace\" (or \"CPUUtilization\"), dimensions { DBInstanceIdentifier: db.identifier } and alarmActions [topic.arn].",
        );
    },
});
