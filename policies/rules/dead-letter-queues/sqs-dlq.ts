import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { deadLetterReferrersOf, redrivesOf, unlinkedRedrivePolicies } from "../../lib/links/messaging";
import { stackRule, unresolvable, violation } from "../../lib/rule";

export const sqsDlq = stackRule({
    id: "sqs-dlq",
    title: "SQS queues have a dead-letter queue",
    pillar: "dead-letter-queues",
    description:
        "An SQS queue has a redrive policy (inline `redrivePolicy` or an `aws.sqs.RedrivePolicy` resource) naming a dead-letter queue, unless it is itself a dead-letter or on-failure target (of a queue redrive policy, a Lambda `deadLetterConfig` or on-failure destination, an EventBridge target or Scheduler DLQ, an SNS subscription redrive policy, an event source mapping on-failure destination, an EventBridge Pipe stream DLQ, or a redrive-allow policy).",
    remediation: [
        "Create a dead-letter queue and point the queue's `redrivePolicy` at it:",
        "```ts",
        "const dlq = new aws.sqs.Queue(\"orders-dlq\", { messageRetentionSeconds: 1209600 });",
        "new aws.sqs.Queue(\"orders\", {",
        "    redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory" },
    rationale:
        "Without a DLQ a poison message is retried until it expires and is then lost, blocking or slowing every consumer meanwhile. A DLQ costs nothing until used, so the rule is mandatory in development too.",
    byDefault: { shown: true, why: "A poison message without a dead-letter queue is retried until it expires, blocking or wasting its consumers." },
    resourceTypes: [aws.sqs.Queue],
    anchors: {
        cdkNag: ["AwsSolutions-SQS3", "Serverless-SQSRedrivePolicy"],
        other: ["SR ES6000"],
        wellArchitected: ["REL05-BP04"],
    },
    config: z.object({}),
    check(queue, { graph }) {
        const redrives = redrivesOf(graph, queue);
        // A policy counts when it names a target (known, computed, or external) or is wholly computed.
        if (redrives.some((r) => r.document.kind === "unknown" || (r.document.kind === "ok" && !r.deadLetter.absent))) {
            return [];
        }
        const referrers = deadLetterReferrersOf(graph, queue);
        if (referrers.some((r) => !r.ambiguous)) {
            return [];
        }
        if (referrers.length > 0) {
            const names = referrers.map((r) => r.resource.name).join(", ");
            return [unresolvable("redrivePolicy", `the queue may be the dead-letter target of ${names}, whose references are all unknown`)];
        }
        const unlinked = unlinkedRedrivePolicies(graph);
        if (unlinked.length > 0) {
            return [unresolvable("redrivePolicy", `aws.sqs.RedrivePolicy ${unlinked.map((p) => p.name).join(", ")} has an unknown queueUrl and may apply to this queue`)];
        }
        const broken = redrives.find((r) => r.document.kind === "invalid" || r.deadLetter.absent);
        if (broken) {
            const where = broken.source === "inline" ? "redrivePolicy" : `the redrivePolicy of ${broken.declaredBy.name}`;
            const why = broken.document.kind === "invalid" ? `is not valid JSON (${broken.document.reason})` : "has no deadLetterTargetArn";
            return [violation(`${where} ${why}; set it to pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }).`)];
        }
        return [
            violation(
                "the queue has no redrive policy and is not a dead-letter target; set redrivePolicy to pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) (or add an aws.sqs.RedrivePolicy) so poison messages are kept.",
            ),
        ];
    },
});
