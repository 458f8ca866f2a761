import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyze, messages, outcomes } from "../redundancy/fixtures";

const RULE = "alarm-dimensions";
const base = { comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1, threshold: 1, period: 60, statistic: "Sum" };

describe(`${RULE} (through the analyzer)`, () => {
    it("flags per-resource metrics with no identifying dimension (own metric or a metric query); passes account-level metrics, namespaces with aggregates and named resources", async () => {
        const report = await analyze(() => {
            const queue = new aws.sqs.Queue("q");
            new aws.cloudwatch.MetricAlarm("dlq-nothing", { ...base, namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible" });
            new aws.cloudwatch.MetricAlarm("dlq-named", { ...base, namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: queue.name } });
            new aws.cloudwatch.MetricAlarm("api-stage-only", { ...base, namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions: { Stage: "prod" } });
            new aws.cloudwatch.MetricAlarm("lambda-account", { ...base, namespace: "AWS/Lambda", metricName: "Errors" });
            new aws.cloudwatch.MetricAlarm("ddb-account", { ...base, namespace: "AWS/DynamoDB", metricName: "UserErrors" });
            new aws.cloudwatch.MetricAlarm("ddb-table", { ...base, namespace: "AWS/DynamoDB", metricName: "ThrottledRequests" });
            new aws.cloudwatch.MetricAlarm("math", {
                comparisonOperator: "GreaterThanThreshold",
                evaluationPeriods: 1,
                threshold: 1,
                metricQueries: [
                    { id: "failed", metric: { namespace: "AWS/States", metricName: "ExecutionsFailed", period: 60, stat: "Sum" } },
                    { id: "total", expression: "failed", returnData: true },
                ],
            });
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory api-stage-only", "violation mandatory ddb-table", "violation mandatory dlq-nothing", "violation mandatory math"]);
        assert.match(messages(report, RULE, "dlq-nothing")[0], /the alarm watches AWS\/SQS ApproximateNumberOfMessagesVisible with no dimensions; .* Add dimensions \{ QueueName: \.\.\. \}/);
        assert.match(messages(report, RULE, "api-stage-only")[0], /with only Stage/);
        assert.match(messages(report, RULE, "math")[0], /metricQueries\[0\] \(failed\) watches AWS\/States ExecutionsFailed/);
    });

    it("leaves computed dimensions to the coverage rules (no verdict either way); advisory in development", async () => {
        const report = await analyze(
            () => {
                new aws.cloudwatch.MetricAlarm("computed", { ...base, namespace: "AWS/SQS", metricName: "NumberOfMessagesSent", dimensions: pulumi.unknown as unknown as pulumi.Input<Record<string, pulumi.Input<string>>> });
                new aws.cloudwatch.MetricAlarm("nothing", { ...base, namespace: "AWS/ECS", metricName: "CPUUtilization" });
            },
            { stackTags: { "faultguard:profile": "development" } },
        );
        assert.deepEqual(outcomes(report, RULE), ["violation advisory nothing"]);
    });
});
