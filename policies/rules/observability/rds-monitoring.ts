import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource } from "../../lib/graph";
import { stackRule, unresolvable, violation } from "../../lib/rule";

type Monitoring = { on: true } | { on: false } | { unknown: string };

/** Performance Insights (or Database Insights advanced mode, which implies it) or enhanced monitoring. */
function monitoringOf(r: GraphResource): Monitoring {
    const reads = {
        pi: r.read("performanceInsightsEnabled"),
        interval: r.read("monitoringInterval"),
        insights: r.read("databaseInsightsMode"),
    };
    if ((reads.pi.known && reads.pi.value === true) || (reads.interval.known && typeof reads.interval.value === "number" && reads.interval.value > 0) || (reads.insights.known && reads.insights.value === "advanced")) {
        return { on: true };
    }
    const unknown = Object.values(reads).find((x) => !x.known);
    return unknown && !unknown.known ? { unknown: unknown.path } : { on: false };
}

export const rdsMonitoring = stackRule({
    id: "rds-monitoring",
    title: "RDS databases have Performance Insights or enhanced monitoring",
    pillar: "observability",
    description:
        "An RDS instance or Aurora cluster instance enables Performance Insights (`performanceInsightsEnabled`, or `databaseInsightsMode: \"advanced\"`) or enhanced monitoring (`monitoringInterval` > 0), itself or — for cluster instances — on its `aws.rds.Cluster`.",
    remediation: [
        "```ts",
        "new aws.rds.Instance(\"db\", {",
        "    performanceInsightsEnabled: true,",
        "    monitoringInterval: 60, monitoringRoleArn: monitoringRole.arn, // enhanced monitoring: OS metrics every 60 s",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory", development: "disabled" },
    rationale:
        "Advisory: CloudWatch's basic RDS metrics do not show which queries or waits saturate a database or what the OS is doing; without them a slow-down is diagnosed by guesswork while it lasts. The database runs the same, and the features cost money — disabled in development.",
    byDefault: { shown: true, why: "Database performance problems are the usual root cause of application latency; without insight nobody can tell." },
    resourceTypes: [aws.rds.Instance, aws.rds.ClusterInstance],
    anchors: {
        cdkNag: ["HIPAA.Security-RDSEnhancedMonitoringEnabled", "NIST.800.53.R5-RDSEnhancedMonitoringEnabled"],
        checkov: ["CKV_AWS_118"],
        awsConfig: ["rds-enhanced-monitoring-enabled"],
        securityHub: ["RDS.6"],
        wellArchitected: ["REL06-BP01"],
    },
    config: z.object({}),
    check(db, { graph }) {
        const own = monitoringOf(db);
        if ("on" in own && own.on) {
            return [];
        }
        if (db.type === aws.rds.ClusterInstance) {
            for (const cluster of graph.resolve(db, "clusterIdentifier", [aws.rds.Cluster]).targets) {
                const m = monitoringOf(cluster);
                if ("on" in m && m.on) {
                    return [];
                }
            }
        }
        if ("unknown" in own) {
            return [unresolvable(own.unknown)];
        }
        return [
            violation(
                "neither Performance Insights nor enhanced monitoring is enabled; set performanceInsightsEnabled: true and/or monitoringInterval: 60 (with monitoringRoleArn).",
            ),
        ];
    },
});
