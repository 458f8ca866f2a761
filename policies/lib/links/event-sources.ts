// What a Lambda event source mapping reads from (SQS, a stream, Kafka, MQ, DocumentDB), and which
// consumers each SQS queue has — decided from the ARN when it is known and from the graph when it
// is not (the first preview of a new stack, where every ARN is unknown).
import { aws } from "../aws-types";
import { type GraphResource, type StackGraph } from "../graph";
import { asString } from "../values";

export type EventSourceKind = "sqs" | "stream" | "kafka" | "mq" | "docdb";

export interface EventSource {
    /** What the mapping polls; undefined when nothing in the preview tells. */
    kind?: EventSourceKind;
    /** The source resources in this stack (queue, stream, table, cluster), when resolved. */
    sources: GraphResource[];
    /** How the kind was decided, for messages. */
    basis: "config" | "arn" | "graph" | "shape" | "unknown";
}

const SOURCE_TYPES: ReadonlyArray<readonly [string, EventSourceKind]> = [
    [aws.sqs.Queue, "sqs"],
    [aws.kinesis.Stream, "stream"],
    [aws.dynamodb.Table, "stream"],
    [aws.msk.Cluster, "kafka"],
    [aws.msk.ServerlessCluster, "kafka"],
    [aws.mq.Broker, "mq"],
    [aws.docdb.Cluster, "docdb"],
];
const SOURCE_TYPE_TOKENS = SOURCE_TYPES.map(([t]) => t);

/** The service part of an ARN ("arn:aws:sqs:eu-west-1:…" → "sqs"). */
function kindFromArn(arn: string): EventSourceKind | undefined {
    const service = arn.split(":")[2];
    switch (service) {
        case "sqs":
            return "sqs";
        case "kinesis":
        case "dynamodb":
            return "stream";
        case "kafka":
            return "kafka";
        case "mq":
            return "mq";
        case "rds":
            return "docdb";
        default:
            return undefined;
    }
}

function present(r: GraphResource, path: string): boolean {
    const read = r.read(path);
    return !read.known || (read.value !== undefined && read.value !== null && !(Array.isArray(read.value) && read.value.length === 0));
}

const cache = new WeakMap<GraphResource, EventSource>();

/** Classifies an `aws.lambda.EventSourceMapping` by what it polls. */
export function eventSourceOf(graph: StackGraph, esm: GraphResource): EventSource {
    const hit = cache.get(esm);
    if (hit) {
        return hit;
    }
    const result = classify(graph, esm);
    cache.set(esm, result);
    return result;
}

function classify(graph: StackGraph, esm: GraphResource): EventSource {
    // Kafka- and MQ-only blocks name the source kind whatever the ARN is.
    if (["selfManagedEventSource", "amazonManagedKafkaEventSourceConfig", "selfManagedKafkaEventSourceConfig", "topics"].some((p) => present(esm, p))) {
        return { kind: "kafka", sources: [], basis: "config" };
    }
    if (present(esm, "queues")) {
        return { kind: "mq", sources: [], basis: "config" };
    }
    if (present(esm, "documentDbEventSourceConfig")) {
        return { kind: "docdb", sources: [], basis: "config" };
    }
    const res = graph.resolve(esm, "eventSourceArn", SOURCE_TYPE_TOKENS);
    const arn = asString(esm.read("eventSourceArn").known ? esm.props["eventSourceArn"] : undefined);
    if (arn !== undefined) {
        const kind = kindFromArn(arn);
        if (kind) {
            return { kind, sources: res.targets, basis: "arn" };
        }
    }
    const kinds = new Set(res.targets.map((t) => SOURCE_TYPES.find(([type]) => type === t.type)?.[1]));
    if (kinds.size === 1) {
        const [kind] = kinds;
        return { kind, sources: res.targets, basis: "graph" };
    }
    // Lambda rejects a starting position for SQS and requires one for streams, Kafka and
    // DocumentDB; MQ and Kafka were ruled out above, so the shape decides between SQS and a stream.
    const start = esm.read("startingPosition");
    if (start.known) {
        return { kind: start.value === undefined ? "sqs" : "stream", sources: res.targets, basis: "shape" };
    }
    return { kind: undefined, sources: res.targets, basis: "unknown" };
}

/** A consumer of an SQS queue: an event source mapping or an EventBridge pipe. */
export interface QueueConsumer {
    via: GraphResource;
    /** Stable key of the consuming function/target: its URN when resolved, else its name or ARN. */
    consumer: string;
    /** Display name of the consumer. */
    label: string;
}

const consumerIndex = new WeakMap<StackGraph, Map<GraphResource, QueueConsumer[]>>();

function consumerKey(graph: StackGraph, via: GraphResource, path: string): { consumer: string; label: string } {
    const res = graph.resolve(via, path, [aws.lambda.Function, aws.lambda.Alias]);
    const fn = res.targets.find((t) => t.type === aws.lambda.Function) ?? res.targets[0];
    if (fn) {
        // An alias stands for its function: two aliases of one function are one consumer.
        const owner = fn.type === aws.lambda.Alias ? graph.resolve(fn, "functionName", [aws.lambda.Function]).targets[0] ?? fn : fn;
        return { consumer: owner.urn, label: owner.name };
    }
    const value = res.external[0];
    if (value !== undefined) {
        // "arn:aws:lambda:r:a:function:name:alias" and "name" name the same function.
        const name = value.startsWith("arn:") ? value.split(":")[6] ?? value : value;
        return { consumer: `external:${name}`, label: name };
    }
    return { consumer: `via:${via.urn}`, label: `the consumer of ${via.name}` };
}

/** Every consumer of every SQS queue in the stack (built once per graph). */
export function queueConsumers(graph: StackGraph): Map<GraphResource, QueueConsumer[]> {
    let index = consumerIndex.get(graph);
    if (index) {
        return index;
    }
    index = new Map();
    const add = (queue: GraphResource, c: QueueConsumer) => {
        let list = index!.get(queue);
        if (!list) {
            list = [];
            index!.set(queue, list);
        }
        list.push(c);
    };
    for (const esm of graph.ofType(aws.lambda.EventSourceMapping)) {
        const src = eventSourceOf(graph, esm);
        if (src.kind !== "sqs") {
            continue;
        }
        const who = consumerKey(graph, esm, "functionName");
        for (const q of src.sources.filter((s) => s.type === aws.sqs.Queue)) {
            add(q, { via: esm, ...who });
        }
    }
    for (const pipe of graph.ofType(aws.pipes.Pipe)) {
        for (const q of graph.resolve(pipe, "source", [aws.sqs.Queue]).targets) {
            add(q, { via: pipe, consumer: `pipe:${pipe.urn}`, label: `pipe ${pipe.name}` });
        }
    }
    consumerIndex.set(graph, index);
    return index;
}
