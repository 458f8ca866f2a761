import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { mappingFamily } from "../../lib/links/esm-kind";
import { stackRule, unresolvable, violation } from "../../lib/rule";

/** Lambda's bounds for scalingConfig.maximumConcurrency. */
const MIN_CONCURRENCY = 2;
const MAX_CONCURRENCY = 1000;

export const sqsEsmMaxConcurrency = stackRule({
    id: "sqs-esm-max-concurrency",
    title: "SQS event source mappings cap their concurrency",
    pillar: "bulkheads",
    description: "An SQS event source mapping sets `scalingConfig.maximumConcurrency` (2–`maxConcurrency`), so a queue backlog cannot take all of the account's Lambda concurrency or flood the systems downstream.",
    remediation: [
        "Cap how many concurrent invocations the queue may drive:",
        "```ts",
        "new aws.lambda.EventSourceMapping(\"jobs\", {",
        "    eventSourceArn: queue.arn,",
        "    functionName: worker.arn,",
        "    scalingConfig: { maximumConcurrency: 20 },",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: an uncapped mapping scales up to 1,250 concurrent invocations per queue, so a backlog can starve every other function in the account and overload the database behind it. The right cap depends on the downstream capacity, which the policy cannot know.",
    byDefault: { shown: true, why: "An uncapped SQS consumer scales to the account's concurrency and can starve other functions or overload a downstream database." },
    resourceTypes: [aws.lambda.EventSourceMapping],
    anchors: { gap: true, wellArchitected: ["REL05-BP02", "REL10-BP04"] },
    config: z.object({
        maxConcurrency: z.number().int().min(MIN_CONCURRENCY).max(MAX_CONCURRENCY).default(MAX_CONCURRENCY).describe("Largest maximumConcurrency allowed."),
    }),
    check(esm, { config, graph }) {
        const family = mappingFamily(graph, esm);
        if (family === undefined) {
            return [unresolvable("eventSourceArn", "whether the mapping reads an SQS queue")];
        }
        if (family !== "sqs") {
            return [];
        }
        const max = esm.read("scalingConfig.maximumConcurrency");
        if (!max.known) {
            return [unresolvable(max.path)];
        }
        if (typeof max.value !== "number") {
            return [violation(`scalingConfig.maximumConcurrency is unset; set scalingConfig: { maximumConcurrency: N } (${MIN_CONCURRENCY}–${config.maxConcurrency}) to what the function's downstream systems can take.`)];
        }
        if (max.value > config.maxConcurrency) {
            return [violation(`scalingConfig.maximumConcurrency is ${max.value}; set it to at most ${config.maxConcurrency} (policy config maxConcurrency).`)];
        }
        return [];
    },
});
