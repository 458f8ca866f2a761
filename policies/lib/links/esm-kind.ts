// Two things the messaging links (./messaging) leave open, built on them:
// - which family of source an event source mapping polls when the source ARN cannot be traced
//   (e.g. it comes from a stack reference): the mapping's own shape still tells (Lambda requires a
//   starting position for streams and Kafka, and rejects one for SQS);
// - every consumer of an SQS queue, counted per function (aliases followed) and per EventBridge pipe.
import { lambdaFunctionName } from "../arn";
import { aws } from "../aws-types";
import { type GraphResource, perGraph, type StackGraph } from "../graph";
import { eventSourceMappingsOfSource, eventSourceOf, functionsOfMapping, isStreamOrKafka, QUEUE_TYPES } from "./messaging";

/**
 * "ordered" = Kinesis, DynamoDB Streams, Kafka: records read in order per shard/partition, with the
 * retry settings maximumRetryAttempts / maximumRecordAgeInSeconds / bisectBatchOnFunctionError.
 * "other" = Amazon MQ and DocumentDB change streams, which have none of them.
 */
export type MappingFamily = "sqs" | "ordered" | "other";

function set(r: GraphResource, path: string): boolean {
    const read = r.read(path);
    return !read.known || (read.value !== undefined && read.value !== null && !(Array.isArray(read.value) && read.value.length === 0));
}

/** The family of source a mapping polls, or undefined when nothing in this preview tells. */
export function mappingFamily(graph: StackGraph, esm: GraphResource): MappingFamily | undefined {
    const { kind } = eventSourceOf(graph, esm);
    if (kind === "sqs") {
        return kind;
    }
    if (kind === "mq" || kind === "documentdb" || set(esm, "queues") || set(esm, "documentDbEventSourceConfig")) {
        return "other";
    }
    if (kind !== "unknown" && isStreamOrKafka(kind)) {
        return "ordered";
    }
    if (set(esm, "topics")) {
        return "ordered";
    }
    const start = esm.read("startingPosition");
    if (start.known) {
        return start.value === undefined || start.value === null ? "sqs" : "ordered";
    }
    return undefined;
}

/** A consumer of an SQS queue. */
export interface QueueConsumer {
    /** The event source mapping or pipe that reads the queue. */
    via: GraphResource;
    /** Identity of the consumer: the function's URN, its external name, or the pipe. */
    key: string;
    label: string;
}

const pipesBySource = perGraph((graph): Map<GraphResource, GraphResource[]> => {
    const index: Map<GraphResource, GraphResource[]> = new Map();
    for (const pipe of graph.ofType(aws.pipes.Pipe)) {
        for (const q of graph.resolve(pipe, "source", QUEUE_TYPES).targets) {
            index.set(q, [...(index.get(q) ?? []), pipe]);
        }
    }
    return index;
});

/** Every consumer of `queue`: event source mappings (per function) and EventBridge pipes. */
export function consumersOfQueue(graph: StackGraph, queue: GraphResource): QueueConsumer[] {
    const out: QueueConsumer[] = [];
    for (const esm of eventSourceMappingsOfSource(graph, queue)) {
        const fns = functionsOfMapping(graph, esm);
        const fn = fns.targets[0];
        if (fn) {
            out.push({ via: esm, key: fn.urn, label: fn.name });
            continue;
        }
        const external = fns.external[0];
        if (external !== undefined) {
            // "arn:aws:lambda:region:account:function:name[:alias]", "name:alias" and "name" are one function.
            const name = lambdaFunctionName(external);
            out.push({ via: esm, key: `function:${name}`, label: name });
        } else {
            out.push({ via: esm, key: esm.urn, label: `the function of ${esm.name}` });
        }
    }
    for (const pipe of pipesBySource(graph).get(queue) ?? []) {
        out.push({ via: pipe, key: pipe.urn, label: `pipe ${pipe.name}` });
    }
    return out;
}
