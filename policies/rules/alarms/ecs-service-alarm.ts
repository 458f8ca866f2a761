import { aws } from "../../lib/aws-types";
import { judgeAlarmCoverage } from "../../lib/links/alarms";
import { targetGroupsOf } from "../../lib/links/loadbalancing";
import { stackRule } from "../../lib/rule";
import { coverageFindings, metricsConfig } from "./coverage";

export const ecsServiceAlarm = stackRule({
    id: "ecs-service-alarm",
    title: "ECS services have a task or utilisation alarm",
    pillar: "alarms",
    description:
        "An ECS service (dimension `ServiceName`, with `ClusterName`), or a target group it serves (dimension `TargetGroup`), is watched by a CloudWatch metric alarm on one of `metrics` (default running task count, CPU, memory, unhealthy hosts) that has an alarm action and does not disable actions.",
    remediation: [
        "Alarm when the service runs fewer tasks than it needs (Container Insights) or saturates:",
        "```ts",
        "new aws.cloudwatch.MetricAlarm(\"api-running-tasks\", {",
        "    namespace: \"ECS/ContainerInsights\", metricName: \"RunningTaskCount\", statistic: \"Minimum\",",
        "    dimensions: { ClusterName: cluster.name, ServiceName: service.name },",
        "    period: 60, evaluationPeriods: 3, threshold: 2, comparisonOperator: \"LessThanThreshold\",",
        "    alarmActions: [alarmTopic.arn],",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "A service whose tasks crash-loop or saturate degrades quietly; ECS replaces tasks but tells no one.",
    byDefault: { shown: true, why: "A service whose tasks crash-loop or saturate raises nothing unless an alarm watches it." },
    resourceTypes: [aws.ecs.Service],
    anchors: { gap: true, other: ["Resilience Hub alarm recommendations"], wellArchitected: ["REL06-BP01", "REL06-BP03"] },
    config: metricsConfig(["RunningTaskCount", "CPUUtilization", "MemoryUtilization", "UnHealthyHostCount", "HealthyHostCount"], "an ECS service or its target groups"),
    check(service, { config, graph }) {
        const coverage = judgeAlarmCoverage(graph, {
            watched: [service, ...targetGroupsOf(graph, service).targets],
            dimensions: ["ServiceName", "TargetGroup"],
            metricNames: config.metrics,
        });
        return coverageFindings(
            coverage,
            "add an aws.cloudwatch.MetricAlarm with metricName \"RunningTaskCount\" (ECS/ContainerInsights) or \"CPUUtilization\"/\"MemoryUtilization\" (AWS/ECS), dimensions { ClusterName: cluster.name, ServiceName: service.name } and alarmActions [topic.arn].",
        );
    },
});
