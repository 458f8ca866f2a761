import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { redrivesOf } from "../../lib/links/messaging";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";

export const sqsMaxReceiveCount = stackRule({
    id: "sqs-max-receive-count",
    title: "Redrive policies retry a bounded number of times",
    pillar: "dead-letter-queues",
    description: "A queue's redrive policy sets `maxReceiveCount` within [`min`, `max`] (default 5..10).",
    remediation: [
        "Set maxReceiveCount in the redrive policy:",
        "```ts",
        "redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale:
        "Below 5, messages reach the DLQ after throttling or a brief outage rather than a real failure (AWS: set it to at least 5 for Lambda consumers); far above, a poison message is reprocessed for hours, hiding the fault and wasting capacity.",
    byDefault: { shown: true, why: "An unbounded or huge receive count keeps a poison message cycling instead of moving it aside." },
    resourceTypes: [aws.sqs.Queue],
    anchors: { gap: true, other: ["AWS Lambda with-sqs: maxReceiveCount at least 5"], wellArchitected: ["REL05-BP03"] },
    config: z
        .object({
            min: z.number().int().min(1).max(1000).default(5).describe("Smallest maxReceiveCount allowed."),
            max: z.number().int().min(1).max(1000).default(10).describe("Largest maxReceiveCount allowed."),
        })
        .refine((c) => c.min <= c.max, { message: "min must be at most max", path: ["min"] }),
    check(queue, { config, graph }) {
        const findings: Finding[] = [];
        for (const redrive of redrivesOf(graph, queue)) {
            const where = redrive.source === "inline" ? "redrivePolicy" : `the redrivePolicy of ${redrive.declaredBy.name}`;
            if (redrive.document.kind === "invalid") {
                findings.push(violation(`${where} is not valid JSON (${redrive.document.reason}); set it to pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: ${config.min} }).`));
                continue;
            }
            const count = redrive.maxReceiveCount;
            if (!count.known) {
                findings.push(unresolvable("redrivePolicy", `maxReceiveCount in ${where} is inside a value computed during deployment`));
            } else if (count.value === undefined) {
                findings.push(violation(`${where} has no valid maxReceiveCount (a whole number); set maxReceiveCount between ${config.min} and ${config.max}.`));
            } else if (count.value < config.min || count.value > config.max) {
                findings.push(violation(`maxReceiveCount is ${count.value} in ${where}; set it between ${config.min} and ${config.max}.`));
            }
        }
        return findings;
    },
});
