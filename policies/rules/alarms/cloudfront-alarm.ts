import { aws } from "../../lib/aws-types";
import { judgeAlarmCoverage } from "../../lib/links/alarms";
import { stackRule } from "../../lib/rule";
import { coverageFindings, metricsConfig } from "./coverage";

export const cloudfrontAlarm = stackRule({
    id: "cloudfront-alarm",
    title: "CloudFront distributions have an error-rate alarm",
    pillar: "alarms",
    description:
        "An `aws.cloudfront.Distribution` is watched by a CloudWatch metric alarm (dimension `DistributionId`, namespace AWS/CloudFront, in us-east-1) on one of `metrics` (default 5xxErrorRate, TotalErrorRate) that has an alarm action and does not disable actions.",
    remediation: [
        "CloudFront publishes its metrics in us-east-1, so create the alarm with a us-east-1 provider:",
        "```ts",
        "const useast1 = new aws.Provider(\"us-east-1\", { region: \"us-east-1\" });",
        "new aws.cloudwatch.MetricAlarm(\"cdn-5xx\", {",
        "    namespace: \"AWS/CloudFront\", metricName: \"5xxErrorRate\", statistic: \"Average\",",
        "    dimensions: { DistributionId: cdn.id, Region: \"Global\" },",
        "    period: 300, evaluationPeriods: 2, threshold: 5, comparisonOperator: \"GreaterThanThreshold\",",
        "    treatMissingData: \"notBreaching\", alarmActions: [alarmTopicUsEast1.arn],",
        "}, { provider: useast1 });",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory", development: "disabled" },
    rationale:
        "Advisory: a distribution's 5xx rate is what users see when its origin fails, and an alarm on it is the earliest signal; but static sites on S3 origins rarely fail and the origin's own alarms often cover dynamic ones, so the rule advises, and is off in development.",
    byDefault: { shown: true, why: "A distribution's error rate is the users' view of the whole stack; without an alarm an outage goes unnoticed." },
    resourceTypes: [aws.cloudfront.Distribution],
    anchors: { gap: true, other: ["Resilience Hub alarm recommendations"], wellArchitected: ["REL06-BP01"] },
    config: metricsConfig(["5xxErrorRate", "TotalErrorRate"], "a CloudFront distribution"),
    check(distribution, { config, graph }) {
        const coverage = judgeAlarmCoverage(graph, { watched: [distribution], dimensions: ["DistributionId"], metricNames: config.metrics });
        return coverageFindings(coverage, "add an aws.cloudwatch.MetricAlarm in us-east-1 with namespace \"AWS/CloudFront\", metricName \"5xxErrorRate\", dimensions { DistributionId: cdn.id, Region: \"Global\" } and alarmActions [topic.arn].");
    },
});
