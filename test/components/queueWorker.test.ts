import assert from "node:assert/strict";
import { QueueWorker, requiredVisibility } from "../../components";
import { deadLetterQueueName } from "../../components/queue/queueWorker";
import { minimalWorker, workerCode } from "./fixtures";
import { alarmsOn, argsErrorOf, capture, type CapturedStack, dependsVia, named, ofType, one } from "./support";

const QUEUE = "aws:sqs/queue:Queue";
const ACCOUNT = "123456789012";
const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${resource}`;

/**
 * Outputs the cloud would report for the queue and the log group, so the IAM and redrive-allow
 * documents built from their ARNs can be read. The DLQ gets no fixture: its name, and so the
 * queue's redrive policy, is known in a first preview.
 */
const fixtures = {
    resources: {
        "jobs-queue": { arn: arn("sqs", "jobs-queue"), name: "jobs-queue", url: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs-queue` },
        "jobs-logs": { arn: arn("logs", "log-group:jobs-logs"), name: "jobs-logs" },
    },
};

describe("QueueWorker", () => {
    let stack: CapturedStack;
    before(async () => {
        stack = await capture(() => void minimalWorker(), fixtures);
    });
    const queue = () => named(stack, QUEUE, "jobs-queue");
    const dlq = () => named(stack, QUEUE, "jobs-dlq");

    it("derives the visibility timeout as 6 × function timeout + batching window", async () => {
        assert.equal(queue().inputs.visibilityTimeoutSeconds, 6 * 30);
        assert.equal(one(stack, "aws:lambda/function:Function").inputs.timeout, 30);
        const tuned = await capture(() => void new QueueWorker("jobs", { code: workerCode(), handler: "index.handler", runtime: "nodejs20.x", timeoutSeconds: 60, maximumBatchingWindowSeconds: 5 }));
        assert.equal(named(tuned, QUEUE, "jobs-queue").inputs.visibilityTimeoutSeconds, requiredVisibility(60, 5));
        assert.equal(requiredVisibility(60, 5), 365);
    });

    it("redrives to a DLQ after 5 receives (known in a first preview), keeps DLQ messages longer than the queue's, and lets only this queue redrive", () => {
        assert.equal(dlq().inputs.name, "project-dev-jobs-dlq");
        assert.equal(typeof queue().inputs.redrivePolicy, "string", "known in a first preview");
        const redrive = JSON.parse(String(queue().inputs.redrivePolicy)) as { deadLetterTargetArn: string; maxReceiveCount: number };
        assert.deepEqual(redrive, { deadLetterTargetArn: arn("sqs", "project-dev-jobs-dlq"), maxReceiveCount: 5 });
        assert.deepEqual(dependsVia(queue(), "redrivePolicy"), [dlq().urn]);
        assert.ok(Number(dlq().inputs.messageRetentionSeconds) > Number(queue().inputs.messageRetentionSeconds));
        const allow = JSON.parse(String(one(stack, "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy").inputs.redriveAllowPolicy)) as unknown;
        assert.deepEqual(allow, { redrivePermission: "byQueue", sourceQueueArns: [arn("sqs", "jobs-queue")] });
    });

    it("encrypts both queues", () => {
        for (const q of ofType(stack, QUEUE)) assert.equal(q.inputs.sqsManagedSseEnabled, true, q.name);
    });

    it("consumes with partial batch failures and a concurrency cap no higher than the reserved concurrency", () => {
        const esm = one(stack, "aws:lambda/eventSourceMapping:EventSourceMapping");
        const fn = one(stack, "aws:lambda/function:Function");
        assert.deepEqual(esm.inputs.functionResponseTypes, ["ReportBatchItemFailures"]);
        assert.deepEqual(esm.inputs.scalingConfig, { maximumConcurrency: 10 });
        assert.deepEqual(dependsVia(esm, "eventSourceArn"), [queue().urn]);
        assert.deepEqual(dependsVia(esm, "functionName"), [fn.urn]);
        assert.equal(fn.inputs.reservedConcurrentExecutions, 10);
    });

    it("traces with X-Ray and logs JSON to a log group with retention", () => {
        const fn = one(stack, "aws:lambda/function:Function");
        assert.deepEqual(fn.inputs.tracingConfig, { mode: "Active" });
        const logging = fn.inputs.loggingConfig as Record<string, unknown>;
        assert.equal(logging.logFormat, "JSON");
        assert.equal(logging.logGroup, "jobs-logs");
        assert.equal(one(stack, "aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays, 90);
    });

    it("gives the function a role that can only consume its own queue, write its own logs and send traces", () => {
        const policy = JSON.parse(String(one(stack, "aws:iam/rolePolicy:RolePolicy").inputs.policy)) as { Statement: { Action: string[]; Resource: string }[] };
        assert.deepEqual(
            policy.Statement.map((s) => [s.Action.join(","), s.Resource]),
            [
                ["sqs:ReceiveMessage,sqs:DeleteMessage,sqs:GetQueueAttributes,sqs:ChangeMessageVisibility", arn("sqs", "jobs-queue")],
                ["logs:CreateLogStream,logs:PutLogEvents", `${arn("logs", "log-group:jobs-logs")}:*`],
                ["xray:PutTraceSegments,xray:PutTelemetryRecords", "*"],
            ],
        );
        assert.equal(ofType(stack, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0);
    });

    it("alarms on DLQ depth, oldest message age, errors and throttles, each linked by dimension and with actions", () => {
        const fn = one(stack, "aws:lambda/function:Function");
        const dlqAlarm = alarmsOn(stack, dlq());
        assert.deepEqual(dlqAlarm.map((a) => [a.inputs.metricName, a.inputs.comparisonOperator, a.inputs.threshold]), [["ApproximateNumberOfMessagesVisible", "GreaterThanThreshold", 0]]);
        assert.deepEqual(dlqAlarm[0].inputs.dimensions, { QueueName: "project-dev-jobs-dlq" });
        assert.deepEqual(alarmsOn(stack, queue()).map((a) => a.inputs.metricName), ["ApproximateAgeOfOldestMessage"]);
        assert.deepEqual(alarmsOn(stack, fn).map((a) => a.inputs.metricName).sort(), ["Errors", "Throttles"]);
        for (const alarm of ofType(stack, "aws:cloudwatch/metricAlarm:MetricAlarm")) {
            assert.equal(alarm.inputs.actionsEnabled, true);
            assert.equal((alarm.inputs.alarmActions as unknown[]).length, 1);
            assert.equal(alarm.inputs.treatMissingData, "notBreaching", `${alarm.name}: no datapoint means no messages/invocations`);
        }
    });

    it("accepts a visibility timeout that meets the minimum, FIFO queues, alarm thresholds and tags", async () => {
        const fifo = await capture(
            () =>
                void new QueueWorker("jobs", {
                    code: workerCode(),
                    handler: "index.handler",
                    runtime: "python3.12",
                    visibilityTimeoutSeconds: 900,
                    fifo: true,
                    alarmThresholds: { oldestMessageAgeSeconds: 120 },
                    tags: { team: "payments" },
                }),
        );
        assert.equal(alarmsOn(fifo, named(fifo, QUEUE, "jobs-queue"))[0].inputs.threshold, 120);
        assert.deepEqual(one(fifo, "aws:lambda/function:Function").inputs.tags, { "faultguard:component": "faultguard:aws:QueueWorker", "faultguard:profile": "production", team: "payments" });
        for (const q of ofType(fifo, QUEUE)) {
            assert.equal(q.inputs.fifoQueue, true);
            assert.equal(q.inputs.contentBasedDeduplication, true);
        }
        assert.equal(named(fifo, QUEUE, "jobs-queue").inputs.visibilityTimeoutSeconds, 900);
        assert.equal(named(fifo, QUEUE, "jobs-dlq").inputs.name, "project-dev-jobs-dlq.fifo");
    });

    it("keeps DLQ names within SQS's 80 characters, unique per component", async () => {
        let names: string[] = [];
        await capture(() => {
            names = [deadLetterQueueName("a".repeat(100), false), deadLetterQueueName("a".repeat(100) + "b", true), deadLetterQueueName("worker.v2", false), deadLetterQueueName("a".repeat(99) + "b", false)];
        });
        assert.equal(names[0].length, 80);
        assert.equal(names[1].length, 80);
        assert.ok(names[1].endsWith(".fifo"));
        assert.notEqual(names[0], names[3], "names cut to length stay distinct");
        assert.equal(names[2], "project-dev-worker-v2-dlq");
    });

    it("rejects broken invariants with one error listing every field and fix, registering nothing", async () => {
        const { error, registered } = await argsErrorOf(
            () =>
                new QueueWorker("jobs", {
                    code: workerCode(),
                    handler: "index.handler",
                    runtime: "nodejs20.x",
                    timeoutSeconds: 60,
                    visibilityTimeoutSeconds: 120,
                    messageRetentionSeconds: 1_209_600,
                    reservedConcurrency: 0,
                    maxReceiveCount: 1,
                }),
        );
        assert.deepEqual(registered, []);
        const byPath = Object.fromEntries(error.problems.map((p) => [p.path, p.message]));
        assert.match(byPath.visibilityTimeoutSeconds, /at least 6 × timeoutSeconds \+ maximumBatchingWindowSeconds = 360s/);
        assert.match(byPath.messageRetentionSeconds, /shorter than deadLetterRetentionSeconds/);
        assert.match(byPath.reservedConcurrency, /must be > 0 \(0 disables the function\)/);
        assert.match(byPath.maxReceiveCount, /5–10/);
    });

    it("rejects a concurrency cap above the reserved concurrency and a missing handler", async () => {
        const { error, registered } = await argsErrorOf(
            () => new QueueWorker("jobs", { code: workerCode(), runtime: "nodejs20.x", reservedConcurrency: 5, maximumConcurrency: 50 } as never),
        );
        assert.deepEqual(registered, []);
        assert.deepEqual(error.problems.map((p) => p.path).sort(), ["handler", "maximumConcurrency"]);
        assert.match(error.message, /handler: is required/);
        assert.match(error.message, /maximumConcurrency: maximumConcurrency \(50\) exceeds reservedConcurrency \(5\)/);
    });
});
