// Builders of QueueWorker's consumer half: log group, role, function, event source mapping.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type Scope } from "../lib/component";
import { assumeRolePolicyFor, policyDocument } from "../lib/iam";

export interface WorkerRole {
    role: aws.iam.Role;
    /** The function and its event source wait for it, so the first poll is allowed. */
    policy: aws.iam.RolePolicy;
}

/** A role that may only consume `queue`, write to `logGroup` and send traces (plus the caller's managed policies). */
export function createWorkerRole(scope: Scope, queue: aws.sqs.Queue, logGroup: aws.cloudwatch.LogGroup, additionalPolicyArns: pulumi.Input<string>[]): WorkerRole {
    const { name, tags, child } = scope;
    const role = new aws.iam.Role(`${name}-fn`, { assumeRolePolicy: assumeRolePolicyFor("lambda.amazonaws.com"), tags }, child);
    const document = policyDocument([
        { Sid: "ConsumeOwnQueue", Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"], Resource: queue.arn },
        { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${logGroup.arn}:*` },
        // X-Ray trace APIs have no resource-level permissions.
        { Sid: "Tracing", Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" },
    ]);
    const policy = new aws.iam.RolePolicy(`${name}-fn`, { role: role.id, policy: document }, child);
    additionalPolicyArns.forEach((policyArn, i) => new aws.iam.RolePolicyAttachment(`${name}-fn-${i}`, { role: role.name, policyArn }, child));
    return { role, policy };
}

export interface FunctionSettings {
    code: pulumi.asset.Archive;
    handler: string;
    runtime: string;
    timeoutSeconds: number;
    memorySizeMb: number;
    reservedConcurrency: number;
    environment?: Record<string, pulumi.Input<string>>;
}

/** Explicit timeout, reserved concurrency (a bulkhead), X-Ray Active, JSON logs to `logGroup`. */
export function createWorkerFunction(scope: Scope, settings: FunctionSettings, role: WorkerRole, logGroup: aws.cloudwatch.LogGroup): aws.lambda.Function {
    return new aws.lambda.Function(
        `${scope.name}-fn`,
        {
            code: settings.code,
            handler: settings.handler,
            runtime: settings.runtime,
            role: role.role.arn,
            timeout: settings.timeoutSeconds,
            memorySize: settings.memorySizeMb,
            reservedConcurrentExecutions: settings.reservedConcurrency,
            tracingConfig: { mode: "Active" },
            loggingConfig: { logFormat: "JSON", logGroup: logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
            environment: settings.environment === undefined ? undefined : { variables: settings.environment },
            tags: scope.tags,
        },
        { ...scope.child, dependsOn: [role.policy] },
    );
}

/** Partial batch failures (`ReportBatchItemFailures`) and at most `maximumConcurrency` concurrent invocations. */
export function createEventSource(
    scope: Scope,
    queue: aws.sqs.Queue,
    fn: aws.lambda.Function,
    settings: { batchSize: number; maximumBatchingWindowSeconds: number; maximumConcurrency: number },
    role: WorkerRole,
): aws.lambda.EventSourceMapping {
    return new aws.lambda.EventSourceMapping(
        `${scope.name}-esm`,
        {
            eventSourceArn: queue.arn,
            functionName: fn.arn,
            enabled: true,
            batchSize: settings.batchSize,
            maximumBatchingWindowInSeconds: settings.maximumBatchingWindowSeconds,
            functionResponseTypes: ["ReportBatchItemFailures"],
            scalingConfig: { maximumConcurrency: settings.maximumConcurrency },
            tags: scope.tags,
        },
        { ...scope.child, dependsOn: [role.policy] },
    );
}
