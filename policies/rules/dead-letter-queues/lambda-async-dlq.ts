import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { asyncFailureDestinationOf, asyncInvokersOf, type AsyncInvoker } from "../../lib/links/messaging";
import { stackRule, violation } from "../../lib/rule";

function describeInvoker(invoker: AsyncInvoker): string {
    switch (invoker.kind) {
        case "sns-subscription":
            return `SNS subscription ${invoker.resource.name}`;
        case "s3-notification":
            return `S3 notification ${invoker.resource.name}`;
        case "eventbridge-target":
            return `EventBridge target ${invoker.resource.name}`;
        case "scheduler-schedule":
            return `Scheduler schedule ${invoker.resource.name}`;
        case "event-invoke-config":
            return `event invoke config ${invoker.resource.name}`;
        case "permission":
            return `${invoker.principal ?? "service"} permission ${invoker.resource.name}`;
    }
}

export const lambdaAsyncDlq = stackRule({
    id: "lambda-async-dlq",
    title: "Asynchronously invoked Lambda functions keep failed events",
    pillar: "dead-letter-queues",
    description:
        "A Lambda function invoked asynchronously (by an SNS subscription, an S3 notification, an EventBridge target, a Scheduler schedule, a service permission for such a source, or configured by a `FunctionEventInvokeConfig`) has a `deadLetterConfig` or an on-failure destination. Functions only invoked synchronously (API Gateway, ALB, direct calls, event source mappings) are not judged.",
    remediation: [
        "Prefer an on-failure destination (it carries the error and the request context):",
        "```ts",
        "new aws.lambda.FunctionEventInvokeConfig(\"worker-async\", {",
        "    functionName: fn.name,",
        "    maximumRetryAttempts: 2,",
        "    destinationConfig: { onFailure: { destination: failures.arn } },",
        "});",
        "// or, on the function: deadLetterConfig: { targetArn: dlq.arn }",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory" },
    rationale:
        "After the async retries (2 by default, up to 6 h for throttles), Lambda drops the event: without a DLQ or on-failure destination it is lost with no trace. Synchronous callers see the error themselves, so they are not flagged.",
    byDefault: { shown: true, why: "Asynchronous events that fail every retry are discarded unless sent to a destination or DLQ." },
    resourceTypes: [aws.lambda.Function],
    anchors: {
        cdkNag: ["Serverless-LambdaDLQ", "Serverless-LambdaAsyncFailureDestination", "HIPAA.Security-LambdaDLQ", "NIST.800.53.R5-LambdaDLQ"],
        checkov: ["CKV_AWS_116"],
        awsConfig: ["lambda-dlq-check"],
        other: ["SR ES1007"],
        wellArchitected: ["REL05-BP04"],
    },
    config: z.object({}),
    check(fn, { graph }) {
        const invokers = asyncInvokersOf(graph, fn);
        if (invokers.length === 0 || asyncFailureDestinationOf(graph, fn)) {
            return [];
        }
        const by = [...new Set(invokers.map(describeInvoker))].join(", ");
        return [
            violation(
                `the function is invoked asynchronously (by ${by}) but failed events go nowhere; add an aws.lambda.FunctionEventInvokeConfig with destinationConfig.onFailure.destination (an SQS queue, SNS topic, function or event bus), or set deadLetterConfig.targetArn on the function.`,
            ),
        ];
    },
});
