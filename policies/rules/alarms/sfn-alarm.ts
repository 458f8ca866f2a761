import { aws } from "../../lib/aws-types";
import { judgeAlarmCoverage } from "../../lib/links/alarms";
import { stackRule } from "../../lib/rule";
import { coverageFindings, metricsConfig } from "./coverage";

export const sfnAlarm = stackRule({
    id: "sfn-alarm",
    title: "Step Functions state machines have a failed-executions alarm",
    pillar: "alarms",
    description:
        "An `aws.sfn.StateMachine` is watched by a CloudWatch metric alarm (dimension `StateMachineArn`) on one of `metrics` (default ExecutionsFailed, ExecutionsTimedOut, ExecutionsAborted) that has an alarm action and does not disable actions.",
    remediation: [
        "Alarm on failed (and timed-out) executions and notify someone:",
        "```ts",
        "new aws.cloudwatch.MetricAlarm(\"orders-failed\", {",
        "    namespace: \"AWS/States\", metricName: \"ExecutionsFailed\", statistic: \"Sum\",",
        "    dimensions: { StateMachineArn: stateMachine.arn },",
        "    period: 300, evaluationPeriods: 1, threshold: 1, comparisonOperator: \"GreaterThanOrEqualToThreshold\",",
        "    treatMissingData: \"notBreaching\", alarmActions: [alarmTopic.arn],",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale:
        "A failed execution is a business process that stopped half-way (an order charged but not shipped); Step Functions records it and tells nobody. Without an alarm on failed or timed-out executions the failure is found by the customer. Alarms cost little, so the rule holds in development too.",
    byDefault: { shown: true, why: "Failed or timed-out executions are otherwise visible only in the console." },
    resourceTypes: [aws.sfn.StateMachine],
    anchors: { gap: true, other: ["Resilience Hub alarm recommendations"], wellArchitected: ["REL06-BP01", "REL06-BP03"] },
    config: metricsConfig(["ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted"], "a state machine"),
    check(stateMachine, { config, graph }) {
        const coverage = judgeAlarmCoverage(graph, { watched: [stateMachine], dimensions: ["StateMachineArn"], metricNames: config.metrics });
        return coverageFindings(coverage, "add an aws.cloudwatch.MetricAlarm with namespace \"AWS/States\", metricName \"ExecutionsFailed\", dimensions { StateMachineArn: stateMachine.arn } and alarmActions [topic.arn].");
    },
});
