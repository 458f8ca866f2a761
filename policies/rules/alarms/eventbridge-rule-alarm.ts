import { aws } from "../../lib/aws-types";
import { judgeAlarmCoverage } from "../../lib/links/alarms";
import { stackRule } from "../../lib/rule";
import { coverageFindings, metricsConfig } from "./coverage";

export const eventbridgeRuleAlarm = stackRule({
    id: "eventbridge-rule-alarm",
    title: "EventBridge rules have a failed-invocations alarm",
    pillar: "alarms",
    description:
        "An `aws.cloudwatch.EventRule` is watched by a CloudWatch metric alarm (dimension `RuleName`, with `EventBusName` for custom buses) on one of `metrics` (default FailedInvocations) that has an alarm action and does not disable actions.",
    remediation: [
        "Alarm when the rule cannot deliver to its targets:",
        "```ts",
        "new aws.cloudwatch.MetricAlarm(\"nightly-failed\", {",
        "    namespace: \"AWS/Events\", metricName: \"FailedInvocations\", statistic: \"Sum\",",
        "    dimensions: { RuleName: rule.name },",
        "    period: 300, evaluationPeriods: 1, threshold: 1, comparisonOperator: \"GreaterThanOrEqualToThreshold\",",
        "    treatMissingData: \"notBreaching\", alarmActions: [alarmTopic.arn],",
        "});",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory", development: "disabled" },
    rationale:
        "Advisory: FailedInvocations counts events EventBridge gave up delivering (permissions, throttling, a deleted target) — work that silently never happens. A target's own error alarm does not see them, because the target was never invoked. Scheduled housekeeping rules rarely need one, so the rule advises, and is off in development.",
    byDefault: { shown: true, why: "Failed invocations of a rule's targets are silent without an alarm." },
    resourceTypes: [aws.cloudwatch.EventRule],
    anchors: { gap: true, other: ["Resilience Hub alarm recommendations"], wellArchitected: ["REL06-BP01"] },
    config: metricsConfig(["FailedInvocations"], "an EventBridge rule"),
    check(rule, { config, graph }) {
        const coverage = judgeAlarmCoverage(graph, { watched: [rule], dimensions: ["RuleName"], metricNames: config.metrics });
        return coverageFindings(coverage, "add an aws.cloudwatch.MetricAlarm with namespace \"AWS/Events\", metricName \"FailedInvocations\", dimensions { RuleName: rule.name } and alarmActions [topic.arn].");
    },
});
