// Odd shapes never crash the retries, idempotency, circuit-breakers and bulkheads rules: whatever
// the props (wrong types, nulls, unknowns anywhere, JSON strings that are not JSON) and whatever
// the links, a check gives violations, unresolvable findings or nothing — never an exception.
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { aws } from "../../../../policies/lib/aws-types";
import { StackGraph, type PlainResource } from "../../../../policies/lib/graph";
import { UnresolvableError } from "../../../../policies/lib/resource";
import { type Rule } from "../../../../policies/lib/rule";
import { UNKNOWN_STRING } from "../../../../policies/lib/values";
import { bulkheadsRules } from "../../../../policies/rules/bulkheads";
import { circuitBreakersRules } from "../../../../policies/rules/circuit-breakers";
import { idempotencyRules } from "../../../../policies/rules/idempotency";
import { retriesRules } from "../../../../policies/rules/retries";

const RULES: readonly Rule[] = [...retriesRules, ...idempotencyRules, ...circuitBreakersRules, ...bulkheadsRules];

/** Property names the rules read (top level and nested), so generated props reach deep code paths. */
const KEYS = [
    "eventSourceArn", "functionName", "startingPosition", "topics", "queues", "maximumRetryAttempts", "maximumRecordAgeInSeconds",
    "bisectBatchOnFunctionError", "functionResponseTypes", "scalingConfig", "maximumConcurrency", "maximumEventAgeInSeconds",
    "retryPolicy", "target", "arn", "definition", "States", "Type", "Retry", "Catch", "Branches", "ItemProcessor", "Iterator",
    "MaxAttempts", "BackoffRate", "JitterStrategy", "ErrorEquals", "deploymentController", "type", "deploymentCircuitBreaker",
    "enable", "rollback", "desiredCount", "deploymentMinimumHealthyPercent", "schedulingStrategy", "alarms", "alarmNames",
    "launchTemplate", "mixedInstancesPolicy", "instanceRefresh", "preferences", "autoRollback", "autoRollbackConfiguration",
    "enabled", "events", "alarmConfiguration", "deploymentConfigName", "appName", "computePlatform", "trafficRoutingConfig",
    "reservedConcurrentExecutions", "stageName", "methodPath", "settings", "throttlingBurstLimit", "throttlingRateLimit",
    "apiStages", "stage", "throttleSettings", "burstLimit", "rateLimit", "defaultRouteSettings", "billingMode", "resourceId",
    "scalableDimension", "serviceNamespace", "fifoQueue", "fifoTopic", "contentBasedDeduplication", "name", "redrivePolicy",
    "endpoint", "protocol", "source", "dimensions", "metricName", "ecsService", "principal", "function",
    "Resource", "minCapacity", "maxCapacity", "maxAllocatedStorage", "allocatedStorage", "globalSecondaryIndexes",
] as const;

const LEAVES = fc.oneof(
    fc.constant(UNKNOWN_STRING),
    fc.integer({ min: -2, max: 2000 }),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 6 }),
    fc.constantFrom("ECS", "CODE_DEPLOY", "DAEMON", "PAY_PER_REQUEST", "*/*", "ReportBatchItemFailures", "LATEST", "Lambda", "AllAtOnce",
        "FULL", "Task", "Map", "Parallel", "DEPLOYMENT_FAILURE", "arn:aws:sqs:eu-west-1:1:q", "arn:aws:kinesis:eu-west-1:1:stream/s",
        "table/t", "dynamodb:table:ReadCapacityUnits", "dynamodb", "{ not json", "lambda", "sns.amazonaws.com", "x.fifo",
        "arn:aws:states:::lambda:invoke", "States.ALL", "Lambda.ServiceException", "ecs", "ecs:service:DesiredCount", "service/c/s",
        "table/t/index/i", "dynamodb:index:ReadCapacityUnits", "aurora-mysql"),
);

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        LEAVES,
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 4 }),
        fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 3 }).map((v) => JSON.stringify(v)),
    ),
}));

const TYPES = [
    aws.lambda.EventSourceMapping, aws.lambda.Function, aws.lambda.Alias, aws.lambda.FunctionEventInvokeConfig, aws.lambda.Permission,
    aws.sqs.Queue, aws.sns.Topic, aws.sns.TopicSubscription, aws.kinesis.Stream, aws.dynamodb.Table, aws.pipes.Pipe,
    aws.cloudwatch.EventTarget, aws.scheduler.Schedule, aws.sfn.StateMachine, aws.ecs.Service, aws.cloudwatch.MetricAlarm,
    aws.autoscaling.Group, aws.codedeploy.DeploymentGroup, aws.codedeploy.Application, aws.codedeploy.DeploymentConfig,
    aws.apigateway.Stage, aws.apigateway.MethodSettings, aws.apigateway.UsagePlan, aws.apigatewayv2.Stage,
    aws.appautoscaling.Target, aws.appautoscaling.Policy, aws.appautoscaling.ScheduledAction, aws.rds.Instance,
] as const;

const resource = fc.record({ type: fc.constantFrom(...TYPES), props: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 }) });

const stack = fc
    .array(resource, { minLength: 1, maxLength: 8 })
    .chain((rs) =>
        fc.tuple(
            fc.constant(rs),
            fc.array(fc.tuple(fc.nat(rs.length - 1), fc.constantFrom(...KEYS), fc.nat(rs.length - 1)), { maxLength: 10 }),
        ),
    )
    .map(([rs, edges]): PlainResource[] => {
        const plain: PlainResource[] = rs.map((r, i) => ({ type: r.type, name: `r${i}`, urn: `urn:pulumi:dev::p::${r.type}::r${i}`, props: r.props, propertyDependencies: {} }));
        for (const [from, key, to] of edges) {
            const deps = plain[from].propertyDependencies!;
            deps[key] = [...(deps[key] ?? []), plain[to].urn];
        }
        return plain;
    });

describe("retries, idempotency, circuit-breakers, bulkheads: odd shapes", () => {
    it("never throw anything but an unknown-value signal, and every finding says something", () => {
        const seen = new Map<string, number>();
        fc.assert(
            fc.property(stack, (plain) => {
                const graph = StackGraph.fromPlain(plain);
                for (const rule of RULES) {
                    const config = rule.config.parse({});
                    for (const subject of graph.ofType(...rule.resourceTypes)) {
                        try {
                            const findings = rule.scope === "stack" ? rule.check(subject, { config, profile: "production", graph }) : rule.check(subject, { config, profile: "production" });
                            for (const f of findings ?? []) {
                                seen.set(`${rule.id}:${f.kind}`, (seen.get(`${rule.id}:${f.kind}`) ?? 0) + 1);
                                assert.ok(f.kind === "violation" ? f.message.length > 10 : f.property.length > 0, `${rule.id}: empty finding`);
                            }
                        } catch (e) {
                            if (!(e instanceof UnresolvableError)) {
                                throw new Error(`${rule.id} threw on ${subject.type} ${JSON.stringify(subject.props)}: ${String(e)}`, { cause: e });
                            }
                        }
                    }
                }
            }),
            { numRuns: 400 },
        );
        // The generator reaches the rules' decisions, not just their early exits.
        const violating = RULES.filter((r) => (seen.get(`${r.id}:violation`) ?? 0) > 0).map((r) => r.id);
        assert.ok(violating.length >= 10, `only ${violating.join(", ")} produced violations`);
    });
});
