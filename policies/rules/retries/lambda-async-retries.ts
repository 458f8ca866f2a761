import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { asyncInvokersOf, eventInvokeConfigsOf } from "../../lib/links/messaging";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";

/** Lambda's async defaults; the provider fills in maximumRetryAttempts = 2 when it is left out. */
const DEFAULT_RETRIES = 2;
const MAX_EVENT_AGE = 21600;

export const lambdaAsyncRetries = stackRule({
    id: "lambda-async-retries",
    title: "Asynchronously invoked Lambda functions bound their retries and event age",
    pillar: "retries",
    description:
        "Every `aws.lambda.FunctionEventInvokeConfig` sets `maximumEventAgeInSeconds` (at most `maxEventAgeSeconds`) and keeps `maximumRetryAttempts` (2 when left out) at most `maxRetryAttempts`; and a function that something invokes asynchronously (SNS, S3, EventBridge, Scheduler, a service permission) has such a config.",
    remediation: [
        "Decide how often a failed event is retried and how long it is still worth processing:",
        "```ts",
        "new aws.lambda.FunctionEventInvokeConfig(\"worker\", {",
        "    functionName: worker.name,",
        "    maximumRetryAttempts: 1,        // 0–2; 0 when the handler is not idempotent",
        "    maximumEventAgeInSeconds: 3600, // 60–21600",
        "    destinationConfig: { onFailure: { destination: failures.arn } },",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: Lambda's async defaults are already bounded (2 retries, events kept up to 6 h), so the harm is not immediate; but nobody chose them, and a handler that is not idempotent repeats its side effects on every retry, while throttled events arrive up to 6 h late. The rule makes the choice explicit. Functions invoked only synchronously (API Gateway, ALB, direct calls) or through event source mappings are not judged.",
    resourceTypes: [aws.lambda.FunctionEventInvokeConfig, aws.lambda.Function],
    anchors: { gap: true, wellArchitected: ["REL05-BP03", "REL04-BP04"] },
    config: z.object({
        maxRetryAttempts: z.number().int().min(0).max(DEFAULT_RETRIES).default(DEFAULT_RETRIES).describe("Largest maximumRetryAttempts allowed (0–2)."),
        maxEventAgeSeconds: z.number().int().min(60).max(MAX_EVENT_AGE).default(MAX_EVENT_AGE).describe("Largest maximumEventAgeInSeconds allowed (60–21600)."),
        requireInvokeConfig: z.boolean().default(true).describe("Flag asynchronously invoked functions that have no FunctionEventInvokeConfig."),
    }),
    check(r, { config, graph }) {
        if (r.type === aws.lambda.Function) {
            if (!config.requireInvokeConfig || eventInvokeConfigsOf(graph, r).length > 0) {
                return [];
            }
            const invokers = asyncInvokersOf(graph, r).filter((i) => i.kind !== "event-invoke-config");
            if (invokers.length === 0) {
                return [];
            }
            const by = [...new Set(invokers.map((i) => `${i.resource.name} (${i.principal ?? i.kind})`))].sort().join(", ");
            return [violation(`the function is invoked asynchronously by ${by} but has no aws.lambda.FunctionEventInvokeConfig; add one with maximumRetryAttempts (≤ ${config.maxRetryAttempts}) and maximumEventAgeInSeconds (≤ ${config.maxEventAgeSeconds}).`)];
        }
        const findings: Finding[] = [];
        const retries = r.read("maximumRetryAttempts");
        if (!retries.known) {
            findings.push(unresolvable("maximumRetryAttempts"));
        } else {
            const n = typeof retries.value === "number" ? retries.value : DEFAULT_RETRIES;
            if (n > config.maxRetryAttempts) {
                findings.push(violation(`maximumRetryAttempts is ${typeof retries.value === "number" ? n : "unset (2)"}; set it to at most ${config.maxRetryAttempts} (policy config maxRetryAttempts).`));
            }
        }
        const age = r.read("maximumEventAgeInSeconds");
        if (!age.known) {
            findings.push(unresolvable("maximumEventAgeInSeconds"));
        } else if (typeof age.value !== "number") {
            findings.push(violation(`maximumEventAgeInSeconds is unset (events are retried for up to 6 h); set it to how long an event is still worth processing (60–${config.maxEventAgeSeconds} s).`));
        } else if (age.value > config.maxEventAgeSeconds) {
            findings.push(violation(`maximumEventAgeInSeconds is ${age.value}; set it to at most ${config.maxEventAgeSeconds} (policy config maxEventAgeSeconds).`));
        }
        return findings;
    },
});
