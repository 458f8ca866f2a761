import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { mappingFamily } from "../../lib/links/esm-kind";
import { stackRule, unresolvable, violation } from "../../lib/rule";

export const sqsEsmPartialBatch = stackRule({
    id: "sqs-esm-partial-batch",
    title: "SQS event source mappings report partial batch failures",
    pillar: "idempotency",
    description: "An SQS event source mapping sets `functionResponseTypes: [\"ReportBatchItemFailures\"]`, so one failed message does not send the whole batch back to the queue.",
    remediation: [
        "Turn on partial batch responses and return the failed message IDs from the handler:",
        "```ts",
        "new aws.lambda.EventSourceMapping(\"jobs\", {",
        "    eventSourceArn: queue.arn,",
        "    functionName: worker.arn,",
        "    functionResponseTypes: [\"ReportBatchItemFailures\"],",
        "});",
        "// handler: return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) };",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: without it one bad message makes the whole batch visible again, so the messages that succeeded are processed again (duplicates) and can reach the DLQ with the poison one. The setting only helps once the handler returns batchItemFailures, which the policy cannot see, so it advises rather than blocks.",
    byDefault: { shown: true, why: "Without partial batch responses one failing message makes the whole batch retry, repeating side effects." },
    resourceTypes: [aws.lambda.EventSourceMapping],
    anchors: { gap: true, wellArchitected: ["REL05-BP03", "REL04-BP04"] },
    config: z.object({}),
    check(esm, { graph }) {
        const family = mappingFamily(graph, esm);
        if (family === undefined) {
            return [unresolvable("eventSourceArn", "whether the mapping reads an SQS queue")];
        }
        if (family !== "sqs") {
            return [];
        }
        const types = esm.read("functionResponseTypes");
        if (!types.known) {
            return [unresolvable("functionResponseTypes")];
        }
        const list = Array.isArray(types.value) ? types.value : [];
        if (!list.includes("ReportBatchItemFailures")) {
            return [violation("functionResponseTypes does not include \"ReportBatchItemFailures\"; set functionResponseTypes: [\"ReportBatchItemFailures\"] and return batchItemFailures from the handler, so one failed message does not redeliver the whole batch.")];
        }
        return [];
    },
});
