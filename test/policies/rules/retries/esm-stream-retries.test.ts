import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "esm-stream-retries";

/** A value unknown in preview with no resource behind it (e.g. from a stack reference). */
function unknownString(): pulumi.Output<string> {
    return pulumi.output(pulumi.unknown) as unknown as pulumi.Output<string>;
}

function fn(name: string): aws.lambda.Function {
    return new aws.lambda.Function(name, { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), timeout: 30 });
}

describe(RULE, () => {
    it("passes a Kinesis mapping with bounded retries, age and bisect (ARNs unknown in preview)", async () => {
        const report = await analyzeInline(() => {
            const stream = new aws.kinesis.Stream("orders", { shardCount: 1 });
            new aws.lambda.EventSourceMapping("orders-esm", {
                eventSourceArn: stream.arn,
                functionName: fn("worker").arn,
                startingPosition: "LATEST",
                maximumRetryAttempts: 3,
                maximumRecordAgeInSeconds: 3600,
                bisectBatchOnFunctionError: true,
            });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags a DynamoDB stream mapping left at the defaults (retry forever), decided through the graph", async () => {
        const report = await analyzeInline(() => {
            const table = new aws.dynamodb.Table("t", { hashKey: "pk", attributes: [{ name: "pk", type: "S" }], billingMode: "PAY_PER_REQUEST", streamEnabled: true, streamViewType: "NEW_IMAGE" });
            new aws.lambda.EventSourceMapping("t-esm", { eventSourceArn: table.streamArn, functionName: fn("worker").arn, startingPosition: "LATEST", maximumRetryAttempts: -1 });
        });
        const found = violationsOf(report, RULE);
        assert.deepEqual(found.map((v) => [v.name, v.enforcementLevel]), [["t-esm", "mandatory"], ["t-esm", "mandatory"], ["t-esm", "mandatory"]]);
        assert.match(found.map((v) => v.message).join("\n"), /maximumRetryAttempts is -1 \(retry forever\)/);
        assert.match(found.map((v) => v.message).join("\n"), /maximumRecordAgeInSeconds is unset/);
        assert.match(found.map((v) => v.message).join("\n"), /bisectBatchOnFunctionError is unset/);
    });

    it("flags an MSK mapping with retries above the configured bound, and is advisory in development", async () => {
        const program = () => {
            new aws.lambda.EventSourceMapping("kafka-esm", {
                eventSourceArn: "arn:aws:kafka:eu-west-1:123456789012:cluster/c/abc",
                topics: ["orders"],
                functionName: "worker",
                startingPosition: "TRIM_HORIZON",
                maximumRetryAttempts: 50,
                maximumRecordAgeInSeconds: 600,
                bisectBatchOnFunctionError: true,
            });
        };
        const prod = await analyzeInline(program);
        assert.deepEqual(violationsOf(prod, RULE).map((v) => [v.name, v.enforcementLevel]), [["kafka-esm", "mandatory"]]);
        assert.match(violationsOf(prod, RULE)[0].message, /maximumRetryAttempts is 50; set it to at most 10/);
        const dev = await analyzeInline(program, { stackTags: { "faultguard:profile": "development" }, policyConfig: { [RULE]: { maxRetryAttempts: 100 } } });
        assert.deepEqual(violationsOf(dev, RULE), []);
    });

    it("ignores SQS mappings, even when the queue ARN is unknown", async () => {
        const report = await analyzeInline(() => {
            const q = new aws.sqs.Queue("jobs", { visibilityTimeoutSeconds: 180 });
            new aws.lambda.EventSourceMapping("jobs-esm", { eventSourceArn: q.arn, functionName: fn("worker").arn });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("reports one could-not-evaluate when the source ARN comes from nowhere the preview can trace", async () => {
        const report = await analyzeInline(() => {
            new aws.lambda.EventSourceMapping("mystery", { eventSourceArn: unknownString(), functionName: "worker", startingPosition: unknownString() });
        });
        assert.deepEqual(notEvaluatedOf(report, RULE).map((v) => v.name), ["mystery"]);
        assert.match(notEvaluatedOf(report, RULE)[0].message, /eventSourceArn/);
    });
});
