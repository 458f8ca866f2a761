import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { defineAlarmedComponent } from "../alarms/routing";
import { type CommonArgs, commonArgsShape } from "../lib/common";
import { defaultLogRetention, logRetentionSchema } from "../lib/logs";
import { whenValid } from "../lib/validation";
import { createQueueWorkerAlarms } from "./queueAlarms";
import { createWorkQueues } from "./queues";
import { createEventSource, createWorkerFunction, createWorkerRole } from "./workerFunction";

export { deadLetterQueueName } from "./queues";

export interface QueueWorkerArgs extends CommonArgs {
    /** The function's code, e.g. `new pulumi.asset.FileArchive("./worker")`. */
    code: pulumi.asset.Archive;
    /** Handler, e.g. `index.handler`. It must return `{ batchItemFailures: [{ itemIdentifier }] }` for failed messages. */
    handler: string;
    /** Lambda runtime, e.g. `nodejs20.x` (`aws.lambda.Runtime`). */
    runtime: aws.lambda.Runtime | `${aws.lambda.Runtime}`;
    /** Function timeout in seconds (1–900, default 30). The queue's visibility timeout is derived from it. */
    timeoutSeconds?: number;
    /** Function memory in MB (128–10240, default 256). */
    memorySizeMb?: number;
    /** Environment variables of the function. */
    environment?: Record<string, pulumi.Input<string>>;
    /**
     * Concurrent executions reserved for (and capping) the function: a bulkhead (default 10).
     * Must be > 0 (0 disables the function) and ≥ `maximumConcurrency`. Reservations come out of the
     * account's pool, which must keep 10 unreserved.
     */
    reservedConcurrency?: number;
    /** Most concurrent invocations the queue may drive (2–1000, default = reservedConcurrency). */
    maximumConcurrency?: number;
    /** Messages per batch (1–10000; FIFO 1–10; default 10). More than 10 needs a batching window. */
    batchSize?: number;
    /** Seconds to gather a batch (0–300, default 0). */
    maximumBatchingWindowSeconds?: number;
    /**
     * Queue visibility timeout. Default: derived as 6 × timeoutSeconds + maximumBatchingWindowSeconds
     * (AWS guidance); when set, it must be at least that.
     */
    visibilityTimeoutSeconds?: number;
    /** Queue retention in seconds (60 s – 14 days, default 345600 = 4 days); must be shorter than the DLQ's. */
    messageRetentionSeconds?: number;
    /** DLQ retention in seconds (default 1209600 = 14 days, the SQS maximum); must exceed the queue's. */
    deadLetterRetentionSeconds?: number;
    /** Receives before a message moves to the DLQ (5–10, default 5: fewer DLQs messages because of throttling). */
    maxReceiveCount?: number;
    /** FIFO queue and DLQ, with content-based deduplication (default false). */
    fifo?: boolean;
    /** Function log retention in days (default 90 in production, 7 in development). */
    logRetentionInDays?: number;
    /** Managed policies the function needs for its own work (the role has only queue, logs and X-Ray access). */
    additionalPolicyArns?: pulumi.Input<string>[];
    /** When the queue and function alarms fire. */
    alarmThresholds?: {
        /** Seconds the oldest message may wait before the alarm fires (default 600). */
        oldestMessageAgeSeconds?: number;
        /** Function errors per 5 minutes before the alarm fires (default 0: any error). */
        errorsPer5Minutes?: number;
    };
}

const MAX_VISIBILITY_SECONDS = 43_200;
const FOURTEEN_DAYS = 1_209_600;

const schema = z
    .strictObject({
        ...commonArgsShape,
        code: z.custom<pulumi.asset.Archive>((v) => pulumi.asset.Archive.isInstance(v), "must be a pulumi.asset.Archive, e.g. new pulumi.asset.FileArchive(\"./worker\")"),
        handler: z.string().min(1, "must name the handler, e.g. index.handler"),
        runtime: z.string().regex(/^(nodejs|python|java|dotnet|ruby|provided)[a-z0-9.]*$/, "must be a Lambda runtime such as nodejs20.x or python3.12"),
        timeoutSeconds: z.number().int().min(1, "must be 1–900 seconds").max(900, "must be 1–900 seconds").default(30),
        memorySizeMb: z.number().int().min(128, "must be 128–10240 MB").max(10240, "must be 128–10240 MB").default(256),
        environment: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, "must be a valid environment variable name"), z.unknown()).optional(),
        reservedConcurrency: z.number().int().min(1, "must be > 0 (0 disables the function); pass e.g. 10").default(10),
        maximumConcurrency: z.number().int().min(2, "must be 2–1000 (an SQS event source limit)").max(1000, "must be 2–1000").optional(),
        batchSize: z.number().int().min(1).max(10000, "must be 1–10000").default(10),
        maximumBatchingWindowSeconds: z.number().int().min(0).max(300, "must be 0–300 seconds").default(0),
        visibilityTimeoutSeconds: z.number().int().min(0).max(MAX_VISIBILITY_SECONDS, "must be at most 43200 seconds (12 h)").optional(),
        messageRetentionSeconds: z.number().int().min(60, "must be 60 s to 14 days").max(FOURTEEN_DAYS, "must be 60 s to 14 days").default(345_600),
        deadLetterRetentionSeconds: z.number().int().min(60).max(FOURTEEN_DAYS, "must be at most 14 days (1209600 s)").default(FOURTEEN_DAYS),
        maxReceiveCount: z.number().int().min(5, "must be 5–10 (AWS: at least 5 so throttled messages do not reach the DLQ)").max(10, "must be 5–10").default(5),
        fifo: z.boolean().default(false),
        logRetentionInDays: logRetentionSchema.optional(),
        additionalPolicyArns: z.array(z.unknown()).optional(),
        alarmThresholds: z
            .strictObject({ oldestMessageAgeSeconds: z.number().int().positive().default(600), errorsPer5Minutes: z.number().min(0).default(0) })
            .default({ oldestMessageAgeSeconds: 600, errorsPer5Minutes: 0 }),
    })
    .superRefine((args, ctx) => {
        const maximumConcurrency = args.maximumConcurrency ?? Math.max(2, args.reservedConcurrency);
        if (maximumConcurrency > args.reservedConcurrency && args.reservedConcurrency > 0) {
            ctx.addIssue({
                code: "custom",
                path: args.maximumConcurrency === undefined ? ["reservedConcurrency"] : ["maximumConcurrency"],
                message: `maximumConcurrency (${maximumConcurrency}) exceeds reservedConcurrency (${args.reservedConcurrency}), so the queue would drive throttled invocations; lower maximumConcurrency or raise reservedConcurrency`,
            });
        }
    }, whenValid("reservedConcurrency", "maximumConcurrency"))
    .superRefine((args, ctx) => {
        const needed = requiredVisibility(args.timeoutSeconds, args.maximumBatchingWindowSeconds);
        if (args.visibilityTimeoutSeconds !== undefined && args.visibilityTimeoutSeconds < needed) {
            ctx.addIssue({
                code: "custom",
                path: ["visibilityTimeoutSeconds"],
                message: `must be at least 6 × timeoutSeconds + maximumBatchingWindowSeconds = ${needed}s, or messages are redelivered while still being processed; raise it or omit it to derive it`,
            });
        }
        if (needed > MAX_VISIBILITY_SECONDS) {
            ctx.addIssue({ code: "custom", path: ["timeoutSeconds"], message: `6 × timeoutSeconds + maximumBatchingWindowSeconds = ${needed}s exceeds the 43200 s SQS visibility limit; lower timeoutSeconds` });
        }
    }, whenValid("timeoutSeconds", "maximumBatchingWindowSeconds", "visibilityTimeoutSeconds"))
    .superRefine((args, ctx) => {
        if (args.deadLetterRetentionSeconds <= args.messageRetentionSeconds) {
            ctx.addIssue({
                code: "custom",
                path: ["messageRetentionSeconds"],
                message: `must be shorter than deadLetterRetentionSeconds (${args.deadLetterRetentionSeconds}s), or messages expire before reaching the DLQ; lower it (default 4 days)`,
            });
        }
    }, whenValid("deadLetterRetentionSeconds", "messageRetentionSeconds"))
    .superRefine((args, ctx) => {
        if (args.fifo && args.batchSize > 10) ctx.addIssue({ code: "custom", path: ["batchSize"], message: "must be at most 10 for FIFO queues" });
        if (!args.fifo && args.batchSize > 10 && args.maximumBatchingWindowSeconds < 1) {
            ctx.addIssue({ code: "custom", path: ["maximumBatchingWindowSeconds"], message: `must be at least 1 when batchSize (${args.batchSize}) is above 10` });
        }
    }, whenValid("fifo", "batchSize", "maximumBatchingWindowSeconds"));

/** The type token, args schema and prologue (lib/component.ts). */
export const QUEUE_WORKER = defineAlarmedComponent("faultguard:aws:QueueWorker", schema);

/** AWS guidance: visibility ≥ 6 × function timeout, plus the batching window. */
export function requiredVisibility(timeoutSeconds: number, batchingWindowSeconds: number): number {
    return 6 * timeoutSeconds + batchingWindowSeconds;
}

/**
 * An SQS queue, its dead-letter queue (both SSE) and a Lambda consumer, with the invariants that
 * keep them from losing or duplicating work: the visibility timeout **derived** as 6 × function
 * timeout + batching window (or validated if you set it), DLQ retention (14 days) longer than the
 * queue's (4 days), `maxReceiveCount` 5, a redrive-allow policy so only this queue feeds the DLQ,
 * `ReportBatchItemFailures`, `scalingConfig.maximumConcurrency` ≤ reserved concurrency (> 0, a
 * bulkhead), an explicit function timeout, X-Ray Active, JSON logs to a log group with retention, a
 * role that may only consume its own queue, write its own logs and send traces; alarms on DLQ depth
 * > 0, age of the oldest message, function errors and throttles.
 *
 * @example
 * const worker = new QueueWorker("jobs", {
 *     alarms,
 *     code: new pulumi.asset.FileArchive("./worker"),
 *     handler: "index.handler", // returns { batchItemFailures: [{ itemIdentifier }] }
 *     runtime: "nodejs20.x",
 *     timeoutSeconds: 60,
 * });
 * // worker.queueUrl, worker.queueArn, worker.deadLetterQueue, worker.function
 */
export class QueueWorker extends pulumi.ComponentResource {
    readonly queue: aws.sqs.Queue;
    readonly deadLetterQueue: aws.sqs.Queue;
    readonly function: aws.lambda.Function;
    readonly eventSourceMapping: aws.lambda.EventSourceMapping;
    readonly role: aws.iam.Role;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly alarms: aws.cloudwatch.MetricAlarm[];
    readonly queueUrl: pulumi.Output<string>;
    readonly queueArn: pulumi.Output<string>;
    /** The derived (or validated) visibility timeout, in seconds. */
    readonly visibilityTimeoutSeconds: number;
    readonly alarmTopicArn: pulumi.Output<string>;

    constructor(name: string, args: QueueWorkerArgs, opts?: pulumi.ComponentResourceOptions) {
        const parsed = QUEUE_WORKER.validate(args, name);
        super(QUEUE_WORKER.type, name, {}, opts);
        const ctx = QUEUE_WORKER.open(this, name, parsed);
        this.alarmTopicArn = ctx.alarmTopicArn;
        this.visibilityTimeoutSeconds = parsed.visibilityTimeoutSeconds ?? requiredVisibility(parsed.timeoutSeconds, parsed.maximumBatchingWindowSeconds);

        const queues = createWorkQueues(ctx, { ...parsed, visibilityTimeoutSeconds: this.visibilityTimeoutSeconds });
        this.queue = queues.queue;
        this.deadLetterQueue = queues.deadLetterQueue;
        this.queueUrl = this.queue.url;
        this.queueArn = this.queue.arn;

        this.logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { retentionInDays: parsed.logRetentionInDays ?? defaultLogRetention(ctx.production), tags: ctx.tags }, ctx.child);
        const role = createWorkerRole(ctx, this.queue, this.logGroup, args.additionalPolicyArns ?? []);
        this.role = role.role;
        this.function = createWorkerFunction(ctx, { ...parsed, environment: args.environment }, role, this.logGroup);
        const maximumConcurrency = parsed.maximumConcurrency ?? Math.max(2, parsed.reservedConcurrency);
        this.eventSourceMapping = createEventSource(ctx, this.queue, this.function, { ...parsed, maximumConcurrency }, role);
        this.alarms = createQueueWorkerAlarms(ctx, queues, this.function, { ...parsed, ...parsed.alarmThresholds });

        this.registerOutputs({
            queueUrl: this.queueUrl,
            queueArn: this.queueArn,
            deadLetterQueueUrl: this.deadLetterQueue.url,
            functionName: this.function.name,
            functionArn: this.function.arn,
            roleArn: this.role.arn,
            visibilityTimeoutSeconds: this.visibilityTimeoutSeconds,
            alarmTopicArn: this.alarmTopicArn,
            alarmNames: this.alarms.map((a) => a.name),
        });
    }
}
