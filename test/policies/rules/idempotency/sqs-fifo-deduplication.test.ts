import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, exemptedOf, violationsOf } from "../../../support/analyze";

const RULE = "sqs-fifo-deduplication";

describe(RULE, () => {
    it("passes content-deduplicated FIFO queues and topics, and standard queues", async () => {
        const report = await analyzeInline(() => {
            new aws.sqs.Queue("orders", { fifoQueue: true, contentBasedDeduplication: true });
            new aws.sns.Topic("events", { fifoTopic: true, contentBasedDeduplication: true });
            new aws.sqs.Queue("standard", {});
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("flags FIFO queues and topics without content-based deduplication, advisory", async () => {
        const report = await analyzeInline(() => {
            new aws.sqs.Queue("orders", { fifoQueue: true });
            new aws.sns.Topic("events", { fifoTopic: true, contentBasedDeduplication: false });
        });
        const found = [...violationsOf(report, RULE)].sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(found.map((v) => [v.name, v.enforcementLevel]), [["events", "advisory"], ["orders", "advisory"]]);
        assert.match(found[1].message, /contentBasedDeduplication is unset, so duplicates are caught only if every producer sends a MessageDeduplicationId/);
    });

    it("known false positives: a FIFO dead-letter queue and a FIFO queue fed by a FIFO topic (ARNs unknown in preview)", async () => {
        const report = await analyzeInline(() => {
            const dlq = new aws.sqs.Queue("orders-dlq", { fifoQueue: true });
            new aws.sqs.Queue("orders", {
                fifoQueue: true,
                contentBasedDeduplication: true,
                redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 5 })),
            });
            const topic = new aws.sns.Topic("events", { fifoTopic: true, contentBasedDeduplication: true });
            const sub = new aws.sqs.Queue("billing", { fifoQueue: true });
            new aws.sns.TopicSubscription("billing", { topic: topic.arn, protocol: "sqs", endpoint: sub.arn });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("accepts explicit deduplication IDs recorded as an exemption", async () => {
        const report = await analyzeInline(() => {
            new aws.sqs.Queue("orders", { fifoQueue: true, tags: { "faultguard:exempt:sqs-fifo-deduplication": "producers send the order ID as MessageDeduplicationId" } });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(exemptedOf(report, RULE).map((v) => v.name), ["orders"]);
        // The reason alone, decoded by the wire protocol (not the whole exempted message).
        assert.deepEqual(exemptedOf(report, RULE).map((v) => [v.reason, v.expires]), [["producers send the order ID as MessageDeduplicationId", undefined]]);
    });
});
