import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { consumersOfQueue } from "../../lib/links/esm-kind";
import { stackRule, violation } from "../../lib/rule";

export const sqsSingleConsumer = stackRule({
    id: "sqs-single-consumer",
    title: "An SQS queue has one consumer",
    pillar: "bulkheads",
    description: "An SQS queue is consumed by at most one function (event source mappings, counted per function) or EventBridge pipe. Fan out with SNS or EventBridge to one queue per consumer instead.",
    remediation: [
        "Give each consumer its own queue and fan out upstream:",
        "```ts",
        "const topic = new aws.sns.Topic(\"orders\");",
        "for (const [name, fn] of Object.entries({ billing, shipping })) {",
        "    const queue = new aws.sqs.Queue(`${name}-orders`, { /* redrivePolicy, visibilityTimeoutSeconds … */ });",
        "    new aws.sns.TopicSubscription(`${name}-orders`, { topic: topic.arn, protocol: \"sqs\", endpoint: queue.arn });",
        "    new aws.lambda.EventSourceMapping(`${name}-orders`, { eventSourceArn: queue.arn, functionName: fn.arn });",
        "}",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "Mandatory: consumers of one queue compete, so each message reaches only one of them at random; the others silently never see it, and one consumer's failures or backlog (retries, visibility, DLQ) are shared by all. A deliberate migration between two consumers can be exempted for its duration.",
    byDefault: { shown: true, why: "Two consumers of one queue each get only some messages: a correctness failure, not a style choice." },
    resourceTypes: [aws.sqs.Queue],
    anchors: { gap: true, wellArchitected: ["REL10-BP04", "REL03-BP02"] },
    config: z.object({
        maxConsumers: z.number().int().min(1).default(1).describe("Most distinct consumers a queue may have."),
    }),
    check(queue, { config, graph }) {
        const consumers = consumersOfQueue(graph, queue);
        const distinct = new Map<string, string>();
        for (const c of consumers) {
            distinct.set(c.key, c.label);
        }
        if (distinct.size > config.maxConsumers) {
            const names = [...distinct.values()].sort().join(", ");
            return [violation(`the queue has ${distinct.size} consumers (${names}), which compete for its messages; give each consumer its own queue and fan out with SNS or EventBridge.`)];
        }
        return [];
    },
});
