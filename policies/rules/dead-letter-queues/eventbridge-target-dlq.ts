import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

export const eventbridgeTargetDlq = resourceRule({
    id: "eventbridge-target-dlq",
    title: "EventBridge targets and schedules keep undeliverable events",
    pillar: "dead-letter-queues",
    description: "An EventBridge rule target has `deadLetterConfig.arn`, and an EventBridge Scheduler schedule has `target.deadLetterConfig.arn` (a standard SQS queue).",
    remediation: [
        "Point the target's dead-letter config at a standard SQS queue:",
        "```ts",
        "new aws.cloudwatch.EventTarget(\"nightly\", { rule: rule.name, arn: fn.arn, deadLetterConfig: { arn: eventsDlq.arn } });",
        "new aws.scheduler.Schedule(\"hourly\", { ..., target: { arn: fn.arn, roleArn: role.arn, deadLetterConfig: { arn: eventsDlq.arn } } });",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "When retries run out (24 h / 185 attempts by default) or the target rejects the event, EventBridge drops it; a DLQ keeps it with the error attached.",
    byDefault: { shown: true, why: "Events EventBridge cannot deliver are dropped without a dead-letter queue: silent data loss." },
    resourceTypes: [aws.cloudwatch.EventTarget, aws.scheduler.Schedule],
    anchors: { cdkNag: ["Serverless-EventBusDLQ"], other: ["SR ES4000"], wellArchitected: ["REL05-BP04"] },
    config: z.object({}),
    check(resource) {
        const schedule = resource.type === aws.scheduler.Schedule;
        const path = schedule ? "target.deadLetterConfig.arn" : "deadLetterConfig.arn";
        const read = resource.read(path);
        if (!read.known || (typeof read.value === "string" && read.value !== "")) {
            return [];
        }
        return [
            violation(
                schedule
                    ? "the schedule has no target.deadLetterConfig; set target.deadLetterConfig: { arn: dlq.arn } (a standard SQS queue) so events that exhaust retries are kept."
                    : "the target has no deadLetterConfig; set deadLetterConfig: { arn: dlq.arn } (a standard SQS queue) so events that exhaust retries are kept.",
            ),
        ];
    },
});
