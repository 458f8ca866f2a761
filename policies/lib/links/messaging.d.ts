import { type GraphResource, type Resolution, type StackGraph } from "../graph";
import { type JsonRead } from "../values";
/** SQS queue resource types. */
export declare const QUEUE_TYPES: readonly string[];
/** Lambda function resource types (aliases are followed to their function). */
export declare const FUNCTION_TYPES: readonly string[];
/** `graph.resolve`, plus literal ARNs/URLs matched to in-stack resources by the name they embed. */
export declare function resolveRef(graph: StackGraph, from: GraphResource, path: string, types: readonly string[]): Resolution;
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
export declare function resolveJsonReference(graph: StackGraph, from: GraphResource, property: string, field: string, types: readonly string[]): JsonReference;
/** Resolves a plain (possibly nested) reference property with `graph.resolve`, then follows Lambda aliases to their function. */
export declare function resolveFunction(graph: StackGraph, from: GraphResource, path: string): Resolution;
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
    maxReceiveCount: {
        known: true;
        value: number | undefined;
    } | {
        known: false;
    };
}
/** Every way a queue can be used as a dead-letter (or on-failure) target. */
export type DeadLetterReferrerKind = "queue-redrive" | "redrive-policy" | "redrive-allow-policy" | "lambda-dead-letter" | "invoke-config-on-failure" | "event-target-dead-letter" | "schedule-dead-letter" | "subscription-redrive" | "event-source-mapping-on-failure" | "pipe-dead-letter";
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
export type AsyncInvokerKind = "sns-subscription" | "s3-notification" | "eventbridge-target" | "scheduler-schedule" | "event-invoke-config" | "permission";
export interface AsyncInvoker {
    kind: AsyncInvokerKind;
    /** The resource that makes the invocation asynchronous (subscription, notification, target…). */
    resource: GraphResource;
    /** For `permission`: the service principal granted invoke (e.g. "sns.amazonaws.com"). */
    principal?: string;
}
/** Service principals whose Lambda invocations are asynchronous (Lambda "async invocation" docs). */
export declare const ASYNC_INVOKE_PRINCIPALS: readonly string[];
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
export declare function isStreamOrKafka(kind: EventSourceKind): boolean;
/** Resolves `field` of every element of the array property `arrayPath` (e.g. lambdaFunctions[].lambdaFunctionArn). */
export declare function resolveEach(graph: StackGraph, from: GraphResource, arrayPath: string, field: string, types: readonly string[]): Resolution;
/** The kind of an event source from its ARN text (arn:aws:<service>:…). */
export declare function sourceKindOfArn(arn: string): EventSourceKind;
/** The redrive policies of a source queue (inline and `aws.sqs.RedrivePolicy` resources). */
export declare function redrivesOf(graph: StackGraph, queue: GraphResource): readonly Redrive[];
/**
 * `aws.sqs.RedrivePolicy` resources whose source queue cannot be traced at all (queueUrl unknown
 * with no dependency edge). While any exist, "this queue has no redrive policy" is not decidable.
 */
export declare function unlinkedRedrivePolicies(graph: StackGraph): readonly GraphResource[];
/** Every resource that names `queue` as a dead-letter / on-failure target, with how. */
export declare function deadLetterReferrersOf(graph: StackGraph, queue: GraphResource): readonly DeadLetterReferrer[];
/** True when `queue` is certainly a dead-letter target of something in this stack. */
export declare function isDeadLetterQueue(graph: StackGraph, queue: GraphResource): boolean;
/** Every resource that invokes `fn` asynchronously (SNS, S3, EventBridge, Scheduler, event invoke config, permissions). */
export declare function asyncInvokersOf(graph: StackGraph, fn: GraphResource): readonly AsyncInvoker[];
/** The `aws.lambda.FunctionEventInvokeConfig` resources of a function. */
export declare function eventInvokeConfigsOf(graph: StackGraph, fn: GraphResource): readonly GraphResource[];
/** The event source mappings that feed a function. */
export declare function eventSourceMappingsOfFunction(graph: StackGraph, fn: GraphResource): readonly GraphResource[];
/** The event source mappings that poll a source (queue, stream, table, cluster, broker). */
export declare function eventSourceMappingsOfSource(graph: StackGraph, source: GraphResource): readonly GraphResource[];
/** The function(s) an event source mapping invokes (`functionName`, aliases followed). */
export declare function functionsOfMapping(graph: StackGraph, esm: GraphResource): Resolution;
/** What an event source mapping polls: kind (sqs, kinesis, dynamodb-stream, msk, …) and the linked resources. */
export declare function eventSourceOf(graph: StackGraph, esm: GraphResource): EventSource;
/**
 * Whether a function has somewhere for failed asynchronous events to go: `deadLetterConfig.targetArn`
 * on the function, or `destinationConfig.onFailure.destination` on one of its event invoke configs.
 * Unknown values count as set (a computed ARN is still an ARN).
 */
export declare function asyncFailureDestinationOf(graph: StackGraph, fn: GraphResource): {
    via: "dead-letter-config" | "on-failure-destination";
    resource: GraphResource;
} | undefined;
