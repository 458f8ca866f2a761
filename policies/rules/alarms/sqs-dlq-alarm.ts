import { aws } from "../../lib/aws-types";
import { judgeAlarmCoverage } from "../../lib/links/alarms";
import { isDeadLetterQueue } from "../../lib/links/messaging";
import { stackRule } from "../../lib/rule";
import { coverageFindings, metricsConfig } from "./coverage";

export const sqsDlqAlarm = stackRule({
    id: "sqs-dlq-alarm",
    title: "Dead-letter queues have a depth alarm",
    pillar: "alarms",
    description:
        "A queue used as a dead-letter or on-failure target is watched by a CloudWatch metric alarm (dimension `QueueName`) on one of `metrics` (default `ApproximateNumberOfMessagesVisible`) that has an alarm action and does not disable actions.",
    remediation: [
        "Alarm as soon as a message lands in the DLQ:",
        "```ts",
        "new aws.cloudwatch.MetricAlarm(\"orders-dlq-depth\", {",
        "    namespace: \"AWS/SQS\", metricName: \"ApproximateNumberOfMessagesVisible\", statistic: \"Maximum\",",
        "    dimensions: { QueueName: dlq.name },",
        "    period: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: \"GreaterThanOrEqualToThreshold\",",
        "    alarmActions: [alarmTopic.arn],",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory" },
    rationale: "A DLQ nobody watches only delays the loss: messages expire there unseen. AWS guidance is to alarm on the DLQ's ApproximateNumberOfMessagesVisible.",
    byDefault: { shown: true, why: "Messages in a dead-letter queue are failed work; without a depth alarm they expire unseen." },
    resourceTypes: [aws.sqs.Queue],
    anchors: { gap: true, other: ["AWS SQS DLQ guidance: alarm on ApproximateNumberOfMessagesVisible"], wellArchitected: ["REL06-BP01", "REL06-BP03"] },
    config: metricsConfig(["ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage"], "a dead-letter queue"),
    check(queue, { config, graph }) {
        if (!isDeadLetterQueue(graph, queue)) {
            return [];
        }
        const coverage = judgeAlarmCoverage(graph, { watched: [queue], dimensions: ["QueueName"], metricNames: config.metrics });
        return coverageFindings(
            coverage,
            "add an aws.cloudwatch.MetricAlarm with namespace \"AWS/SQS\", metricName \"ApproximateNumberOfMessagesVisible\", dimensions { QueueName: dlq.name }, threshold 1 and alarmActions [topic.arn].",
        );
    },
});
