import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { run } from "./harness";

const RULE = "sns-subscription-redrive";

describe("sns-subscription-redrive", () => {
    it("passes an SQS subscription whose redrivePolicy is computed from the DLQ's unknown ARN", async () => {
        const r = await run(RULE, () => {
            const topic = new aws.sns.Topic("orders");
            const queue = new aws.sqs.Queue("consumer", {});
            const dlq = new aws.sqs.Queue("sub-dlq", {});
            new aws.sns.TopicSubscription("orders-consumer", { topic: topic.arn, protocol: "sqs", endpoint: queue.arn, redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn }) });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("flags sqs, lambda and https subscriptions without a redrive policy, not email", async () => {
        const r = await run(RULE, () => {
            const topic = new aws.sns.Topic("orders");
            const queue = new aws.sqs.Queue("consumer", {});
            new aws.sns.TopicSubscription("to-sqs", { topic: topic.arn, protocol: "sqs", endpoint: queue.arn });
            new aws.sns.TopicSubscription("to-https", { topic: topic.arn, protocol: "https", endpoint: "https://hooks.example.com/orders" });
            new aws.sns.TopicSubscription("to-email", { topic: topic.arn, protocol: "email", endpoint: "ops@example.com" });
        });
        assert.deepEqual(r.violations, ["to-https mandatory", "to-sqs mandatory"]);
        assert.match(r.messages["to-sqs"], /sqs subscription has no redrivePolicy; set redrivePolicy/);
    });

    it("flags a redrive policy without deadLetterTargetArn", async () => {
        const r = await run(RULE, () => {
            const topic = new aws.sns.Topic("orders");
            new aws.sns.TopicSubscription("to-https", { topic: topic.arn, protocol: "https", endpoint: "https://hooks.example.com/orders", redrivePolicy: "{}" });
        });
        assert.deepEqual(r.violations, ["to-https mandatory"]);
        assert.match(r.messages["to-https"], /no deadLetterTargetArn/);
    });
});
