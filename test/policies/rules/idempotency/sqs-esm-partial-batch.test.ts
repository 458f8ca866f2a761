import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "sqs-esm-partial-batch";

function worker(): aws.lambda.Function {
    return new aws.lambda.Function("worker", { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), timeout: 30 });
}

describe(RULE, () => {
    it("passes an SQS mapping with ReportBatchItemFailures (queue ARN unknown in preview)", async () => {
        const report = await analyzeInline(() => {
            const q = new aws.sqs.Queue("jobs", { visibilityTimeoutSeconds: 180 });
            new aws.lambda.EventSourceMapping("jobs-esm", { eventSourceArn: q.arn, functionName: worker().arn, functionResponseTypes: ["ReportBatchItemFailures"] });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags an SQS mapping without it, advisory, on the mapping", async () => {
        const report = await analyzeInline(() => {
            const q = new aws.sqs.Queue("jobs", { visibilityTimeoutSeconds: 180 });
            new aws.lambda.EventSourceMapping("jobs-esm", { eventSourceArn: q.arn, functionName: worker().arn });
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel, v.type]), [["jobs-esm", "advisory", "aws:lambda/eventSourceMapping:EventSourceMapping"]]);
        assert.match(violationsOf(report, RULE)[0].message, /functionResponseTypes: \["ReportBatchItemFailures"\]/);
    });

    it("decides an SQS mapping on a queue managed elsewhere from its known ARN, and ignores streams", async () => {
        const report = await analyzeInline(() => {
            const fn = worker();
            new aws.lambda.EventSourceMapping("external", { eventSourceArn: "arn:aws:sqs:eu-west-1:123456789012:legacy", functionName: fn.name });
            new aws.lambda.EventSourceMapping("stream", { eventSourceArn: "arn:aws:kinesis:eu-west-1:123456789012:stream/s", functionName: fn.name, startingPosition: "LATEST" });
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => v.name), ["external"]);
    });

    it("known false positive: a queue ARN from a stack reference (untraceable) still decides from the mapping's shape", async () => {
        const report = await analyzeInline(() => {
            const arn = pulumi.output(pulumi.unknown) as unknown as pulumi.Output<string>;
            new aws.lambda.EventSourceMapping("shared", { eventSourceArn: arn, functionName: "worker", functionResponseTypes: ["ReportBatchItemFailures"] });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });
});
