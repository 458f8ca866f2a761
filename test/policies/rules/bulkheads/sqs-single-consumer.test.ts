import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, violationsOf } from "../../../support/analyze";

const RULE = "sqs-single-consumer";

function fn(name: string): aws.lambda.Function {
    return new aws.lambda.Function(name, { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), timeout: 30 });
}

describe(RULE, () => {
    it("flags a queue consumed by two functions (ARNs unknown in preview), mandatory, on the queue", async () => {
        const report = await analyzeInline(() => {
            const q = new aws.sqs.Queue("orders", {});
            new aws.lambda.EventSourceMapping("billing-esm", { eventSourceArn: q.arn, functionName: fn("billing").arn });
            new aws.lambda.EventSourceMapping("shipping-esm", { eventSourceArn: q.arn, functionName: fn("shipping").arn });
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel, v.type]), [["orders", "mandatory", "aws:sqs/queue:Queue"]]);
        assert.match(violationsOf(report, RULE)[0].message, /2 consumers \(billing, shipping\)/);
    });

    it("passes one queue per consumer, and two mappings of one function (name vs alias) count once", async () => {
        const report = await analyzeInline(() => {
            const billing = fn("billing");
            const live = new aws.lambda.Alias("billing-live", { functionName: billing.name, functionVersion: "$LATEST" });
            const q = new aws.sqs.Queue("orders", {});
            new aws.lambda.EventSourceMapping("a", { eventSourceArn: q.arn, functionName: billing.arn });
            new aws.lambda.EventSourceMapping("b", { eventSourceArn: q.arn, functionName: live.arn });
            const other = new aws.sqs.Queue("refunds", {});
            new aws.lambda.EventSourceMapping("c", { eventSourceArn: other.arn, functionName: fn("refunds").arn });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("counts an EventBridge pipe and functions managed elsewhere (known ARNs) as consumers", async () => {
        const report = await analyzeInline(() => {
            const q = new aws.sqs.Queue("orders", {});
            new aws.lambda.EventSourceMapping("a", { eventSourceArn: q.arn, functionName: "arn:aws:lambda:eu-west-1:123456789012:function:legacy" });
            new aws.pipes.Pipe("p", { source: q.arn, target: "arn:aws:states:eu-west-1:123456789012:stateMachine:s", roleArn: "arn:aws:iam::123456789012:role/p" });
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => v.name), ["orders"]);
        assert.match(violationsOf(report, RULE)[0].message, /2 consumers \(legacy, pipe p\)/);
    });

    it("allows more consumers through config", async () => {
        const report = await analyzeInline(
            () => {
                const q = new aws.sqs.Queue("orders", {});
                new aws.lambda.EventSourceMapping("a", { eventSourceArn: q.arn, functionName: fn("a").arn });
                new aws.lambda.EventSourceMapping("b", { eventSourceArn: q.arn, functionName: fn("b").arn });
            },
            { policyConfig: { [RULE]: { maxConsumers: 2 } } },
        );
        assert.deepEqual(violationsOf(report, RULE), []);
    });
});
