import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { lambda, run } from "./harness";

const RULE = "eventbridge-target-dlq";

describe("eventbridge-target-dlq", () => {
    it("passes an EventBridge target and a schedule whose DLQ ARN is unknown in preview", async () => {
        const r = await run(RULE, () => {
            const dlq = new aws.sqs.Queue("events-dlq", {});
            const fn = lambda("nightly");
            const rule = new aws.cloudwatch.EventRule("nightly", { scheduleExpression: "rate(1 day)" });
            new aws.cloudwatch.EventTarget("nightly", { rule: rule.name, arn: fn.arn, deadLetterConfig: { arn: dlq.arn } });
            const role = new aws.iam.Role("scheduler", { assumeRolePolicy: "{}" });
            new aws.scheduler.Schedule("hourly", { flexibleTimeWindow: { mode: "OFF" }, scheduleExpression: "rate(1 hour)", target: { arn: fn.arn, roleArn: role.arn, deadLetterConfig: { arn: dlq.arn } } });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("flags a target and a schedule without a dead-letter config", async () => {
        const r = await run(RULE, () => {
            const fn = lambda("nightly");
            const rule = new aws.cloudwatch.EventRule("nightly", { scheduleExpression: "rate(1 day)" });
            new aws.cloudwatch.EventTarget("nightly", { rule: rule.name, arn: fn.arn });
            const role = new aws.iam.Role("scheduler", { assumeRolePolicy: "{}" });
            new aws.scheduler.Schedule("hourly", { flexibleTimeWindow: { mode: "OFF" }, scheduleExpression: "rate(1 hour)", target: { arn: fn.arn, roleArn: role.arn } });
        });
        assert.deepEqual(r.violations, ["hourly mandatory", "nightly mandatory"]);
        assert.match(r.messages["nightly"], /target has no deadLetterConfig; set deadLetterConfig: \{ arn: dlq.arn \}/);
        assert.match(r.messages["hourly"], /schedule has no target.deadLetterConfig/);
    });
});
