"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ASYNC_INVOKE_PRINCIPALS = exports.FUNCTION_TYPES = exports.QUEUE_TYPES = void 0;
exports.resolveRef = resolveRef;
exports.resolveJsonReference = resolveJsonReference;
exports.resolveFunction = resolveFunction;
exports.isStreamOrKafka = isStreamOrKafka;
exports.resolveEach = resolveEach;
exports.sourceKindOfArn = sourceKindOfArn;
exports.redrivesOf = redrivesOf;
exports.unlinkedRedrivePolicies = unlinkedRedrivePolicies;
exports.deadLetterReferrersOf = deadLetterReferrersOf;
exports.isDeadLetterQueue = isDeadLetterQueue;
exports.asyncInvokersOf = asyncInvokersOf;
exports.eventInvokeConfigsOf = eventInvokeConfigsOf;
exports.eventSourceMappingsOfFunction = eventSourceMappingsOfFunction;
exports.eventSourceMappingsOfSource = eventSourceMappingsOfSource;
exports.functionsOfMapping = functionsOfMapping;
exports.eventSourceOf = eventSourceOf;
exports.asyncFailureDestinationOf = asyncFailureDestinationOf;
// Who sends what to whom: queues and their dead-letter queues, event source mappings and the
// queues/streams/functions they join, and the services that invoke a Lambda function
// asynchronously. Resolved through the graph, so the links hold in the first preview of a new
// stack, where every ARN, URL and generated name is unknown.
//
// Everything is indexed once per graph (WeakMap cache) so that rules stay linear in resources.
// Exported names are stable: other pillars (retries, bulkheads, idempotency, timeouts) import them.
const aws_types_1 = require("../aws-types");
const values_1 = require("../values");
/** SQS queue resource types. */
exports.QUEUE_TYPES = [aws_types_1.aws.sqs.Queue];
/** Lambda function resource types (aliases are followed to their function). */
exports.FUNCTION_TYPES = [aws_types_1.aws.lambda.Function];
const FUNCTION_OR_ALIAS = [aws_types_1.aws.lambda.Function, aws_types_1.aws.lambda.Alias];
// ---------------------------------------------------------------------------------------------
// Generic reference resolution
// ---------------------------------------------------------------------------------------------
function emptyResolution() {
    return { targets: [], external: [], opaque: [], unresolved: false, absent: false };
}
function addUnique(list, items) {
    for (const i of items) {
        if (!list.includes(i)) {
            list.push(i);
        }
    }
}
/**
 * The resource a literal ARN or queue URL names by its NAME part, for resources whose ARN is not
 * in their own props (a new resource in preview; a literal written in the program):
 * arn:aws:sqs:<region>:<account>:NAME, https://sqs.<region>.amazonaws.com/<account>/NAME,
 * arn:aws:lambda:<region>:<account>:function:NAME[:qualifier], arn:aws:kinesis:…:stream/NAME.
 */
function byNameInArn(graph, value, types) {
    let type;
    let name;
    const arn = value.split(":");
    if (arn[0] === "arn" && arn.length >= 6) {
        const service = arn[2];
        if (service === "sqs") {
            [type, name] = [aws_types_1.aws.sqs.Queue, arn[5]];
        }
        else if (service === "lambda" && arn[5] === "function") {
            [type, name] = [aws_types_1.aws.lambda.Function, arn[6]];
        }
        else if (service === "kinesis" && arn[5].startsWith("stream/")) {
            [type, name] = [aws_types_1.aws.kinesis.Stream, arn[5].slice("stream/".length)];
        }
    }
    else if (/^https:\/\/sqs\.[^/]+\/[^/]+\/[^/]+$/.test(value)) {
        [type, name] = [aws_types_1.aws.sqs.Queue, value.split("/").pop()];
    }
    if (type === undefined || name === undefined || name === "" || !types.includes(type)) {
        return [];
    }
    return graph.findByValue(name, [type]).filter((r) => (0, values_1.asString)(r.props["name"]) === name);
}
/** `graph.resolve`, plus literal ARNs/URLs matched to in-stack resources by the name they embed. */
function resolveRef(graph, from, path, types) {
    const res = graph.resolve(from, path, types);
    if (res.external.length === 0) {
        return res;
    }
    const targets = [...res.targets];
    const external = [];
    for (const value of res.external) {
        const hits = byNameInArn(graph, value, types);
        if (hits.length > 0) {
            addUnique(targets, hits);
        }
        else {
            external.push(value);
        }
    }
    return { ...res, targets, external };
}
/** Resources of `types` that a property of `from` was computed from (itself or inside components). */
function fromDependencies(graph, from, property, types) {
    const result = emptyResolution();
    let explained = false;
    for (const d of from.propertyDependencies[property] ?? []) {
        if (types.includes(d.type)) {
            addUnique(result.targets, [d]);
            explained = true;
            continue;
        }
        const inside = graph.descendants(d, types);
        if (inside.length > 0) {
            addUnique(result.targets, inside);
            explained = true;
        }
        else if (d.children.length === 0 && !d.type.startsWith("aws:") && !d.type.startsWith("pulumi:")) {
            addUnique(result.opaque, [d]);
            explained = true;
        }
    }
    result.unresolved = !explained;
    return result;
}
/**
 * Resolves `field` of the JSON document held in string property `property` (e.g. redrivePolicy →
 * deadLetterTargetArn) to resources of `types`: by value when it is known, otherwise through the
 * property's propertyDependencies (a wholly unknown document, or one that embeds an unknown ARN).
 */
function resolveJsonReference(graph, from, property, field, types) {
    const read = from.read(property);
    const document = read.known ? (0, values_1.parseJsonValue)(read.value) : { kind: "unknown" };
    if (document.kind === "absent" || document.kind === "invalid") {
        return { ...emptyResolution(), absent: document.kind === "absent", document };
    }
    if (document.kind === "ok") {
        const value = (0, values_1.isRecord)(document.value) ? document.value[field] : undefined;
        const known = (0, values_1.asString)(value);
        if (known !== undefined && known !== "" && !containsSentinelText(known)) {
            const direct = graph.findByValue(known, types);
            const hits = direct.length > 0 ? direct : byNameInArn(graph, known, types);
            return { ...emptyResolution(), targets: hits, external: hits.length === 0 ? [known] : [], document };
        }
        if (!(0, values_1.isUnknown)(value) && (known === undefined || known === "")) {
            return { ...emptyResolution(), absent: true, document };
        }
    }
    return { ...fromDependencies(graph, from, property, types), document };
}
/** An interpolated string that embeds an unknown value carries the sentinel text. */
function containsSentinelText(s) {
    return s.includes(values_1.UNKNOWN_STRING);
}
/** Resolves a plain (possibly nested) reference property with `graph.resolve`, then follows Lambda aliases to their function. */
function resolveFunction(graph, from, path) {
    const res = resolveRef(graph, from, path, FUNCTION_OR_ALIAS);
    const targets = [];
    for (const t of res.targets) {
        if (t.type === aws_types_1.aws.lambda.Alias) {
            const inner = resolveRef(graph, t, "functionName", exports.FUNCTION_TYPES);
            addUnique(targets, inner.targets);
        }
        else {
            addUnique(targets, [t]);
        }
    }
    return { ...res, targets };
}
/** Service principals whose Lambda invocations are asynchronous (Lambda "async invocation" docs). */
exports.ASYNC_INVOKE_PRINCIPALS = [
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
/** True for sources whose records Lambda reads in order from shards/partitions (on-failure destinations apply). */
function isStreamOrKafka(kind) {
    return kind === "kinesis" || kind === "dynamodb-stream" || kind === "msk" || kind === "self-managed-kafka" || kind === "documentdb";
}
const indexes = new WeakMap();
function push(map, key, value) {
    let list = map.get(key);
    if (!list) {
        list = [];
        map.set(key, list);
    }
    list.push(value);
}
function maxReceiveCountOf(document) {
    if (document.kind === "unknown") {
        return { known: false };
    }
    if (document.kind !== "ok" || !(0, values_1.isRecord)(document.value)) {
        return { known: true, value: undefined };
    }
    const raw = document.value["maxReceiveCount"];
    if ((0, values_1.isUnknown)(raw)) {
        return { known: false };
    }
    const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
    return { known: true, value: Number.isFinite(n) ? n : undefined };
}
/**
 * Splits the queues found under one top-level property whose value holds several references
 * (Scheduler `target`, FunctionEventInvokeConfig `destinationConfig`): the DLQ reference at
 * `dlqPath`, minus queues the sibling paths are known to name. When a sibling is unknown too, the
 * graph only says "these resources fed the property": the split is ambiguous unless the types
 * settle it. `dlqIsQueue` says the DLQ reference can only be a queue (Scheduler), so any non-queue
 * dependency must be the sibling.
 */
function splitSharedProperty(graph, from, dlqPath, siblingPaths, dlqIsQueue) {
    const dlq = resolveRef(graph, from, dlqPath, exports.QUEUE_TYPES);
    if ((0, values_1.readPath)(from.props, dlqPath).known) {
        return { targets: dlq.targets, ambiguous: false };
    }
    let candidates = dlq.targets;
    let ambiguous = false;
    for (const sibling of siblingPaths) {
        const read = (0, values_1.readPath)(from.props, sibling);
        if (read.known) {
            if (read.value !== undefined && read.value !== null) {
                const named = resolveRef(graph, from, sibling, exports.QUEUE_TYPES).targets;
                candidates = candidates.filter((c) => !named.includes(c));
            }
            continue;
        }
        const top = sibling.split(".")[0];
        const others = (from.propertyDependencies[top] ?? []).filter((d) => !exports.QUEUE_TYPES.includes(d.type) && d.type !== aws_types_1.aws.iam.Role);
        if (dlqIsQueue) {
            // One queue and nothing else: the same queue is both. A non-queue is the sibling.
            ambiguous ||= others.length === 0 && candidates.length > 1;
        }
        else {
            // The DLQ may itself be a topic/function/bus: any second candidate leaves it open.
            ambiguous ||= candidates.length > 0 && (others.length > 0 || candidates.length > 1);
        }
    }
    return { targets: candidates, ambiguous };
}
function buildIndex(graph) {
    const index = {
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
    const referrer = (queues, kind, resource, ambiguous = false) => {
        for (const q of queues) {
            push(index.deadLetterReferrers, q, { kind, resource, ambiguous });
        }
    };
    // Inline redrive (and redrive-allow) policies on queues.
    for (const queue of graph.ofType(aws_types_1.aws.sqs.Queue)) {
        const ref = resolveJsonReference(graph, queue, "redrivePolicy", "deadLetterTargetArn", exports.QUEUE_TYPES);
        if (ref.document.kind !== "absent") {
            const redrive = {
                queue,
                declaredBy: queue,
                source: "inline",
                document: ref.document,
                deadLetter: ref,
                maxReceiveCount: maxReceiveCountOf(ref.document),
            };
            push(index.redrivesBySource, queue, redrive);
            referrer(ref.targets.filter((t) => t !== queue), "queue-redrive", queue);
        }
        if (allowsRedrive(queue.read("redriveAllowPolicy"))) {
            referrer([queue], "redrive-allow-policy", queue);
        }
    }
    // aws.sqs.RedrivePolicy: queueUrl is the source, redrivePolicy names the DLQ.
    for (const policy of graph.ofType(aws_types_1.aws.sqs.RedrivePolicy)) {
        const sources = resolveRef(graph, policy, "queueUrl", exports.QUEUE_TYPES);
        const ref = resolveJsonReference(graph, policy, "redrivePolicy", "deadLetterTargetArn", exports.QUEUE_TYPES);
        if (sources.targets.length === 0 && (sources.unresolved || sources.opaque.length > 0)) {
            index.unlinkedRedrivePolicies.push(policy);
        }
        for (const queue of sources.targets) {
            push(index.redrivesBySource, queue, {
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
    for (const policy of graph.ofType(aws_types_1.aws.sqs.RedriveAllowPolicy)) {
        if (allowsRedrive(policy.read("redriveAllowPolicy"))) {
            referrer(resolveRef(graph, policy, "queueUrl", exports.QUEUE_TYPES).targets, "redrive-allow-policy", policy);
        }
    }
    // Lambda: deadLetterConfig.targetArn (an SQS queue or SNS topic).
    for (const fn of graph.ofType(aws_types_1.aws.lambda.Function)) {
        if (!hasValue(fn, "deadLetterConfig")) {
            continue;
        }
        referrer(resolveRef(graph, fn, "deadLetterConfig.targetArn", exports.QUEUE_TYPES).targets, "lambda-dead-letter", fn);
    }
    // FunctionEventInvokeConfig: the function is invoked asynchronously; onFailure may be a queue.
    for (const config of graph.ofType(aws_types_1.aws.lambda.FunctionEventInvokeConfig)) {
        const fns = resolveFunction(graph, config, "functionName");
        for (const fn of fns.targets) {
            push(index.invokeConfigs, fn, config);
            push(index.asyncInvokers, fn, { kind: "event-invoke-config", resource: config });
        }
        if (hasValue(config, "destinationConfig.onFailure")) {
            const split = splitSharedProperty(graph, config, "destinationConfig.onFailure.destination", ["destinationConfig.onSuccess.destination"], false);
            referrer(split.targets, "invoke-config-on-failure", config, split.ambiguous);
        }
    }
    // EventBridge targets: the target may be a function (async) and deadLetterConfig a queue.
    for (const target of graph.ofType(aws_types_1.aws.cloudwatch.EventTarget)) {
        for (const fn of resolveFunction(graph, target, "arn").targets) {
            push(index.asyncInvokers, fn, { kind: "eventbridge-target", resource: target });
        }
        if (hasValue(target, "deadLetterConfig")) {
            referrer(resolveRef(graph, target, "deadLetterConfig.arn", exports.QUEUE_TYPES).targets, "event-target-dead-letter", target);
        }
    }
    // Scheduler: target.arn and target.deadLetterConfig.arn share one property ("target").
    for (const schedule of graph.ofType(aws_types_1.aws.scheduler.Schedule)) {
        for (const fn of resolveFunction(graph, schedule, "target.arn").targets) {
            push(index.asyncInvokers, fn, { kind: "scheduler-schedule", resource: schedule });
        }
        if (hasValue(schedule, "target.deadLetterConfig")) {
            const split = splitSharedProperty(graph, schedule, "target.deadLetterConfig.arn", ["target.arn"], true);
            referrer(split.targets, "schedule-dead-letter", schedule, split.ambiguous);
        }
    }
    // SNS subscriptions: lambda endpoints are async invocations; redrivePolicy names a DLQ.
    for (const sub of graph.ofType(aws_types_1.aws.sns.TopicSubscription)) {
        const protocol = sub.read("protocol");
        if (!protocol.known || protocol.value === "lambda") {
            for (const fn of resolveFunction(graph, sub, "endpoint").targets) {
                push(index.asyncInvokers, fn, { kind: "sns-subscription", resource: sub });
            }
        }
        const ref = resolveJsonReference(graph, sub, "redrivePolicy", "deadLetterTargetArn", exports.QUEUE_TYPES);
        referrer(ref.targets, "subscription-redrive", sub);
    }
    // S3 bucket notifications to functions.
    for (const notification of graph.ofType(aws_types_1.aws.s3.BucketNotification)) {
        for (const fn of resolveEach(graph, notification, "lambdaFunctions", "lambdaFunctionArn", FUNCTION_OR_ALIAS).targets) {
            for (const f of fn.type === aws_types_1.aws.lambda.Alias ? resolveRef(graph, fn, "functionName", exports.FUNCTION_TYPES).targets : [fn]) {
                push(index.asyncInvokers, f, { kind: "s3-notification", resource: notification });
            }
        }
    }
    // Lambda permissions granted to services that invoke asynchronously.
    for (const permission of graph.ofType(aws_types_1.aws.lambda.Permission)) {
        const principal = (0, values_1.asString)(permission.props["principal"]);
        if (principal === undefined || !exports.ASYNC_INVOKE_PRINCIPALS.includes(principal)) {
            continue;
        }
        for (const fn of resolveFunction(graph, permission, "function").targets) {
            push(index.asyncInvokers, fn, { kind: "permission", resource: permission, principal });
        }
    }
    // Event source mappings: function, source, and the on-failure destination.
    for (const esm of graph.ofType(aws_types_1.aws.lambda.EventSourceMapping)) {
        const fns = resolveFunction(graph, esm, "functionName");
        index.functionsOfMapping.set(esm, fns);
        for (const fn of fns.targets) {
            push(index.mappingsByFunction, fn, esm);
        }
        const source = classifySource(graph, esm);
        index.sourceOfMapping.set(esm, source);
        for (const r of source.resources) {
            push(index.mappingsBySource, r, esm);
        }
        if (hasValue(esm, "destinationConfig.onFailure")) {
            referrer(resolveRef(graph, esm, "destinationConfig.onFailure.destinationArn", exports.QUEUE_TYPES).targets, "event-source-mapping-on-failure", esm);
        }
    }
    // EventBridge Pipes reading a stream: the only queues under sourceParameters are its DLQs.
    for (const pipe of graph.ofType(aws_types_1.aws.pipes.Pipe)) {
        const paths = ["sourceParameters.kinesisStreamParameters.deadLetterConfig", "sourceParameters.dynamodbStreamParameters.deadLetterConfig"];
        if (paths.some((p) => hasValue(pipe, p))) {
            const queues = fromDependencies(graph, pipe, "sourceParameters", exports.QUEUE_TYPES).targets;
            for (const p of paths) {
                addUnique(queues, resolveRef(graph, pipe, `${p}.arn`, exports.QUEUE_TYPES).targets);
            }
            referrer(queues, "pipe-dead-letter", pipe);
        }
    }
    return index;
}
/** True when the property is set (or unknown, which means set to a computed value). */
function hasValue(r, path) {
    const read = r.read(path);
    return !read.known || (read.value !== undefined && read.value !== null);
}
/** A redrive-allow policy that lets some source redrive into the queue (anything but denyAll). */
function allowsRedrive(read) {
    if (!read.known) {
        return true;
    }
    const doc = (0, values_1.parseJsonValue)(read.value);
    if (doc.kind === "absent" || doc.kind === "invalid") {
        return false;
    }
    if (doc.kind === "unknown") {
        return true;
    }
    return !((0, values_1.isRecord)(doc.value) && doc.value["redrivePermission"] === "denyAll");
}
/** Resolves `field` of every element of the array property `arrayPath` (e.g. lambdaFunctions[].lambdaFunctionArn). */
function resolveEach(graph, from, arrayPath, field, types) {
    const read = from.read(arrayPath);
    const result = emptyResolution();
    if (!read.known) {
        return fromDependencies(graph, from, arrayPath.split(".")[0], types);
    }
    if (!Array.isArray(read.value) || read.value.length === 0) {
        result.absent = true;
        return result;
    }
    for (let i = 0; i < read.value.length; i++) {
        const one = resolveRef(graph, from, `${arrayPath}.${i}.${field}`, types);
        addUnique(result.targets, one.targets);
        addUnique(result.external, one.external);
        addUnique(result.opaque, one.opaque);
        result.unresolved ||= one.unresolved;
    }
    return result;
}
const SOURCE_TYPES = [
    [aws_types_1.aws.sqs.Queue, "sqs"],
    [aws_types_1.aws.kinesis.Stream, "kinesis"],
    [aws_types_1.aws.kinesis.StreamConsumer, "kinesis"],
    [aws_types_1.aws.dynamodb.Table, "dynamodb-stream"],
    [aws_types_1.aws.msk.Cluster, "msk"],
    [aws_types_1.aws.msk.ServerlessCluster, "msk"],
    [aws_types_1.aws.mq.Broker, "mq"],
    [aws_types_1.aws.docdb.Cluster, "documentdb"],
];
const SOURCE_TYPE_NAMES = SOURCE_TYPES.map(([t]) => t);
/** The kind of an event source from its ARN text (arn:aws:<service>:…). */
function sourceKindOfArn(arn) {
    const service = arn.split(":")[2] ?? "";
    switch (service) {
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
function classifySource(graph, esm) {
    const resolution = resolveRef(graph, esm, "eventSourceArn", SOURCE_TYPE_NAMES);
    const resources = resolution.targets;
    const kinds = new Set();
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
function indexOf(graph) {
    let index = indexes.get(graph);
    if (!index) {
        index = buildIndex(graph);
        indexes.set(graph, index);
    }
    return index;
}
// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------
/** The redrive policies of a source queue (inline and `aws.sqs.RedrivePolicy` resources). */
function redrivesOf(graph, queue) {
    return indexOf(graph).redrivesBySource.get(queue) ?? [];
}
/**
 * `aws.sqs.RedrivePolicy` resources whose source queue cannot be traced at all (queueUrl unknown
 * with no dependency edge). While any exist, "this queue has no redrive policy" is not decidable.
 */
function unlinkedRedrivePolicies(graph) {
    return indexOf(graph).unlinkedRedrivePolicies;
}
/** Every resource that names `queue` as a dead-letter / on-failure target, with how. */
function deadLetterReferrersOf(graph, queue) {
    return indexOf(graph).deadLetterReferrers.get(queue) ?? [];
}
/** True when `queue` is certainly a dead-letter target of something in this stack. */
function isDeadLetterQueue(graph, queue) {
    return deadLetterReferrersOf(graph, queue).some((r) => !r.ambiguous);
}
/** Every resource that invokes `fn` asynchronously (SNS, S3, EventBridge, Scheduler, event invoke config, permissions). */
function asyncInvokersOf(graph, fn) {
    return indexOf(graph).asyncInvokers.get(fn) ?? [];
}
/** The `aws.lambda.FunctionEventInvokeConfig` resources of a function. */
function eventInvokeConfigsOf(graph, fn) {
    return indexOf(graph).invokeConfigs.get(fn) ?? [];
}
/** The event source mappings that feed a function. */
function eventSourceMappingsOfFunction(graph, fn) {
    return indexOf(graph).mappingsByFunction.get(fn) ?? [];
}
/** The event source mappings that poll a source (queue, stream, table, cluster, broker). */
function eventSourceMappingsOfSource(graph, source) {
    return indexOf(graph).mappingsBySource.get(source) ?? [];
}
/** The function(s) an event source mapping invokes (`functionName`, aliases followed). */
function functionsOfMapping(graph, esm) {
    return indexOf(graph).functionsOfMapping.get(esm) ?? resolveFunction(graph, esm, "functionName");
}
/** What an event source mapping polls: kind (sqs, kinesis, dynamodb-stream, msk, …) and the linked resources. */
function eventSourceOf(graph, esm) {
    return indexOf(graph).sourceOfMapping.get(esm) ?? classifySource(graph, esm);
}
/**
 * Whether a function has somewhere for failed asynchronous events to go: `deadLetterConfig.targetArn`
 * on the function, or `destinationConfig.onFailure.destination` on one of its event invoke configs.
 * Unknown values count as set (a computed ARN is still an ARN).
 */
function asyncFailureDestinationOf(graph, fn) {
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
//# sourceMappingURL=messaging.js.map