// apigw-alarm, sfn-alarm, cloudfront-alarm, eventbridge-rule-alarm: entry points with no alarm.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alarmTopic } from "../dead-letter-queues/harness";
import { analyze, messages, outcomes, ROLE_ARN } from "../redundancy/fixtures";

const base = { comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, threshold: 1, period: 60, statistic: "Sum" };
const definition = JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Succeed" } } });
const distribution = (name: string) =>
    new aws.cloudfront.Distribution(name, {
        enabled: true,
        origins: [{ originId: "o", domainName: "example.com", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }],
        defaultCacheBehavior: { targetOriginId: "o", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
    });

describe("entry-point alarm rules (through the analyzer)", () => {
    it("link alarms to REST/HTTP APIs, state machines, distributions and rules through their (unknown) names, IDs and ARNs on a new stack", async () => {
        const report = await analyze(() => {
            const topic = alarmTopic();
            const alarm = (name: string, namespace: string, metricName: string, dimensions: Record<string, pulumi.Input<string>>, extra: Record<string, unknown> = {}) =>
                new aws.cloudwatch.MetricAlarm(name, { ...base, namespace, metricName, dimensions, alarmActions: [topic.arn], ...extra });
            const watchedRest = new aws.apigateway.RestApi("watched-rest", {});
            alarm("rest-5xx", "AWS/ApiGateway", "5XXError", { ApiName: watchedRest.name });
            new aws.apigateway.RestApi("bare-rest", {});
            const watchedHttp = new aws.apigatewayv2.Api("watched-http", { protocolType: "HTTP" });
            alarm("http-latency", "AWS/ApiGateway", "Latency", { ApiId: watchedHttp.id });
            new aws.apigatewayv2.Api("bare-http", { protocolType: "HTTP" });
            new aws.apigatewayv2.Api("socket", { protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" });
            const watchedSm = new aws.sfn.StateMachine("watched-sm", { roleArn: ROLE_ARN, definition });
            alarm("sm-failed", "AWS/States", "ExecutionsFailed", { StateMachineArn: watchedSm.arn });
            new aws.sfn.StateMachine("bare-sm", { roleArn: ROLE_ARN, definition });
            // A literal ARN naming an explicitly named state machine (known before deployment).
            new aws.sfn.StateMachine("named-sm", { name: "orders", roleArn: ROLE_ARN, definition });
            alarm("orders-timed-out", "AWS/States", "ExecutionsTimedOut", { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:orders" });
            const watchedCdn = distribution("watched-cdn");
            alarm("cdn-5xx", "AWS/CloudFront", "5xxErrorRate", { DistributionId: watchedCdn.id, Region: "Global" }, { statistic: "Average" });
            distribution("bare-cdn");
            const watchedRule = new aws.cloudwatch.EventRule("watched-rule", { scheduleExpression: "rate(5 minutes)" });
            alarm("rule-failed", "AWS/Events", "FailedInvocations", { RuleName: watchedRule.name });
            new aws.cloudwatch.EventRule("bare-rule", { scheduleExpression: "rate(5 minutes)" });
        });
        assert.deepEqual(outcomes(report, "apigw-alarm"), ["violation mandatory bare-http", "violation mandatory bare-rest"]);
        assert.deepEqual(outcomes(report, "sfn-alarm"), ["violation mandatory bare-sm"]);
        assert.deepEqual(outcomes(report, "cloudfront-alarm"), ["violation advisory bare-cdn"]);
        assert.deepEqual(outcomes(report, "eventbridge-rule-alarm"), ["violation advisory bare-rule"]);
        assert.match(messages(report, "apigw-alarm", "bare-rest")[0], /no CloudWatch alarm with an alarm action watches any of 5XXError, 5xx, Latency; add .*ApiName: api\.name/);
        assert.match(messages(report, "sfn-alarm", "bare-sm")[0], /StateMachineArn: stateMachine\.arn/);
    });

    it("do not decide while an alarm's dimension is unknown and untraceable", async () => {
        const report = await analyze(() => {
            const topic = alarmTopic();
            const untraceable = pulumi.unknown as unknown as pulumi.Input<string>;
            new aws.sfn.StateMachine("maybe-watched", { roleArn: ROLE_ARN, definition });
            new aws.cloudwatch.MetricAlarm("failed", { ...base, namespace: "AWS/States", metricName: "ExecutionsFailed", dimensions: { StateMachineArn: untraceable }, alarmActions: [topic.arn] });
        });
        assert.deepEqual(outcomes(report, "sfn-alarm"), ["not-evaluated advisory maybe-watched"]);
    });
});
