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
        "An `aws.cloudwatch.EventTarget`'s `retryPolicy`, or an `aws.scheduler.Schedule`'s `target.retryPolicy`, retries at most `maxRetryAttempts` times for at most `maxEventAgeSeconds`; absent values are AWS's default (185 attempts over 24 hours, with backoff), so the rule only fires when the config asks for tighter limits than that.",
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
        "Mandatory once a team sets its limits: beyond them a failing or throttled target keeps receiving retries that add load while it tries to recover, and events arrive later than consumers that assume they are fresh can use them.",
    byDefault: { shown: false, why: "The default retry policy (185 attempts over 24 h, with exponential backoff) is already bounded, so a target without one is not a fault. Turn it on with maxRetryAttempts / maxEventAgeSeconds to enforce a tighter delivery window." },
    resourceTypes: [aws.cloudwatch.EventTarget, aws.scheduler.Schedule],
    anchors: { gap: true, wellArchitected: ["REL05-BP03"] },
    config: z.object({
        maxRetryAttempts: z.number().int().min(0).max(DEFAULT_ATTEMPTS).default(DEFAULT_ATTEMPTS).describe("Largest maximumRetryAttempts allowed (0–185)."),
        maxEventAgeSeconds: z.number().int().min(60).max(DEFAULT_AGE_SECONDS).default(DEFAULT_AGE_SECONDS).describe("Largest maximumEventAgeInSeconds allowed (60–86400)."),
    }),
    check(target, { config }) {
        // Judge the behaviour: an absent policy or field means AWS's bounded default (185 attempts
        // over 24 h, with exponential backoff), which is compared with the limits like any value.
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
        const problems: string[] = [];
        if (n > config.maxRetryAttempts) {
            problems.push(`maximumRetryAttempts is ${typeof attempts.value === "number" ? n : "unset (the default, 185)"}; set it to at most ${config.maxRetryAttempts}`);
        }
        if (seconds > config.maxEventAgeSeconds) {
            problems.push(`maximumEventAgeInSeconds is ${typeof age.value === "number" ? seconds : "unset (the default, 86400)"}; set it to at most ${config.maxEventAgeSeconds}`);
        }
        return problems.length > 0 ? [violation(`${base}: ${problems.join("; ")} (policy config).`)] : [];
    },
});
