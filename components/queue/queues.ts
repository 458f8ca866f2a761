// Builders of QueueWorker's queue half: the DLQ, the queue, and the redrive-allow policy.
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type Scope } from "../lib/component";

/**
 * `<project>-<stack>-<component>-dlq` (unique per stack), cut to SQS's 80 characters with a hash
 * suffix when too long; FIFO queue names end in `.fifo`.
 */
export function deadLetterQueueName(componentName: string, fifo: boolean): string {
    const suffix = fifo ? ".fifo" : "";
    const full = `${pulumi.getProject()}-${pulumi.getStack()}-${componentName}-dlq`.replace(/[^A-Za-z0-9_-]/g, "-");
    const limit = 80 - suffix.length;
    if (full.length <= limit) return full + suffix;
    const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
    return `${full.slice(0, limit - 9)}-${hash}${suffix}`;
}

export interface QueueSettings {
    fifo: boolean;
    visibilityTimeoutSeconds: number;
    messageRetentionSeconds: number;
    deadLetterRetentionSeconds: number;
    maxReceiveCount: number;
}

export interface WorkQueues {
    queue: aws.sqs.Queue;
    deadLetterQueue: aws.sqs.Queue;
}

/** The queue and its DLQ (both SSE), redriving after `maxReceiveCount` receives; only this queue may redrive into the DLQ. */
export function createWorkQueues(scope: Scope, settings: QueueSettings): WorkQueues {
    const { name, tags, child } = scope;
    const fifo = settings.fifo ? { fifoQueue: true, contentBasedDeduplication: true } : {};
    // The DLQ is named before deployment so its ARN, and with it the queue's redrive policy,
    // is known in a first preview: policies can check maxReceiveCount before anything exists.
    const deadLetterQueue = new aws.sqs.Queue(
        `${name}-dlq`,
        { ...fifo, name: deadLetterQueueName(name, settings.fifo), messageRetentionSeconds: settings.deadLetterRetentionSeconds, sqsManagedSseEnabled: true, tags },
        child,
    );
    const region = aws.getRegionOutput({}, child).region;
    const partition = aws.getPartitionOutput({}, child).partition;
    const account = aws.getCallerIdentityOutput({}, child).accountId;
    // Built from the DLQ's name output, so the queue still depends on the DLQ.
    const deadLetterTargetArn = pulumi.interpolate`arn:${partition}:sqs:${region}:${account}:${deadLetterQueue.name}`;
    const queue = new aws.sqs.Queue(
        `${name}-queue`,
        {
            ...fifo,
            visibilityTimeoutSeconds: settings.visibilityTimeoutSeconds,
            messageRetentionSeconds: settings.messageRetentionSeconds,
            receiveWaitTimeSeconds: 20,
            sqsManagedSseEnabled: true,
            redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn, maxReceiveCount: settings.maxReceiveCount }),
            tags,
        },
        child,
    );
    const redriveAllowPolicy = pulumi.jsonStringify({ redrivePermission: "byQueue", sourceQueueArns: [queue.arn] });
    new aws.sqs.RedriveAllowPolicy(`${name}-dlq`, { queueUrl: deadLetterQueue.url, redriveAllowPolicy }, child);
    return { queue, deadLetterQueue };
}
