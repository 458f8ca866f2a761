import { aws } from "../../lib/aws-types";
import { judgeAlarmCoverage } from "../../lib/links/alarms";
import { stackRule } from "../../lib/rule";
import { coverageFindings, metricsConfig } from "./coverage";

export const lambdaAlarm = stackRule({
    id: "lambda-alarm",
    title: "Lambda functions have an error alarm",
    pillar: "alarms",
    description:
        "A Lambda function is watched by a CloudWatch metric alarm (dimension `FunctionName`) on one of `metrics` (default `Errors`) that has an alarm action and does not disable actions.",
    remediation: [
        "Alarm on the function's errors and notify someone:",
        "```ts",
        "new aws.cloudwatch.MetricAlarm(\"worker-errors\", {",
        "    namespace: \"AWS/Lambda\", metricName: \"Errors\", statistic: \"Sum\",",
        "    dimensions: { FunctionName: fn.name },",
        "    period: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: \"GreaterThanOrEqualToThreshold\",",
        "    treatMissingData: \"notBreaching\",",
        "    alarmActions: [alarmTopic.arn],",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "A failing function without an alarm fails silently: nobody learns of it until users do. Alarms cost little, so the rule holds in development too.",
    byDefault: { shown: true, why: "Function errors are otherwise visible only in logs; an error alarm is how a failing integration is noticed." },
    resourceTypes: [aws.lambda.Function],
    anchors: { gap: true, other: ["Resilience Hub alarm recommendations"], wellArchitected: ["REL06-BP01", "REL06-BP03"] },
    config: metricsConfig(["Errors"], "a Lambda function"),
    check(fn, { config, graph }) {
        const coverage = judgeAlarmCoverage(graph, { watched: [fn], dimensions: ["FunctionName"], metricNames: config.metrics });
        return coverageFindings(
            coverage,
            "add an aws.cloudwatch.MetricAlarm with namespace \"AWS/Lambda\", metricName \"Errors\", dimensions { FunctionName: fn.name } and alarmActions [topic.arn].",
        );
    },
});
