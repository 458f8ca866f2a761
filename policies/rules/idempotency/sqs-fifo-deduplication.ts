import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { isDeadLetterQueue } from "../../lib/links/messaging";
import { stackRule, unresolvable, violation } from "../../lib/rule";

export const sqsFifoDeduplication = stackRule({
    id: "sqs-fifo-deduplication",
    title: "FIFO queues and topics deduplicate by content, or say how they deduplicate",
    pillar: "idempotency",
    description:
        "A FIFO SQS queue or SNS topic sets `contentBasedDeduplication: true`. Without it every producer must send its own `MessageDeduplicationId`, which infrastructure code cannot see: confirm that with an exemption. FIFO queues that only receive messages moved by SQS (dead-letter queues) or delivered by a FIFO topic are not judged.",
    remediation: [
        "Deduplicate on the message body:",
        "```ts",
        "new aws.sqs.Queue(\"orders.fifo\", { fifoQueue: true, contentBasedDeduplication: true });",
        "```",
        "When producers send a MessageDeduplicationId derived from a business key (an order ID, not a random value per attempt), record that decision: tag the queue `faultguard:exempt:sqs-fifo-deduplication` = `\"producers send the order ID as MessageDeduplicationId\"`.",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: SQS rejects FIFO sends without a deduplication ID unless content-based deduplication is on, so a queue without it is not unprotected, but its safety rests on every producer deriving the ID from the message rather than generating one per attempt (which turns every retry into a duplicate). The policy cannot see producer code, so it advises and accepts an exemption that records the decision.",
    byDefault: { shown: true, why: "A FIFO queue that neither deduplicates by content nor gets IDs from every producer delivers duplicates." },
    resourceTypes: [aws.sqs.Queue, aws.sns.Topic],
    anchors: { gap: true, wellArchitected: ["REL04-BP04"] },
    config: z.object({}),
    check(r, { graph }) {
        const isQueue = r.type === aws.sqs.Queue;
        const fifo = r.read(isQueue ? "fifoQueue" : "fifoTopic");
        const name = r.read("name");
        if (!fifo.known) {
            return [unresolvable(isQueue ? "fifoQueue" : "fifoTopic")];
        }
        const named = name.known && typeof name.value === "string" && name.value.endsWith(".fifo");
        if (fifo.value !== true && !named) {
            return [];
        }
        const dedup = r.read("contentBasedDeduplication");
        if (!dedup.known) {
            return [unresolvable("contentBasedDeduplication")];
        }
        if (dedup.value === true) {
            return [];
        }
        if (isQueue) {
            if (isDeadLetterQueue(graph, r)) {
                return [];
            }
            // A FIFO topic delivers its own deduplication ID to subscribed FIFO queues.
            const fed = graph.referrers(r, { types: [aws.sns.TopicSubscription], properties: ["endpoint"] }).length > 0;
            if (fed) {
                return [];
            }
        }
        return [violation(`contentBasedDeduplication is ${dedup.value === false ? "false" : "unset"}, so duplicates are caught only if every producer sends a MessageDeduplicationId derived from the message; set contentBasedDeduplication: true, or exempt the ${isQueue ? "queue" : "topic"} stating how producers derive their deduplication IDs.`)];
    },
});
