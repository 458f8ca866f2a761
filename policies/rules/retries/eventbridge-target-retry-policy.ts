import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";

/** EventBridge's and Scheduler's defaults when no retry policy is given (AWS may also fill them in). */
const DEFAULT_ATTEMPTS = 185;
const DEFAULT_AGE_SECONDS = 86400;

export const eventbridgeTargetRetryPolicy = resourceRule({
    id: "eventbridge-target-retry-policy",
    title: "EventBridge rule targets and Scheduler schedules bound their retries",
    pillar: "retries",
    description:
        "An `aws.cloudwatch.EventTarget` sets `retryPolicy`, and an `aws.scheduler.Schedule` sets `target.retryPolicy`, to something other than the default of 185 attempts over 24 hours, within `maxRetryAttempts` and `maxEventAgeSeconds`.",
    remediation: [
        "Choose how long an event is still worth delivering, and send the rest to a dead-letter queue:",
        "```ts",
        "new aws.cloudwatch.EventTarget(\"orders\", {",
        "    rule: rule.name,",
        "    arn: fn.arn,",
        "    retryPolicy: { maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 },",
        "    deadLetterConfig: { arn: dlq.arn },",
        "});",
        "new aws.scheduler.Schedule(\"nightly\", {",
        "    scheduleExpression: \"cron(0 2 * * ? *)\",",
        "    flexibleTimeWindow: { mode: \"OFF\" },",
        "    target: { arn: fn.arn, roleArn: role.arn, retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 900 } },",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "Mandatory: with the default, a failing or throttled target keeps receiving retries for a full day (185 attempts), which adds load to a target that is trying to recover, and delivers events hours late and out of order to consumers that assume they are fresh. Setting the policy is one property and costs nothing.",
    resourceTypes: [aws.cloudwatch.EventTarget, aws.scheduler.Schedule],
    anchors: { gap: true, wellArchitected: ["REL05-BP03"] },
    config: z.object({
        maxRetryAttempts: z.number().int().min(0).max(DEFAULT_ATTEMPTS).default(DEFAULT_ATTEMPTS).describe("Largest maximumRetryAttempts allowed (0–185)."),
        maxEventAgeSeconds: z.number().int().min(60).max(DEFAULT_AGE_SECONDS).default(DEFAULT_AGE_SECONDS).describe("Largest maximumEventAgeInSeconds allowed (60–86400)."),
    }),
    check(target, { config }) {
        const base = target.type === aws.scheduler.Schedule ? "target.retryPolicy" : "retryPolicy";
        const policy = target.read(base);
        if (!policy.known) {
            return [unresolvable(policy.path)];
        }
        const attempts = target.read(`${base}.maximumRetryAttempts`);
        const age = target.read(`${base}.maximumEventAgeInSeconds`);
        if (!attempts.known) {
            return [unresolvable(attempts.path)];
        }
        if (!age.known) {
            return [unresolvable(age.path)];
        }
        const n = typeof attempts.value === "number" ? attempts.value : DEFAULT_ATTEMPTS;
        const seconds = typeof age.value === "number" ? age.value : DEFAULT_AGE_SECONDS;
        if (n === DEFAULT_ATTEMPTS && seconds === DEFAULT_AGE_SECONDS) {
            const what = policy.value === undefined ? `${base} is unset` : `${base} is the default`;
            return [violation(`${what} (185 attempts over 24 h); set ${base}: { maximumRetryAttempts, maximumEventAgeInSeconds } to how long an event is still worth delivering (at most ${config.maxRetryAttempts} attempts and ${config.maxEventAgeSeconds} s).`)];
        }
        const problems: string[] = [];
        if (n > config.maxRetryAttempts) {
            problems.push(`maximumRetryAttempts is ${typeof attempts.value === "number" ? n : "unset (185)"}; set it to at most ${config.maxRetryAttempts}`);
        }
        if (seconds > config.maxEventAgeSeconds) {
            problems.push(`maximumEventAgeInSeconds is ${typeof age.value === "number" ? seconds : "unset (86400)"}; set it to at most ${config.maxEventAgeSeconds}`);
        }
        return problems.length > 0 ? [violation(`${base}: ${problems.join("; ")} (policy config).`)] : [];
    },
});
