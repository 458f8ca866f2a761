import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource } from "../../lib/graph";
import { redrivesOf } from "../../lib/links/messaging";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { asNumber } from "../../lib/values";

/** SQS's default message retention (4 days); the provider fills it in when absent. */
const DEFAULT_RETENTION_SECONDS = 345600;

function retentionOf(queue: GraphResource): number | "unknown" {
    const read = queue.read("messageRetentionSeconds");
    if (!read.known) {
        return "unknown";
    }
    return read.value === undefined || read.value === null ? DEFAULT_RETENTION_SECONDS : asNumber(read.value) ?? DEFAULT_RETENTION_SECONDS;
}

export const sqsDlqRetention = stackRule({
    id: "sqs-dlq-retention",
    title: "Dead-letter queues keep messages longer than their source",
    pillar: "dead-letter-queues",
    description:
        "The dead-letter queue named by a queue's redrive policy has a `messageRetentionSeconds` longer than the source queue's (both default to 345600 s, 4 days).",
    remediation: [
        "Give the DLQ the maximum retention (14 days) so messages survive long enough to be inspected and redriven:",
        "```ts",
        "const dlq = new aws.sqs.Queue(\"orders-dlq\", { messageRetentionSeconds: 1209600 });",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale:
        "A standard queue's message keeps its original enqueue time in the DLQ: with equal or shorter retention it expires there soon after (or before) arriving, and the DLQ loses exactly the messages it exists to keep.",
    byDefault: { shown: true, why: "A dead-letter queue that keeps messages for less time than its source deletes failed work before anyone can look." },
    resourceTypes: [aws.sqs.Queue],
    anchors: { gap: true, other: ["AWS SQS dead-letter queue guidance"], wellArchitected: ["REL05-BP04"] },
    config: z.object({}),
    check(queue, { graph }) {
        const findings: Finding[] = [];
        for (const redrive of redrivesOf(graph, queue)) {
            if (redrive.deadLetter.targets.length === 0) {
                if (redrive.deadLetter.unresolved) {
                    findings.push(unresolvable("redrivePolicy", `the dead-letter queue of ${redrive.declaredBy.name} cannot be traced`));
                }
                continue;
            }
            const source = retentionOf(queue);
            for (const dlq of redrive.deadLetter.targets) {
                const target = retentionOf(dlq);
                if (source === "unknown") {
                    findings.push(unresolvable("messageRetentionSeconds"));
                } else if (target === "unknown") {
                    findings.push(unresolvable("messageRetentionSeconds", `of dead-letter queue ${dlq.name}`));
                } else if (target <= source) {
                    findings.push(
                        violation(
                            `dead-letter queue ${dlq.name} keeps messages ${target} s, not longer than this queue's ${source} s; set messageRetentionSeconds on ${dlq.name} above ${source} (e.g. 1209600, 14 days).`,
                        ),
                    );
                }
            }
        }
        return findings;
    },
});
