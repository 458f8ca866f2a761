import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { lambda, queueWithDlq, run } from "./harness";

const RULE = "sqs-dlq";

describe("sqs-dlq", () => {
    it("passes a queue whose inline redrivePolicy is wholly unknown (new stack), and its DLQ", async () => {
        const r = await run(RULE, () => queueWithDlq("orders"));
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("flags a queue with no redrive policy, as mandatory, saying what to set", async () => {
        const r = await run(RULE, () => {
            queueWithDlq("orders");
            new aws.sqs.Queue("lonely", {});
        });
        assert.deepEqual(r.violations, ["lonely mandatory"]);
        assert.match(r.messages["lonely"], /no redrive policy.*redrivePolicy/);
    });

    it("stays mandatory in the development profile (a DLQ costs nothing until used)", async () => {
        const r = await run(RULE, () => new aws.sqs.Queue("lonely", {}), { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(r.violations, ["lonely mandatory"]);
    });

    it("passes a known redrive policy naming a DLQ managed elsewhere", async () => {
        const r = await run(RULE, () => {
            new aws.sqs.Queue("orders", { redrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:eu-west-1:111122223333:shared-dlq", maxReceiveCount: 5 }) });
        });
        assert.deepEqual(r.violations, []);
    });

    it("flags a redrive policy without deadLetterTargetArn, and one that is not JSON", async () => {
        const r = await run(RULE, () => {
            new aws.sqs.Queue("no-target", { redrivePolicy: JSON.stringify({ maxReceiveCount: 5 }) });
            new aws.sqs.Queue("not-json", { redrivePolicy: "{deadLetterTargetArn:" });
        });
        assert.deepEqual(r.violations, ["no-target mandatory", "not-json mandatory"]);
        assert.match(r.messages["no-target"], /no deadLetterTargetArn/);
        assert.match(r.messages["not-json"], /not valid JSON/);
    });

    it("matches a literal DLQ ARN or URL to an explicitly named queue of the stack (its own ARN is unknown in preview)", async () => {
        const r = await run(RULE, () => {
            new aws.sqs.Queue("orders-dlq", { name: "orders-dlq" });
            new aws.sqs.Queue("orders", { redrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:eu-west-1:111122223333:orders-dlq", maxReceiveCount: 5 }) });
            new aws.sqs.Queue("worker-dlq", { name: "worker-dlq" });
            lambda("worker", { deadLetterConfig: { targetArn: "arn:aws:sqs:eu-west-1:111122223333:worker-dlq" } });
            new aws.sqs.Queue("jobs", { name: "jobs" });
            new aws.sqs.Queue("jobs-dlq", { name: "jobs-dlq" });
            new aws.sqs.RedrivePolicy("jobs", {
                queueUrl: "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs",
                redrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:eu-west-1:111122223333:jobs-dlq", maxReceiveCount: 5 }),
            });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    describe("does not flag a dead-letter queue for lacking a DLQ (every referrer kind, ARNs unknown)", () => {
        it("target of an aws.sqs.RedrivePolicy resource (and its source passes)", async () => {
            const r = await run(RULE, () => {
                const dlq = new aws.sqs.Queue("dlq", {});
                const src = new aws.sqs.Queue("src", {});
                new aws.sqs.RedrivePolicy("src-redrive", { queueUrl: src.url, redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
            });
            assert.deepEqual(r.violations, []);
            assert.deepEqual(r.notEvaluated, []);
        });

        it("Lambda deadLetterConfig.targetArn", async () => {
            const r = await run(RULE, () => {
                const dlq = new aws.sqs.Queue("fn-dlq", {});
                lambda("worker", { deadLetterConfig: { targetArn: dlq.arn } });
            });
            assert.deepEqual(r.violations, []);
        });

        it("FunctionEventInvokeConfig onFailure destination", async () => {
            const r = await run(RULE, () => {
                const failures = new aws.sqs.Queue("failures", {});
                const fn = lambda("worker");
                new aws.lambda.FunctionEventInvokeConfig("worker-async", { functionName: fn.name, destinationConfig: { onFailure: { destination: failures.arn } } });
            });
            assert.deepEqual(r.violations, []);
        });

        it("EventBridge target deadLetterConfig", async () => {
            const r = await run(RULE, () => {
                const dlq = new aws.sqs.Queue("events-dlq", {});
                const fn = lambda("nightly");
                const rule = new aws.cloudwatch.EventRule("nightly", { scheduleExpression: "rate(1 day)" });
                new aws.cloudwatch.EventTarget("nightly", { rule: rule.name, arn: fn.arn, deadLetterConfig: { arn: dlq.arn } });
            });
            assert.deepEqual(r.violations, []);
        });

        it("Scheduler schedule target.deadLetterConfig", async () => {
            const r = await run(RULE, () => {
                const dlq = new aws.sqs.Queue("schedule-dlq", {});
                const fn = lambda("hourly");
                const role = new aws.iam.Role("scheduler", { assumeRolePolicy: "{}" });
                new aws.scheduler.Schedule("hourly", {
                    flexibleTimeWindow: { mode: "OFF" },
                    scheduleExpression: "rate(1 hour)",
                    target: { arn: fn.arn, roleArn: role.arn, deadLetterConfig: { arn: dlq.arn } },
                });
            });
            assert.deepEqual(r.violations, []);
        });

        it("SNS subscription redrivePolicy", async () => {
            const r = await run(RULE, () => {
                const topic = new aws.sns.Topic("orders");
                const { queue } = queueWithDlq("consumer");
                const dlq = new aws.sqs.Queue("sub-dlq", {});
                new aws.sns.TopicSubscription("orders-consumer", {
                    topic: topic.arn,
                    protocol: "sqs",
                    endpoint: queue.arn,
                    redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn }),
                });
            });
            assert.deepEqual(r.violations, []);
        });

        it("event source mapping destinationConfig.onFailure", async () => {
            const r = await run(RULE, () => {
                const failures = new aws.sqs.Queue("stream-failures", {});
                const stream = new aws.kinesis.Stream("events", { shardCount: 1 });
                const fn = lambda("reader");
                new aws.lambda.EventSourceMapping("reader", {
                    eventSourceArn: stream.arn,
                    functionName: fn.name,
                    startingPosition: "LATEST",
                    destinationConfig: { onFailure: { destinationArn: failures.arn } },
                });
            });
            assert.deepEqual(r.violations, []);
        });

        it("EventBridge Pipe stream source deadLetterConfig", async () => {
            const r = await run(RULE, () => {
                const dlq = new aws.sqs.Queue("pipe-dlq", {});
                const stream = new aws.kinesis.Stream("events", { shardCount: 1 });
                const bus = new aws.cloudwatch.EventBus("events", {});
                const role = new aws.iam.Role("pipe", { assumeRolePolicy: "{}" });
                new aws.pipes.Pipe("events", {
                    roleArn: role.arn,
                    source: stream.arn,
                    target: bus.arn,
                    sourceParameters: { kinesisStreamParameters: { startingPosition: "LATEST", deadLetterConfig: { arn: dlq.arn } } },
                });
            });
            assert.deepEqual(r.violations, []);
        });

        it("aws.sqs.RedriveAllowPolicy on the queue", async () => {
            const r = await run(RULE, () => {
                const dlq = new aws.sqs.Queue("shared-dlq", {});
                new aws.sqs.RedriveAllowPolicy("shared-dlq", { queueUrl: dlq.url, redriveAllowPolicy: JSON.stringify({ redrivePermission: "allowAll" }) });
            });
            assert.deepEqual(r.violations, []);
        });
    });

    it("cannot tell which queue of a Scheduler target is its DLQ when both are queues with unknown ARNs: not evaluated, never a violation", async () => {
        const r = await run(RULE, () => {
            const target = new aws.sqs.Queue("jobs", {});
            const dlq = new aws.sqs.Queue("jobs-schedule-dlq", {});
            const role = new aws.iam.Role("scheduler", { assumeRolePolicy: "{}" });
            new aws.scheduler.Schedule("enqueue", {
                flexibleTimeWindow: { mode: "OFF" },
                scheduleExpression: "rate(1 hour)",
                target: { arn: target.arn, roleArn: role.arn, deadLetterConfig: { arn: dlq.arn } },
            });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, ["jobs", "jobs-schedule-dlq"]);
        assert.match(r.messages["jobs"], /could not evaluate: redrivePolicy.*enqueue/);
    });

    it("does not take an on-success queue for a DLQ when an invoke config's destinations are both unknown: not evaluated", async () => {
        const r = await run(RULE, () => {
            const successes = new aws.sqs.Queue("successes", {});
            const failures = new aws.sns.Topic("failures");
            const fn = lambda("worker");
            new aws.lambda.FunctionEventInvokeConfig("worker-async", {
                functionName: fn.name,
                destinationConfig: { onSuccess: { destination: successes.arn }, onFailure: { destination: failures.arn } },
            });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, ["successes"]);
        assert.match(r.messages["successes"], /may be the dead-letter target of worker-async/);
    });
});
