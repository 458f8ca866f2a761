import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { alarmTopic, lambda, queueWithDlq, run } from "../dead-letter-queues/harness";

const RULE = "sqs-dlq-alarm";
const depth = { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", statistic: "Maximum", period: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: "GreaterThanOrEqualToThreshold" };

describe("sqs-dlq-alarm", () => {
    it("passes a DLQ with a depth alarm (new stack: QueueName unknown) and does not judge the source queue", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const { dlq } = queueWithDlq("orders");
            new aws.cloudwatch.MetricAlarm("orders-dlq-depth", { ...depth, dimensions: { QueueName: dlq.name }, alarmActions: [topic.arn] });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("flags DLQs without a depth alarm (redrive target and Lambda DLQ); an alarm on the source queue does not count", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const { queue } = queueWithDlq("orders");
            new aws.cloudwatch.MetricAlarm("orders-depth", { ...depth, dimensions: { QueueName: queue.name }, alarmActions: [topic.arn] });
            const fnDlq = new aws.sqs.Queue("worker-dlq", { messageRetentionSeconds: 1209600 });
            lambda("worker", { deadLetterConfig: { targetArn: fnDlq.arn } });
        });
        assert.deepEqual(r.violations, ["orders-dlq mandatory", "worker-dlq mandatory"]);
        assert.match(r.messages["orders-dlq"], /no CloudWatch alarm with an alarm action watches any of ApproximateNumberOfMessagesVisible, ApproximateAgeOfOldestMessage; add .*QueueName: dlq.name/);
    });

    it("links by a known QueueName value", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            queueWithDlq("orders", {}, { name: "orders-dlq" });
            new aws.cloudwatch.MetricAlarm("orders-dlq-depth", { ...depth, dimensions: { QueueName: "orders-dlq" }, alarmActions: [topic.arn] });
        });
        assert.deepEqual(r.violations, []);
    });
});
