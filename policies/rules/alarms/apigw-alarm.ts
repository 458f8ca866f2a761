import { aws } from "../../lib/aws-types";
import { judgeAlarmCoverage } from "../../lib/links/alarms";
import { stackRule } from "../../lib/rule";
import { asString } from "../../lib/values";
import { coverageFindings, metricsConfig } from "./coverage";

export const apigwAlarm = stackRule({
    id: "apigw-alarm",
    title: "API Gateway APIs have an error or latency alarm",
    pillar: "alarms",
    description:
        "A REST API (`aws.apigateway.RestApi`, dimension `ApiName`) or HTTP API (`aws.apigatewayv2.Api`, dimension `ApiId`) is watched by a CloudWatch metric alarm on one of `metrics` (default 5XXError / 5xx and Latency) that has an alarm action and does not disable actions. WebSocket APIs are not judged.",
    remediation: [
        "Alarm on the API's server errors and notify someone:",
        "```ts",
        "new aws.cloudwatch.MetricAlarm(\"api-5xx\", {",
        "    namespace: \"AWS/ApiGateway\", metricName: \"5XXError\", statistic: \"Sum\", // HTTP APIs: \"5xx\" with dimensions { ApiId: api.id }",
        "    dimensions: { ApiName: api.name },",
        "    period: 60, evaluationPeriods: 5, datapointsToAlarm: 3, threshold: 5, comparisonOperator: \"GreaterThanOrEqualToThreshold\",",
        "    treatMissingData: \"notBreaching\",",
        "    alarmActions: [alarmTopic.arn],",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale:
        "The API is where users meet the system: failing or slow responses there are the outage, whatever broke behind it. Without an alarm on its 5xx or latency, users report the outage first. Alarms cost little, so the rule holds in development too.",
    byDefault: { shown: true, why: "The API is where clients feel an outage first; without a 5XX or latency alarm nobody is told." },
    resourceTypes: [aws.apigateway.RestApi, aws.apigatewayv2.Api],
    anchors: { gap: true, other: ["Resilience Hub alarm recommendations", "cdk-monitoring-constructs API Gateway monitoring"], wellArchitected: ["REL06-BP01", "REL06-BP03"] },
    config: metricsConfig(["5XXError", "5xx", "Latency"], "an API"),
    check(api, { config, graph }) {
        const rest = api.type === aws.apigateway.RestApi;
        if (!rest) {
            const protocol = api.read("protocolType");
            if (protocol.known && asString(protocol.value) === "WEBSOCKET") {
                return [];
            }
        }
        const coverage = judgeAlarmCoverage(graph, { watched: [api], dimensions: [rest ? "ApiName" : "ApiId"], metricNames: config.metrics });
        return coverageFindings(
            coverage,
            rest
                ? "add an aws.cloudwatch.MetricAlarm with namespace \"AWS/ApiGateway\", metricName \"5XXError\", dimensions { ApiName: api.name } and alarmActions [topic.arn]."
                : "add an aws.cloudwatch.MetricAlarm with namespace \"AWS/ApiGateway\", metricName \"5xx\", dimensions { ApiId: api.id } and alarmActions [topic.arn].",
        );
    },
});
