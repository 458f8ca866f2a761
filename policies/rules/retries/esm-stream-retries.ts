import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { mappingFamily } from "../../lib/links/esm-kind";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";

/** Lambda's "forever" value for both limits; absent means the same. */
const FOREVER = -1;

export const esmStreamRetries = stackRule({
    id: "esm-stream-retries",
    title: "Stream and Kafka event source mappings bound their retries",
    pillar: "retries",
    description:
        "A Kinesis, DynamoDB Streams or Kafka event source mapping sets a finite `maximumRetryAttempts` (at most `maxRetryAttempts`), a finite `maximumRecordAgeInSeconds` (at most `maxRecordAgeSeconds`) and `bisectBatchOnFunctionError: true`.",
    remediation: [
        "Bound the retries, split failing batches to isolate the poison record, and send what still fails to an on-failure destination:",
        "```ts",
        "new aws.lambda.EventSourceMapping(\"orders\", {",
        "    eventSourceArn: stream.arn,",
        "    functionName: fn.arn,",
        "    startingPosition: \"LATEST\",",
        "    maximumRetryAttempts: 3,",
        "    maximumRecordAgeInSeconds: 3600,",
        "    bisectBatchOnFunctionError: true,",
        "    destinationConfig: { onFailure: { destinationArn: failures.arn } },",
        "});",
        "```",
        "Kafka (MSK / self-managed) mappings accept these settings in provisioned mode (`provisionedPollerConfig`).",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "Mandatory: the defaults (-1, -1, false) retry a failing batch forever, and a stream is processed in order per shard, so one poison record blocks its whole shard until the record expires (24 h to 365 days) while the iterator age grows. That is an outage of the consumer, not a risk of one.",
    byDefault: { shown: true, why: "Stream mappings retry forever by default: one bad record blocks its shard for days." },
    resourceTypes: [aws.lambda.EventSourceMapping],
    anchors: { gap: true, wellArchitected: ["REL05-BP03", "REL05-BP02"] },
    config: z.object({
        maxRetryAttempts: z.number().int().min(0).max(10000).default(10).describe("Largest maximumRetryAttempts allowed."),
        maxRecordAgeSeconds: z.number().int().min(60).max(604800).default(86400).describe("Largest maximumRecordAgeInSeconds allowed, in seconds."),
        requireBisect: z.boolean().default(true).describe("Require bisectBatchOnFunctionError: true."),
    }),
    check(esm, { config, graph }) {
        const family = mappingFamily(graph, esm);
        if (family === undefined) {
            return [unresolvable("eventSourceArn", "whether the mapping reads a stream or a queue")];
        }
        if (family !== "ordered") {
            return [];
        }
        const findings: Finding[] = [];
                const retries = esm.read("maximumRetryAttempts");
        if (!retries.known) {
            findings.push(unresolvable("maximumRetryAttempts"));
        } else {
            const n = typeof retries.value === "number" ? retries.value : undefined;
            if (n === undefined || n === FOREVER) {
                findings.push(violation(`maximumRetryAttempts is ${n === FOREVER ? "-1" : "unset"} (retry forever): a failing batch blocks its shard until the records expire; set maximumRetryAttempts to at most ${config.maxRetryAttempts}.`));
            } else if (n > config.maxRetryAttempts) {
                findings.push(violation(`maximumRetryAttempts is ${n}; set it to at most ${config.maxRetryAttempts} (policy config maxRetryAttempts).`));
            }
        }
        const age = esm.read("maximumRecordAgeInSeconds");
        if (!age.known) {
            findings.push(unresolvable("maximumRecordAgeInSeconds"));
        } else {
            const n = typeof age.value === "number" ? age.value : undefined;
            if (n === undefined || n === FOREVER) {
                findings.push(violation(`maximumRecordAgeInSeconds is ${n === FOREVER ? "-1" : "unset"} (no age limit); set it to at most ${config.maxRecordAgeSeconds} s so stale records are skipped to the on-failure destination.`));
            } else if (n > config.maxRecordAgeSeconds) {
                findings.push(violation(`maximumRecordAgeInSeconds is ${n}; set it to at most ${config.maxRecordAgeSeconds} s (policy config maxRecordAgeSeconds).`));
            }
        }
        if (config.requireBisect) {
            const bisect = esm.read("bisectBatchOnFunctionError");
            if (!bisect.known) {
                findings.push(unresolvable("bisectBatchOnFunctionError"));
            } else if (bisect.value !== true) {
                findings.push(violation(`bisectBatchOnFunctionError is ${bisect.value === false ? "false" : "unset"}; set it to true so a failing batch is split until the poison record is isolated.`));
            }
        }
        return findings;
    },
});
