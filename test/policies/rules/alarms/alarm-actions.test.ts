import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alarmTopic, run } from "../dead-letter-queues/harness";

const RULE = "alarm-actions";
const metric = { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", statistic: "Maximum", period: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: "GreaterThanOrEqualToThreshold" };

describe("alarm-actions", () => {
    it("passes an alarm whose action is an SNS topic ARN unknown in preview", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            new aws.cloudwatch.MetricAlarm("depth", { ...metric, alarmActions: [topic.arn] });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("flags an alarm without actions and one with actionsEnabled: false", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            new aws.cloudwatch.MetricAlarm("silent", { ...metric });
            new aws.cloudwatch.MetricAlarm("muted", { ...metric, alarmActions: [topic.arn], actionsEnabled: false });
        });
        assert.deepEqual(r.violations, ["muted mandatory", "silent mandatory"]);
        assert.match(r.messages["silent"], /alarmActions is empty.*set alarmActions: \[topic.arn\]/);
        assert.match(r.messages["muted"], /actionsEnabled is false/);
    });

    it("passes a metric alarm without actions that feeds a composite alarm with actions; flags a silent composite", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const child = new aws.cloudwatch.MetricAlarm("child", { ...metric });
            new aws.cloudwatch.CompositeAlarm("service-down", { alarmName: "service-down", alarmRule: pulumi.interpolate`ALARM(${child.name})`, alarmActions: [topic.arn] });
            const orphan = new aws.cloudwatch.MetricAlarm("orphan-child", { ...metric });
            new aws.cloudwatch.CompositeAlarm("silent-composite", { alarmName: "silent-composite", alarmRule: pulumi.interpolate`ALARM(${orphan.name})` });
        });
        assert.deepEqual(r.violations, ["orphan-child mandatory", "silent-composite mandatory"]);
    });

    it("reports actions computed as a whole (an Output<string[]>) as not evaluated", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            new aws.cloudwatch.MetricAlarm("computed", { ...metric, alarmActions: topic.arn.apply((arn) => [arn]) });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, ["computed"]);
        assert.match(r.messages["computed"], /could not evaluate: alarmActions/);
    });
});
