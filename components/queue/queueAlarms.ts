import type * as aws from "@pulumi/aws";
import { type AlarmedScope } from "../alarms/routing";
import { type WorkQueues } from "./queues";

/**
 * DLQ depth > 0, age of the oldest message, function errors and throttles. Every one treats missing
 * data as not breaching: SQS stops reporting idle (empty) queues, and no invocations means no errors.
 */
export function createQueueWorkerAlarms(
    scope: AlarmedScope,
    queues: WorkQueues,
    fn: aws.lambda.Function,
    settings: { maxReceiveCount: number; reservedConcurrency: number; oldestMessageAgeSeconds: number; errorsPer5Minutes: number },
): aws.cloudwatch.MetricAlarm[] {
    const { name } = scope;
    const sqs = { namespace: "AWS/SQS", statistic: "Maximum", comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching" } as const;
    const lambda = { namespace: "AWS/Lambda", dimensions: { FunctionName: fn.name }, statistic: "Sum", comparisonOperator: "GreaterThanThreshold", periodSeconds: 300, evaluationPeriods: 1, treatMissingData: "notBreaching" } as const;
    return [
        scope.alarm("dlq-depth", {
            ...sqs,
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: queues.deadLetterQueue.name },
            threshold: 0,
            evaluationPeriods: 1,
            description: `${name}: messages failed ${settings.maxReceiveCount} times and are in the dead-letter queue`,
        }),
        scope.alarm("oldest-message", {
            ...sqs,
            metricName: "ApproximateAgeOfOldestMessage",
            dimensions: { QueueName: queues.queue.name },
            threshold: settings.oldestMessageAgeSeconds,
            evaluationPeriods: 3,
            description: `${name}: the oldest message has waited more than ${settings.oldestMessageAgeSeconds}s (consumer stalled or too slow)`,
        }),
        scope.alarm("errors", { ...lambda, metricName: "Errors", threshold: settings.errorsPer5Minutes, description: `${name}: the worker function failed invocations` }),
        scope.alarm("throttles", { ...lambda, metricName: "Throttles", threshold: 0, description: `${name}: invocations were throttled (reserved concurrency ${settings.reservedConcurrency} exhausted)` }),
    ];
}
