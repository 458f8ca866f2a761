import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource } from "../../lib/graph";
import { redrivesOf } from "../../lib/links/messaging";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { asBoolean, asString } from "../../lib/values";

/** FIFO when `fifoQueue` is true or the name ends in ".fifo"; "unknown" when neither can be read. */
function isFifo(queue: GraphResource): boolean | "unknown" {
    const flag = queue.read("fifoQueue");
    const name = asString(queue.props["name"]);
    if (name?.endsWith(".fifo")) {
        return true;
    }
    if (!flag.known) {
        return "unknown";
    }
    return asBoolean(flag.value) === true;
}

export const sqsDlqFifoMatch = stackRule({
    id: "sqs-dlq-fifo-match",
    title: "A queue and its dead-letter queue are the same kind",
    pillar: "dead-letter-queues",
    description: "A FIFO queue's dead-letter queue is FIFO, and a standard queue's dead-letter queue is standard.",
    remediation: [
        "Make the DLQ the same type as its source:",
        "```ts",
        "const dlq = new aws.sqs.Queue(\"orders-dlq\", { fifoQueue: true, messageRetentionSeconds: 1209600 });",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory" },
    rationale: "SQS rejects a redrive policy whose DLQ type differs from the source's, so the deployment fails (or the DLQ silently never receives) at the worst moment.",
    byDefault: { shown: true, why: "AWS rejects a redrive between a FIFO and a standard queue; the redrive silently never happens." },
    resourceTypes: [aws.sqs.Queue],
    anchors: { gap: true, other: ["AWS SQS dead-letter queue guidance"], wellArchitected: ["REL05-BP04"] },
    config: z.object({}),
    check(queue, { graph }) {
        const findings: Finding[] = [];
        const redrives = redrivesOf(graph, queue);
        if (redrives.length === 0) {
            return findings;
        }
        const source = isFifo(queue);
        for (const redrive of redrives) {
            for (const dlq of redrive.deadLetter.targets) {
                const target = isFifo(dlq);
                if (source === "unknown") {
                    findings.push(unresolvable("fifoQueue"));
                } else if (target === "unknown") {
                    findings.push(unresolvable("fifoQueue", `of dead-letter queue ${dlq.name}`));
                } else if (source !== target) {
                    findings.push(
                        violation(
                            source
                                ? `this FIFO queue's dead-letter queue ${dlq.name} is a standard queue; set fifoQueue: true on ${dlq.name}.`
                                : `this standard queue's dead-letter queue ${dlq.name} is a FIFO queue; use a standard queue as its DLQ.`,
                        ),
                    );
                }
            }
        }
        return findings;
    },
});
