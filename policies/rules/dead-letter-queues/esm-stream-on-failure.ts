import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { mappingFamily } from "../../lib/links/esm-kind";
import { eventSourceOf, isStreamOrKafka } from "../../lib/links/messaging";
import { stackRule, unresolvable, violation } from "../../lib/rule";

export const esmStreamOnFailure = stackRule({
    id: "esm-stream-on-failure",
    title: "Stream and Kafka event source mappings keep failed batches",
    pillar: "dead-letter-queues",
    description:
        "A Lambda event source mapping that reads a Kinesis stream, a DynamoDB stream, Amazon MSK, self-managed Kafka or DocumentDB change streams has `destinationConfig.onFailure.destinationArn`.",
    remediation: [
        "Send records that exhaust their retries to an on-failure destination:",
        "```ts",
        "new aws.lambda.EventSourceMapping(\"orders-stream\", {",
        "    eventSourceArn: table.streamArn, functionName: fn.name, startingPosition: \"LATEST\",",
        "    maximumRetryAttempts: 5, bisectBatchOnFunctionError: true,",
        "    destinationConfig: { onFailure: { destinationArn: failures.arn } },",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory" },
    rationale:
        "Without an on-failure destination, records that exhaust retries (or age out) are skipped with no trace; with the default infinite retries a poison record blocks its shard until it expires.",
    byDefault: { shown: true, why: "Records of a failed stream batch are otherwise dropped once retries end: data loss." },
    resourceTypes: [aws.lambda.EventSourceMapping],
    anchors: { cdkNag: ["Serverless-LambdaEventSourceMappingDestination"], other: ["SR ES1001"], wellArchitected: ["REL05-BP04"] },
    config: z.object({}),
    check(esm, { graph }) {
        const source = eventSourceOf(graph, esm);
        // When the source ARN cannot be traced, the mapping's shape still tells: Lambda requires a
        // startingPosition (or topics) for streams and Kafka and rejects one for SQS.
        const family = source.kind === "unknown" ? mappingFamily(graph, esm) : isStreamOrKafka(source.kind) ? "ordered" : "other";
        if (family === undefined) {
            return [unresolvable("eventSourceArn", "the event source's type cannot be traced, so whether it is a stream is not known")];
        }
        if (family !== "ordered") {
            return [];
        }
        const what = source.kind === "unknown" ? "stream or Kafka" : source.kind;
        const read = esm.read("destinationConfig.onFailure.destinationArn");
        if (!read.known || (typeof read.value === "string" && read.value !== "")) {
            return [];
        }
        return [
            violation(
                `this ${what} event source mapping has no on-failure destination; set destinationConfig: { onFailure: { destinationArn: queueOrTopic.arn } } so records that exhaust retries are kept.`,
            ),
        ];
    },
});
