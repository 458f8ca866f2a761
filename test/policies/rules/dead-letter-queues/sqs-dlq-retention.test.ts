import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { queueWithDlq, run } from "./harness";

const RULE = "sqs-dlq-retention";

describe("sqs-dlq-retention", () => {
    it("passes a DLQ that keeps messages longer than its source (DLQ found through propertyDependencies)", async () => {
        const r = await run(RULE, () => queueWithDlq("orders", { messageRetentionSeconds: 345600 }, { messageRetentionSeconds: 1209600 }));
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("flags the source when both retentions are the 4-day default (absent), naming the DLQ and the number to beat", async () => {
        const r = await run(RULE, () => queueWithDlq("orders", {}, { messageRetentionSeconds: undefined }));
        assert.deepEqual(r.violations, ["orders mandatory"]);
        assert.match(r.messages["orders"], /orders-dlq keeps messages 345600 s, not longer than this queue's 345600 s/);
    });

    it("flags a DLQ shorter than its source when the policy is an aws.sqs.RedrivePolicy resource", async () => {
        const r = await run(RULE, () => {
            const dlq = new aws.sqs.Queue("dlq", { messageRetentionSeconds: 86400 });
            const src = new aws.sqs.Queue("src", { messageRetentionSeconds: 604800 });
            new aws.sqs.RedrivePolicy("src-redrive", { queueUrl: src.url, redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
        });
        assert.deepEqual(r.violations, ["src mandatory"]);
        assert.match(r.messages["src"], /86400 s.*604800 s/);
    });

    it("cannot judge a retention computed from another resource: one not-evaluated finding", async () => {
        const r = await run(RULE, () => {
            const settings = new aws.ssm.Parameter("retention", { type: "String", value: "1209600" });
            queueWithDlq("orders", {}, { messageRetentionSeconds: settings.version.apply(() => 1209600) });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, ["orders"]);
        assert.match(r.messages["orders"], /could not evaluate: messageRetentionSeconds/);
    });
});
