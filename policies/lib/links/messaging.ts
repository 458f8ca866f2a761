// Who sends what to whom: queues and their dead-letter queues, event source mappings and the
// queues/streams/functions they join, and the services that invoke a Lambda function
// asynchronously. Resolved through the graph, so the links hold in the first preview of a new
// stack, where every ARN, URL and generated name is unknown.
//
// Everything is indexed once per graph (WeakMap cache) so that rules stay linear in resources.
// Exported names are stable: other pillars (retries, bulkheads, idempotency, timeouts) import them.
import { parseArn } from "../arn";
import { aws } from "../aws-types";
import { addUnique, appendTo, emptyResolution, type GraphResource, perGraph, type Resolution, type StackGraph } from "../graph";
import { FUNCTION_OR_ALIAS, functionsBehind, resolveFunction } from "./invoked-function";
import { asNumber, asString, containsUnknownText, isRecord, isUnknown, parseJsonValue, readPath, type JsonRead } from "../values";

/** SQS queue resource types. */
export const QUEUE_TYPES: readonly string[] = [aws.sqs.Queue];
/** Lambda function resource types (aliases are followed to their function). */
export const FUNCTION_TYPES: readonly string[] = [aws.lambda.Function];

// ---------------------------------------------------------------------------------------------
// Generic reference resolution
// ---------------------------------------------------------------------------------------------

/** A reference read from inside a JSON-document property (redrive policies). */
export interface JsonReference extends Resolution {
    /** The parsed document: absent, unknown (the whole string), invalid JSON, or ok. */
    document: JsonRead;
}

/**
 * Resolves `field` of the JSON document held in string property `property` (e.g. redrivePolicy →
 * deadLetterTargetArn) to resources of `types`: by value when it is known, otherwise through the
 * property's propertyDependencies (a wholly unknown document, or one that embeds an unknown ARN).
 */
export function resolveJsonReference(graph: StackGraph, from: GraphResource, property: string, field: string, types: readonly string[]): JsonReference {
    const read = from.read(property);
    const document: JsonRead = read.known ? parseJsonValue(read.value) : { kind: "unknown" };
    if (document.kind === "absent" || document.kind === "invalid") {
        return { ...emptyResolution(), absent: document.kind === "absent", document };
    }
    if (document.kind === "ok") {
        const value = isRecord(document.value) ? document.value[field] : undefined;
        const known = asString(value);
        if (known !== undefined && known !== "" && !containsUnknownText(known)) {
            const hits = graph.findByReference(known, types);
            return { ...emptyResolution(), targets: hits, external: hits.length === 0 ? [known] : [], document };
        }
        if (!isUnknown(value) && (known === undefined || known === "")) {
            return { ...emptyResolution(), absent: true, document };
        }
    }
    return { ...graph.resolveByDependencies(from, property, types), document };
}

// ---------------------------------------------------------------------------------------------
// Queue → dead-letter queue (redrive)
// ---------------------------------------------------------------------------------------------

/** One redrive policy of a source queue: inline on the queue or an `aws.sqs.RedrivePolicy` resource. */
export interface Redrive {
    /** The source queue. */
    queue: GraphResource;
    /** Where the policy is declared: the queue itself (inline) or the RedrivePolicy resource. */
    declaredBy: GraphResource;
    source: "inline" | "resource";
    /** The redrive policy document (`redrivePolicy`, a JSON string that may be unknown in preview). */
    document: JsonRead;
    /** The dead-letter queue(s) `deadLetterTargetArn` resolves to. */
    deadLetter: Resolution;
    /** `maxReceiveCount`: a known number, absent, or unknown (the document is unknown). */
    maxReceiveCount: { known: true; value: number | undefined } | { known: false };
}

/** Every way a queue can be used as a dead-letter (or on-failure) target. */
export type DeadLetterReferrerKind =
    | "queue-redrive" // another queue's inline redrivePolicy.deadLetterTargetArn
    | "redrive-policy" // an aws.sqs.RedrivePolicy resource
    | "redrive-allow-policy" // an aws.sqs.RedriveAllowPolicy resource or the queue's own redriveAllowPolicy
    | "lambda-dead-letter" // aws.lambda.Function deadLetterConfig.targetArn
    | "invoke-config-on-failure" // aws.lambda.FunctionEventInvokeConfig destinationConfig.onFailure.destination
    | "event-target-dead-letter" // aws.cloudwatch.EventTarget deadLetterConfig.arn
    | "schedule-dead-letter" // aws.scheduler.Schedule target.deadLetterConfig.arn
    | "subscription-redrive" // aws.sns.TopicSubscription redrivePolicy.deadLetterTargetArn
    | "event-source-mapping-on-failure" // aws.lambda.EventSourceMapping destinationConfig.onFailure.destinationArn
    | "pipe-dead-letter"; // aws.pipes.Pipe sourceParameters.{kinesis,dynamodb}StreamParameters.deadLetterConfig.arn

export interface DeadLetterReferrer {
    kind: DeadLetterReferrerKind;
    /** The resource that names the queue as its dead-letter target. */
    resource: GraphResource;
    /**
     * True when the graph cannot tell this queue from a sibling reference in the same property
     * (e.g. a Scheduler target that is itself a queue, both ARNs unknown): the queue MAY be the DLQ.
     */
    ambiguous: boolean;
}

/** Lambda invocations that happen asynchronously (the caller does not wait, Lambda retries). */
export type AsyncInvokerKind =
    | "sns-subscription"
    | "s3-notification"
    | "eventbridge-target"
    | "scheduler-schedule"
    | "event-invoke-config"
    | "permission";

export interface AsyncInvoker {
    kind: AsyncInvokerKind;
    /** The resource that makes the invocation asynchronous (subscription, notification, target…). */
    resource: GraphResource;
    /** For `permission`: the service principal granted invoke (e.g. "sns.amazonaws.com"). */
    principal?: string;
}

/** Service principals whose Lambda invocations are asynchronous (Lambda "async invocation" docs). */
export const ASYNC_INVOKE_PRINCIPALS: readonly string[] = [
    "sns.amazonaws.com",
    "s3.amazonaws.com",
    "events.amazonaws.com",
    "scheduler.amazonaws.com",
    "logs.amazonaws.com",
    "ses.amazonaws.com",
    "iot.amazonaws.com",
    "codecommit.amazonaws.com",
    "config.amazonaws.com",
    "lambda.alarms.cloudwatch.amazonaws.com",
    "cloudformation.amazonaws.com",
];

/** What kind of source an event source mapping polls. */
export type EventSourceKind = "sqs" | "kinesis" | "dynamodb-stream" | "msk" | "self-managed-kafka" | "mq" | "documentdb" | "unknown";

export interface EventSource {
    kind: EventSourceKind;
    /** The source resources in this stack (queue, stream, table, cluster, broker), when linked. */
    resources: GraphResource[];
    /** The eventSourceArn resolution (absent for self-managed Kafka). */
    resolution: Resolution;
}

/** True for sources whose records Lambda reads in order from shards/partitions (on-failure destinations apply). */
export function isStreamOrKafka(kind: EventSourceKind): boolean {
    return kind === "kinesis" || kind === "dynamodb-stream" || kind === "msk" || kind === "self-managed-kafka" || kind === "documentdb";
}

interface MessagingIndex {
    redrivesBySource: Map<GraphResource, Redrive[]>;
    /** RedrivePolicy resources whose source queue cannot be resolved at all. */
    unlinkedRedrivePolicies: GraphResource[];
    deadLetterReferrers: Map<GraphResource, DeadLetterReferrer[]>;
    asyncInvokers: Map<GraphResource, AsyncInvoker[]>;
    invokeConfigs: Map<GraphResource, GraphResource[]>;
    mappingsByFunction: Map<GraphResource, GraphResource[]>;
    mappingsBySource: Map<GraphResource, GraphResource[]>;
    functionsOfMapping: Map<GraphResource, Resolution>;
    sourceOfMapping: Map<GraphResource, EventSource>;
}

function maxReceiveCountOf(document: JsonRead): Redrive["maxReceiveCount"] {
    if (document.kind === "unknown") {
        return { known: false };
    }
    if (document.kind !== "ok" || !isRecord(document.value)) {
        return { known: true, value: undefined };
    }
    const raw = document.value["maxReceiveCount"];
    if (isUnknown(raw)) {
        return { known: false };
    }
    // SQS takes a whole number (a number or a plain decimal string); anything else counts as absent.
    const n = asNumber(raw);
    return { known: true, value: n !== undefined && Number.isInteger(n) ? n : undefined };
}

/**
 * Splits the queues found under one top-level property whose value holds several references
 * (Scheduler `target`, FunctionEventInvokeConfig `destinationConfig`): the DLQ reference at
 * `dlqPath`, minus queues the sibling paths are known to name. When a sibling is unknown too, the
 * graph only says "these resources fed the property": the split is ambiguous unless the types
 * settle it. `dlqIsQueue` says the DLQ reference can only be a queue (Scheduler), so any non-queue
 * dependency must be the sibling.
 */
function splitSharedProperty(
    graph: StackGraph,
    from: GraphResource,
    dlqPath: string,
    siblingPaths: readonly string[],
    dlqIsQueue: boolean,
): { targets: GraphResource[]; ambiguous: boolean } {
    const dlq = graph.resolve(from, dlqPath, QUEUE_TYPES);
    if (readPath(from.props, dlqPath).known) {
        return { targets: dlq.targets, ambiguous: false };
    }
    let candidates = dlq.targets;
    let ambiguous = false;
    for (const sibling of siblingPaths) {
        const read = readPath(from.props, sibling);
        if (read.known) {
            if (read.value !== undefined && read.value !== null) {
                const named = graph.resolve(from, sibling, QUEUE_TYPES).targets;
                candidates = candidates.filter((c) => !named.includes(c));
            }
            continue;
        }
        const top = sibling.split(".")[0];
        const others = (from.propertyDependencies[top] ?? []).filter((d) => !QUEUE_TYPES.includes(d.type) && d.type !== aws.iam.Role);
        if (dlqIsQueue) {
            // One queue and nothing else: the same queue is both. A non-queue is the sibling.
            ambiguous ||= others.length === 0 && candidates.length > 1;
        } else {
            // The DLQ may itself be a topic/function/bus: any second candidate leaves it open.
            ambiguous ||= candidates.length > 0 && (others.length > 0 || candidates.length > 1);
        }
    }
    return { targets: candidates, ambiguous };
}

function buildIndex(graph: StackGraph): MessagingIndex {
    const index: MessagingIndex = {
        redrivesBySource: new Map(),
        unlinkedRedrivePolicies: [],
        deadLetterReferrers: new Map(),
        asyncInvokers: new Map(),
        invokeConfigs: new Map(),
        mappingsByFunction: new Map(),
        mappingsBySource: new Map(),
        functionsOfMapping: new Map(),
        sourceOfMapping: new Map(),
    };
    const referrer = (queues: readonly GraphResource[], kind: DeadLetterReferrerKind, resource: GraphResource, ambiguous = false) => {
        for (const q of queues) {
            appendTo(index.deadLetterReferrers, q, { kind, resource, ambiguous });
        }
    };

    // Inline redrive (and redrive-allow) policies on queues.
    for (const queue of graph.ofType(aws.sqs.Queue)) {
        const ref = resolveJsonReference(graph, queue, "redrivePolicy", "deadLetterTargetArn", QUEUE_TYPES);
        if (ref.document.kind !== "absent") {
            const redrive: Redrive = {
                queue,
                declaredBy: queue,
                source: "inline",
                document: ref.document,
                deadLetter: ref,
                maxReceiveCount: maxReceiveCountOf(ref.document),
            };
            appendTo(index.redrivesBySource, queue, redrive);
            referrer(ref.targets.filter((t) => t !== queue), "queue-redrive", queue);
        }
        if (allowsRedrive(queue.read("redriveAllowPolicy"))) {
            referrer([queue], "redrive-allow-policy", queue);
        }
    }
    // aws.sqs.RedrivePolicy: queueUrl is the source, redrivePolicy names the DLQ.
    for (const policy of graph.ofType(aws.sqs.RedrivePolicy)) {
        const sources = graph.resolve(policy, "queueUrl", QUEUE_TYPES);
        const ref = resolveJsonReference(graph, policy, "redrivePolicy", "deadLetterTargetArn", QUEUE_TYPES);
        if (sources.targets.length === 0 && (sources.unresolved || sources.opaque.length > 0)) {
            index.unlinkedRedrivePolicies.push(policy);
        }
        for (const queue of sources.targets) {
            appendTo(index.redrivesBySource, queue, {
                queue,
                declaredBy: policy,
                source: "resource",
                document: ref.document,
                deadLetter: ref,
                maxReceiveCount: maxReceiveCountOf(ref.document),
            });
        }
        referrer(ref.targets.filter((t) => !sources.targets.includes(t)), "redrive-policy", policy);
    }
    // aws.sqs.RedriveAllowPolicy: queueUrl is a DLQ that allows sources to redrive into it.
    for (const policy of graph.ofType(aws.sqs.RedriveAllowPolicy)) {
        if (allowsRedrive(policy.read("redriveAllowPolicy"))) {
            referrer(graph.resolve(policy, "queueUrl", QUEUE_TYPES).targets, "redrive-allow-policy", policy);
        }
    }
    // Lambda: deadLetterConfig.targetArn (an SQS queue or SNS topic).
    for (const fn of graph.ofType(aws.lambda.Function)) {
        if (!hasValue(fn, "deadLetterConfig")) {
            continue;
        }
        referrer(graph.resolve(fn, "deadLetterConfig.targetArn", QUEUE_TYPES).targets, "lambda-dead-letter", fn);
    }
    // FunctionEventInvokeConfig: the function is invoked asynchronously; onFailure may be a queue.
    for (const config of graph.ofType(aws.lambda.FunctionEventInvokeConfig)) {
        const fns = resolveFunction(graph, config, "functionName");
        for (const fn of fns.targets) {
            appendTo(index.invokeConfigs, fn, config);
            appendTo(index.asyncInvokers, fn, { kind: "event-invoke-config", resource: config });
        }
        if (hasValue(config, "destinationConfig.onFailure")) {
            const split = splitSharedProperty(graph, config, "destinationConfig.onFailure.destination", ["destinationConfig.onSuccess.destination"], false);
            referrer(split.targets, "invoke-config-on-failure", config, split.ambiguous);
        }
    }
    // EventBridge targets: the target may be a function (async) and deadLetterConfig a queue.
    for (const target of graph.ofType(aws.cloudwatch.EventTarget)) {
        for (const fn of resolveFunction(graph, target, "arn").targets) {
            appendTo(index.asyncInvokers, fn, { kind: "eventbridge-target", resource: target });
        }
        if (hasValue(target, "deadLetterConfig")) {
            referrer(graph.resolve(target, "deadLetterConfig.arn", QUEUE_TYPES).targets, "event-target-dead-letter", target);
        }
    }
    // Scheduler: target.arn and target.deadLetterConfig.arn share one property ("target").
    for (const schedule of graph.ofType(aws.scheduler.Schedule)) {
        for (const fn of resolveFunction(graph, schedule, "target.arn").targets) {
            appendTo(index.asyncInvokers, fn, { kind: "scheduler-schedule", resource: schedule });
        }
        if (hasValue(schedule, "target.deadLetterConfig")) {
            const split = splitSharedProperty(graph, schedule, "target.deadLetterConfig.arn", ["target.arn"], true);
            referrer(split.targets, "schedule-dead-letter", schedule, split.ambiguous);
        }
    }
    // SNS subscriptions: lambda endpoints are async invocations; redrivePolicy names a DLQ.
    for (const sub of graph.ofType(aws.sns.TopicSubscription)) {
        const protocol = sub.read("protocol");
        if (!protocol.known || protocol.value === "lambda") {
            for (const fn of resolveFunction(graph, sub, "endpoint").targets) {
                appendTo(index.asyncInvokers, fn, { kind: "sns-subscription", resource: sub });
            }
        }
        const ref = resolveJsonReference(graph, sub, "redrivePolicy", "deadLetterTargetArn", QUEUE_TYPES);
        referrer(ref.targets, "subscription-redrive", sub);
    }
    // S3 bucket notifications to functions.
    for (const notification of graph.ofType(aws.s3.BucketNotification)) {
        const named = graph.resolveEach(notification, "lambdaFunctions", "lambdaFunctionArn", FUNCTION_OR_ALIAS).targets;
        for (const fn of functionsBehind(graph, named).targets) {
            appendTo(index.asyncInvokers, fn, { kind: "s3-notification", resource: notification });
        }
    }
    // Lambda permissions granted to services that invoke asynchronously.
    for (const permission of graph.ofType(aws.lambda.Permission)) {
        const principal = asString(permission.props["principal"]);
        if (principal === undefined || !ASYNC_INVOKE_PRINCIPALS.includes(principal)) {
            continue;
        }
        for (const fn of resolveFunction(graph, permission, "function").targets) {
            appendTo(index.asyncInvokers, fn, { kind: "permission", resource: permission, principal });
        }
    }
    // Event source mappings: function, source, and the on-failure destination.
    for (const esm of graph.ofType(aws.lambda.EventSourceMapping)) {
        const fns = resolveFunction(graph, esm, "functionName");
        index.functionsOfMapping.set(esm, fns);
        for (const fn of fns.targets) {
            appendTo(index.mappingsByFunction, fn, esm);
        }
        const source = classifySource(graph, esm);
        index.sourceOfMapping.set(esm, source);
        for (const r of source.resources) {
            appendTo(index.mappingsBySource, r, esm);
        }
        if (hasValue(esm, "destinationConfig.onFailure")) {
            referrer(graph.resolve(esm, "destinationConfig.onFailure.destinationArn", QUEUE_TYPES).targets, "event-source-mapping-on-failure", esm);
        }
    }
    // EventBridge Pipes reading a stream: the only queues under sourceParameters are its DLQs.
    for (const pipe of graph.ofType(aws.pipes.Pipe)) {
        const paths = ["sourceParameters.kinesisStreamParameters.deadLetterConfig", "sourceParameters.dynamodbStreamParameters.deadLetterConfig"];
        if (paths.some((p) => hasValue(pipe, p))) {
            const queues = graph.resolveByDependencies(pipe, "sourceParameters", QUEUE_TYPES).targets;
            for (const p of paths) {
                addUnique(queues, graph.resolve(pipe, `${p}.arn`, QUEUE_TYPES).targets);
            }
            referrer(queues, "pipe-dead-letter", pipe);
        }
    }
    return index;
}

/** True when the property is set (or unknown, which means set to a computed value). */
function hasValue(r: GraphResource, path: string): boolean {
    const read = r.read(path);
    return !read.known || (read.value !== undefined && read.value !== null);
}

/** A redrive-allow policy that lets some source redrive into the queue (anything but denyAll). */
function allowsRedrive(read: ReturnType<GraphResource["read"]>): boolean {
    if (!read.known) {
        return true;
    }
    const doc = parseJsonValue(read.value);
    if (doc.kind === "absent" || doc.kind === "invalid") {
        return false;
    }
    if (doc.kind === "unknown") {
        return true;
    }
    return !(isRecord(doc.value) && doc.value["redrivePermission"] === "denyAll");
}

const SOURCE_TYPES: ReadonlyArray<[string, EventSourceKind]> = [
    [aws.sqs.Queue, "sqs"],
    [aws.kinesis.Stream, "kinesis"],
    [aws.kinesis.StreamConsumer, "kinesis"],
    [aws.dynamodb.Table, "dynamodb-stream"],
    [aws.msk.Cluster, "msk"],
    [aws.msk.ServerlessCluster, "msk"],
    [aws.mq.Broker, "mq"],
    [aws.docdb.Cluster, "documentdb"],
];
const SOURCE_TYPE_NAMES = SOURCE_TYPES.map(([t]) => t);

/** The kind of an event source from its ARN text (arn:aws:<service>:…). */
export function sourceKindOfArn(arn: string): EventSourceKind {
    switch (parseArn(arn)?.service) {
        case "sqs":
            return "sqs";
        case "kinesis":
            return "kinesis";
        case "dynamodb":
            return "dynamodb-stream";
        case "kafka":
            return "msk";
        case "mq":
            return "mq";
        case "rds":
            return "documentdb";
        default:
            return "unknown";
    }
}

function classifySource(graph: StackGraph, esm: GraphResource): EventSource {
    const resolution = graph.resolve(esm, "eventSourceArn", SOURCE_TYPE_NAMES);
    const resources = resolution.targets;
    const kinds = new Set<EventSourceKind>();
    for (const r of resources) {
        const hit = SOURCE_TYPES.find(([t]) => t === r.type);
        if (hit) {
            kinds.add(hit[1]);
        }
    }
    for (const arn of resolution.external) {
        kinds.add(sourceKindOfArn(arn));
    }
    kinds.delete("unknown");
    if (kinds.size === 1) {
        return { kind: [...kinds][0], resources, resolution };
    }
    // Self-managed Kafka has no eventSourceArn; Kafka-specific config marks MSK/self-managed.
    if (hasValue(esm, "selfManagedEventSource") || hasValue(esm, "selfManagedKafkaEventSourceConfig")) {
        return { kind: "self-managed-kafka", resources, resolution };
    }
    if (hasValue(esm, "amazonManagedKafkaEventSourceConfig")) {
        return { kind: "msk", resources, resolution };
    }
    if (hasValue(esm, "documentDbEventSourceConfig")) {
        return { kind: "documentdb", resources, resolution };
    }
    return { kind: "unknown", resources, resolution };
}

const indexOf = perGraph((graph): MessagingIndex => {
    const index: MessagingIndex = buildIndex(graph);
    return index;
});

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/** The redrive policies of a source queue (inline and `aws.sqs.RedrivePolicy` resources). */
export function redrivesOf(graph: StackGraph, queue: GraphResource): readonly Redrive[] {
    return indexOf(graph).redrivesBySource.get(queue) ?? [];
}

/**
 * `aws.sqs.RedrivePolicy` resources whose source queue cannot be traced at all (queueUrl unknown
 * with no dependency edge). While any exist, "this queue has no redrive policy" is not decidable.
 */
export function unlinkedRedrivePolicies(graph: StackGraph): readonly GraphResource[] {
    return indexOf(graph).unlinkedRedrivePolicies;
}

/** Every resource that names `queue` as a dead-letter / on-failure target, with how. */
export function deadLetterReferrersOf(graph: StackGraph, queue: GraphResource): readonly DeadLetterReferrer[] {
    return indexOf(graph).deadLetterReferrers.get(queue) ?? [];
}

/** True when `queue` is certainly a dead-letter target of something in this stack. */
export function isDeadLetterQueue(graph: StackGraph, queue: GraphResource): boolean {
    return deadLetterReferrersOf(graph, queue).some((r) => !r.ambiguous);
}

/** Every resource that invokes `fn` asynchronously (SNS, S3, EventBridge, Scheduler, event invoke config, permissions). */
export function asyncInvokersOf(graph: StackGraph, fn: GraphResource): readonly AsyncInvoker[] {
    return indexOf(graph).asyncInvokers.get(fn) ?? [];
}

/** The `aws.lambda.FunctionEventInvokeConfig` resources of a function. */
export function eventInvokeConfigsOf(graph: StackGraph, fn: GraphResource): readonly GraphResource[] {
    return indexOf(graph).invokeConfigs.get(fn) ?? [];
}

/** The event source mappings that feed a function. */
export function eventSourceMappingsOfFunction(graph: StackGraph, fn: GraphResource): readonly GraphResource[] {
    return indexOf(graph).mappingsByFunction.get(fn) ?? [];
}

/** The event source mappings that poll a source (queue, stream, table, cluster, broker). */
export function eventSourceMappingsOfSource(graph: StackGraph, source: GraphResource): readonly GraphResource[] {
    return indexOf(graph).mappingsBySource.get(source) ?? [];
}

/** The function(s) an event source mapping invokes (`functionName`, aliases followed). */
export function functionsOfMapping(graph: StackGraph, esm: GraphResource): Resolution {
    return indexOf(graph).functionsOfMapping.get(esm) ?? resolveFunction(graph, esm, "functionName");
}

/** What an event source mapping polls: kind (sqs, kinesis, dynamodb-stream, msk, …) and the linked resources. */
export function eventSourceOf(graph: StackGraph, esm: GraphResource): EventSource {
    return indexOf(graph).sourceOfMapping.get(esm) ?? classifySource(graph, esm);
}

/**
 * Whether a function has somewhere for failed asynchronous events to go: `deadLetterConfig.targetArn`
 * on the function, or `destinationConfig.onFailure.destination` on one of its event invoke configs.
 * Unknown values count as set (a computed ARN is still an ARN).
 */
export function asyncFailureDestinationOf(graph: StackGraph, fn: GraphResource): { via: "dead-letter-config" | "on-failure-destination"; resource: GraphResource } | undefined {
    const dlc = fn.read("deadLetterConfig.targetArn");
    if (!dlc.known || (typeof dlc.value === "string" && dlc.value !== "")) {
        return { via: "dead-letter-config", resource: fn };
    }
    for (const config of eventInvokeConfigsOf(graph, fn)) {
        const dest = config.read("destinationConfig.onFailure.destination");
        if (!dest.known || (typeof dest.value === "string" && dest.value !== "")) {
            return { via: "on-failure-destination", resource: config };
        }
    }
    return undefined;
}
