import { aws } from "../../lib/aws-types";
import { judgeAlarmCoverage, type DimensionName } from "../../lib/links/alarms";
import { targetGroupsOf } from "../../lib/links/loadbalancing";
import { stackRule, violation } from "../../lib/rule";
import { coverageFindings, metricsConfig } from "./coverage";

const FIX =
    "add an aws.cloudwatch.MetricAlarm with metricName \"GroupInServiceInstances\" (namespace AWS/AutoScaling, with enabledMetrics on the group) or \"CPUUtilization\" (AWS/EC2), dimensions { AutoScalingGroupName: asg.name } and alarmActions [topic.arn].";

export const asgAlarm = stackRule({
    id: "asg-alarm",
    title: "Auto Scaling groups have a capacity or health alarm",
    pillar: "alarms",
    description:
        "An Auto Scaling group (dimension `AutoScalingGroupName`), or a target group it registers with (dimension `TargetGroup`), is watched by a CloudWatch metric alarm on one of `metrics` (default in-service capacity, CPU, status checks, unhealthy hosts) that has an alarm action and does not disable actions. An alarm on a `Group*` metric counts only when the group publishes it (`enabledMetrics`).",
    remediation: [
        "Alarm when the group runs below its capacity (enable the group metric first) or its hosts fail checks:",
        "```ts",
        "const asg = new aws.autoscaling.Group(\"web\", { enabledMetrics: [\"GroupInServiceInstances\"], ... });",
        "new aws.cloudwatch.MetricAlarm(\"web-in-service\", {",
        "    namespace: \"AWS/AutoScaling\", metricName: \"GroupInServiceInstances\", statistic: \"Minimum\",",
        "    dimensions: { AutoScalingGroupName: asg.name },",
        "    period: 60, evaluationPeriods: 3, threshold: 2, comparisonOperator: \"LessThanThreshold\",",
        "    alarmActions: [alarmTopic.arn],",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "An Auto Scaling group that cannot launch or keeps replacing instances degrades silently unless capacity or health is alarmed.",
    byDefault: { shown: true, why: "Without a capacity or health alarm, a group that cannot launch instances fails silently until users notice." },
    resourceTypes: [aws.autoscaling.Group],
    anchors: { gap: true, other: ["Resilience Hub alarm recommendations"], wellArchitected: ["REL06-BP01", "REL06-BP03"] },
    config: metricsConfig(
        [
            "GroupInServiceInstances",
            "GroupInServiceCapacity",
            "GroupDesiredCapacity",
            "CPUUtilization",
            "StatusCheckFailed",
            "StatusCheckFailed_Instance",
            "StatusCheckFailed_System",
            "UnHealthyHostCount",
            "HealthyHostCount",
        ],
        "an Auto Scaling group or its target groups",
    ),
    check(asg, { config, graph }) {
        const query = {
            watched: [asg, ...targetGroupsOf(graph, asg).targets],
            dimensions: ["AutoScalingGroupName", "TargetGroup"] as DimensionName[],
            metricNames: config.metrics,
        };
        const coverage = judgeAlarmCoverage(graph, query);
        const enabled = asg.read("enabledMetrics");
        if (coverage.verdict !== "pass" || !enabled.known) {
            return coverageFindings(coverage, FIX);
        }
        // Group* metrics exist only when the group publishes them (enabledMetrics); an alarm on an
        // unpublished one sits in INSUFFICIENT_DATA forever.
        const published = new Set(Array.isArray(enabled.value) ? enabled.value.filter((m): m is string => typeof m === "string") : []);
        const usable = config.metrics.filter((m) => !m.startsWith("Group") || published.has(m));
        if (usable.length === config.metrics.length) {
            return [];
        }
        const firing = usable.length > 0 ? judgeAlarmCoverage(graph, { ...query, metricNames: usable }) : undefined;
        if (firing?.verdict === "pass") {
            return [];
        }
        if (firing?.verdict === "unknown") {
            return coverageFindings(firing, FIX);
        }
        return [
            violation(
                `alarm ${coverage.alarm.name} watches a group metric the group does not publish, so it can never fire; add that metric to enabledMetrics (e.g. enabledMetrics: ["GroupInServiceInstances"]).`,
            ),
        ];
    },
});

