import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "lambda-async-retries";

function fn(name: string): aws.lambda.Function {
    return new aws.lambda.Function(name, { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), timeout: 30 });
}

describe(RULE, () => {
    it("passes an SNS-invoked function whose invoke config bounds retries and age (names unknown in preview)", async () => {
        const report = await analyzeInline(() => {
            const worker = fn("worker");
            const topic = new aws.sns.Topic("events", {});
            new aws.sns.TopicSubscription("sub", { topic: topic.arn, protocol: "lambda", endpoint: worker.arn });
            new aws.lambda.FunctionEventInvokeConfig("worker-async", { functionName: worker.name, maximumRetryAttempts: 1, maximumEventAgeInSeconds: 3600 });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags an invoke config without maximumEventAgeInSeconds, advisory; an absent retry count is the bounded default", async () => {
        const report = await analyzeInline(() => {
            new aws.lambda.FunctionEventInvokeConfig("worker-async", { functionName: fn("worker").name });
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel, v.type]), [["worker-async", "advisory", "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig"]]);
        assert.match(violationsOf(report, RULE)[0].message, /maximumEventAgeInSeconds is unset/);
    });

    it("applies a stricter configured retry bound, counting an absent value as 2", async () => {
        const report = await analyzeInline(
            () => {
                new aws.lambda.FunctionEventInvokeConfig("worker-async", { functionName: fn("worker").name, maximumEventAgeInSeconds: 600 });
            },
            { policyConfig: { [RULE]: { maxRetryAttempts: 0 } } },
        );
        assert.match(violationsOf(report, RULE)[0].message, /maximumRetryAttempts is unset \(2\); set it to at most 0/);
    });

    it("flags an EventBridge-invoked function with no invoke config, on the function", async () => {
        const report = await analyzeInline(() => {
            const worker = fn("worker");
            const rule = new aws.cloudwatch.EventRule("nightly", { scheduleExpression: "rate(1 day)" });
            new aws.cloudwatch.EventTarget("nightly-target", { rule: rule.name, arn: worker.arn, retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 600 } });
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.type]), [["worker", "aws:lambda/function:Function"]]);
        assert.match(violationsOf(report, RULE)[0].message, /invoked asynchronously by nightly-target \(eventbridge-target\)/);
    });

    it("known false positive: a synchronous (API Gateway) function without an invoke config is not flagged", async () => {
        const report = await analyzeInline(() => {
            const api = fn("api");
            new aws.lambda.Permission("api-invoke", { action: "lambda:InvokeFunction", function: api.name, principal: "apigateway.amazonaws.com" });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });
});
