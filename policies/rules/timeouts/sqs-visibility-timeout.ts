import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { queueConsumers } from "../../lib/links/event-sources";
import { invokedFunction } from "../../lib/links/invoked-function";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";

/** Provider defaults, filled in by the engine when absent. */
const SQS_DEFAULT_VISIBILITY = 30;
const LAMBDA_DEFAULT_TIMEOUT = 3;
const SQS_MAX_VISIBILITY = 43_200;

export const sqsVisibilityTimeout = stackRule({
    id: "sqs-visibility-timeout",
    title: "Queues consumed by Lambda outlast the function's retries",
    pillar: "timeouts",
    description:
        "An SQS queue read by a Lambda event source mapping has `visibilityTimeoutSeconds` ≥ `multiplier` × the function's `timeout` + the mapping's `maximumBatchingWindowInSeconds` (defaults: visibility 30 s, function timeout 3 s, window 0 s).",
    remediation: [
        "```ts",
        "const fn = new aws.lambda.Function(\"worker\", { timeout: 30, ... });",
        "const queue = new aws.sqs.Queue(\"jobs\", { visibilityTimeoutSeconds: 6 * 30 });",
        "new aws.lambda.EventSourceMapping(\"jobs\", { eventSourceArn: queue.arn, functionName: fn.name });",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory" },
    rationale:
        "A message becomes visible again while the function still processes it: it is processed twice and, once maxReceiveCount is reached, moved to the DLQ although nothing failed. AWS advises six times the function timeout; Lambda rejects the mapping outright when the timeout exceeds the visibility timeout.",
    byDefault: { shown: true, why: "A visibility timeout shorter than the function's run redelivers messages still being processed: duplicate work." },
    resourceTypes: [aws.sqs.Queue],
    anchors: {
        cdkNag: ["LambdaEventSourceSQSVisibilityTimeout"],
        wellArchitected: ["REL05-BP05"],
    },
    config: z.object({
        multiplier: z.number().min(1).max(12).default(6).describe("Visibility timeout as a multiple of the function timeout (AWS guidance: 6)."),
    }),
    check(queue, { config, graph }) {
        const mappings = (queueConsumers(graph).get(queue) ?? []).map((c) => c.via).filter((via) => via.type === aws.lambda.EventSourceMapping);
        if (mappings.length === 0) {
            return [];
        }
        const visibility = queue.number("visibilityTimeoutSeconds") ?? SQS_DEFAULT_VISIBILITY;
        const findings: Finding[] = [];
        let worst: { need: number; text: string } | undefined;
        for (const esm of mappings) {
            const { fn, unknown } = invokedFunction(graph, esm);
            if (!fn) {
                findings.push(unresolvable(`functionName of ${esm.name}`, unknown));
                continue;
            }
            const timeoutRead = fn.read("timeout");
            const windowRead = esm.read("maximumBatchingWindowInSeconds");
            if (!timeoutRead.known || !windowRead.known) {
                findings.push(unresolvable(!timeoutRead.known ? `timeout of ${fn.name}` : `maximumBatchingWindowInSeconds of ${esm.name}`));
                continue;
            }
            const timeout = fn.number("timeout") ?? LAMBDA_DEFAULT_TIMEOUT;
            const window = esm.number("maximumBatchingWindowInSeconds") ?? 0;
            const need = config.multiplier * timeout + window;
            if (visibility < need && (!worst || need > worst.need)) {
                worst = { need, text: `${config.multiplier} × the timeout of ${fn.name} (${timeout} s) + maximumBatchingWindowInSeconds of ${esm.name} (${window}) = ${need}` };
            }
        }
        if (worst) {
            const cap = worst.need > SQS_MAX_VISIBILITY ? ` (SQS allows at most ${SQS_MAX_VISIBILITY}: lower the function timeout)` : "";
            findings.push(violation(`visibilityTimeoutSeconds is ${visibility}; set it to at least ${worst.text}${cap}.`));
        }
        return findings;
    },
});
