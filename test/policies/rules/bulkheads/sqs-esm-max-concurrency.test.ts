import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "sqs-esm-max-concurrency";

function worker(): aws.lambda.Function {
    return new aws.lambda.Function("worker", { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), timeout: 30 });
}

function mapping(scalingConfig?: { maximumConcurrency: number }): () => void {
    return () => {
        const q = new aws.sqs.Queue("jobs", { visibilityTimeoutSeconds: 180 });
        new aws.lambda.EventSourceMapping("jobs-esm", { eventSourceArn: q.arn, functionName: worker().arn, scalingConfig });
    };
}

describe(RULE, () => {
    it("passes a capped SQS mapping (queue ARN unknown in preview)", async () => {
        const report = await analyzeInline(mapping({ maximumConcurrency: 20 }));
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags an uncapped SQS mapping, advisory", async () => {
        const report = await analyzeInline(mapping());
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel]), [["jobs-esm", "advisory"]]);
        assert.match(violationsOf(report, RULE)[0].message, /scalingConfig\.maximumConcurrency is unset/);
    });

    it("flags a cap above the configured bound", async () => {
        const report = await analyzeInline(mapping({ maximumConcurrency: 500 }), { policyConfig: { [RULE]: { maxConcurrency: 100 } } });
        assert.match(violationsOf(report, RULE)[0].message, /is 500; set it to at most 100/);
    });

    it("ignores stream mappings", async () => {
        const report = await analyzeInline(() => {
            const s = new aws.kinesis.Stream("s", { shardCount: 1 });
            new aws.lambda.EventSourceMapping("s-esm", { eventSourceArn: s.arn, functionName: worker().arn, startingPosition: "LATEST" });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });
});
