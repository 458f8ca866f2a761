import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "lambda-async-retries";

function fn(name: string): aws.lambda.Function {
    return new aws.lambda.Function(name, { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), timeout: 30 });
}

const THOROUGH = { stackTags: { "faultguard:profile": "thorough" } };

describe(RULE, () => {
    it("is opt-in: nothing is reported by default", async () => {
        const report = await analyzeInline(() => {
            new aws.lambda.FunctionEventInvokeConfig("worker-async", { functionName: fn("worker").name, maximumEventAgeInSeconds: 21600 });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("passes an SNS-invoked function whose invoke config bounds retries and age (names unknown in preview)", async () => {
        const report = await analyzeInline(() => {
            const worker = fn("worker");
            const topic = new aws.sns.Topic("events", {});
            new aws.sns.TopicSubscription("sub", { topic: topic.arn, protocol: "lambda", endpoint: worker.arn });
            new aws.lambda.FunctionEventInvokeConfig("worker-async", { functionName: worker.name, maximumRetryAttempts: 1, maximumEventAgeInSeconds: 3600 });
        }, THOROUGH);
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("regression (issue 14 item 2): Lambda's async defaults (2 retries, 6 h) are bounded, so absent values and an absent invoke config pass", async () => {
        const report = await analyzeInline(() => {
            new aws.lambda.FunctionEventInvokeConfig("worker-async", { functionName: fn("worker").name });
            const other = fn("other");
            const rule = new aws.cloudwatch.EventRule("nightly", { scheduleExpression: "rate(1 day)" });
            new aws.cloudwatch.EventTarget("nightly-target", { rule: rule.name, arn: other.arn });
        }, THOROUGH);
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("judges an absent event age as 6 h against a configured bound", async () => {
        const report = await analyzeInline(
            () => {
                new aws.lambda.FunctionEventInvokeConfig("worker-async", { functionName: fn("worker").name });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "advisory", maxEventAgeSeconds: 3600 } } },
        );
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel, v.type]), [["worker-async", "advisory", "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig"]]);
        assert.match(violationsOf(report, RULE)[0].message, /maximumEventAgeInSeconds is unset \(6 h\); set it to at most 3600/);
    });

    it("applies a stricter configured retry bound to an absent value (the provider fills in 2)", async () => {
        const report = await analyzeInline(
            () => {
                new aws.lambda.FunctionEventInvokeConfig("worker-async", { functionName: fn("worker").name, maximumEventAgeInSeconds: 600 });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "advisory", maxRetryAttempts: 0 } } },
        );
        assert.match(violationsOf(report, RULE)[0].message, /maximumRetryAttempts is 2; set it to at most 0/);
    });

    it("with requireInvokeConfig, flags an EventBridge-invoked function with no invoke config, on the function", async () => {
        const report = await analyzeInline(() => {
            const worker = fn("worker");
            const rule = new aws.cloudwatch.EventRule("nightly", { scheduleExpression: "rate(1 day)" });
            new aws.cloudwatch.EventTarget("nightly-target", { rule: rule.name, arn: worker.arn, retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 600 } });
        }, { ...THOROUGH, policyConfig: { [RULE]: { requireInvokeConfig: true } } });
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.type]), [["worker", "aws:lambda/function:Function"]]);
        assert.match(violationsOf(report, RULE)[0].message, /invoked asynchronously by nightly-target \(eventbridge-target\)/);
    });

    it("known false positive: a synchronous (API Gateway) function without an invoke config is not flagged", async () => {
        const report = await analyzeInline(() => {
            const api = fn("api");
            new aws.lambda.Permission("api-invoke", { action: "lambda:InvokeFunction", function: api.name, principal: "apigateway.amazonaws.com" });
        }, { ...THOROUGH, policyConfig: { [RULE]: { requireInvokeConfig: true } } });
        assert.deepEqual(violationsOf(report, RULE), []);
    });
});
