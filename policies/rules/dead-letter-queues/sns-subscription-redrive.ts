import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";
import { isRecord } from "../../lib/values";

export const snsSubscriptionRedrive = resourceRule({
    id: "sns-subscription-redrive",
    title: "SNS subscriptions keep undeliverable messages",
    pillar: "dead-letter-queues",
    description: "An SNS subscription whose protocol is in `protocols` (default sqs, lambda, http, https) has a `redrivePolicy` naming a dead-letter queue.",
    remediation: [
        "Give the subscription an SQS dead-letter queue (same type as the topic: FIFO for FIFO):",
        "```ts",
        "new aws.sns.TopicSubscription(\"orders-to-worker\", {",
        "    topic: topic.arn, protocol: \"sqs\", endpoint: queue.arn,",
        "    redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: subscriptionDlq.arn }),",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "When SNS cannot deliver (endpoint deleted, policy denies, endpoint down past the retry policy) it drops the message; a redrive policy keeps it.",
    byDefault: { shown: true, why: "Messages SNS cannot deliver to a subscriber are dropped without a redrive policy." },
    resourceTypes: [aws.sns.TopicSubscription],
    anchors: { cdkNag: ["Serverless-SNSRedrivePolicy"], other: ["SR ES7000"], wellArchitected: ["REL05-BP04"] },
    config: z.object({
        protocols: z
            .array(z.string().min(1))
            .default(["sqs", "lambda", "http", "https"])
            .describe("Subscription protocols that must have a redrive policy."),
    }),
    check(sub, { config }) {
        const protocol = sub.read("protocol");
        if (!protocol.known) {
            return [unresolvable("protocol")];
        }
        if (typeof protocol.value !== "string" || !config.protocols.includes(protocol.value)) {
            return [];
        }
        const policy = sub.json("redrivePolicy");
        switch (policy.kind) {
            case "unknown":
                return [];
            case "absent":
                return [violation(`the ${protocol.value} subscription has no redrivePolicy; set redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn }) with an SQS queue as DLQ.`)];
            case "invalid":
                return [violation(`redrivePolicy is not valid JSON (${policy.reason}); set it to pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn }).`)];
            case "ok": {
                const target = isRecord(policy.value) ? policy.value["deadLetterTargetArn"] : undefined;
                return target === undefined || target === null || target === ""
                    ? [violation("redrivePolicy has no deadLetterTargetArn; set it to pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn }).")]
                    : [];
            }
        }
    },
});
