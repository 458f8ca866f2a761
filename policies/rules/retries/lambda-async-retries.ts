import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { asyncInvokersOf, eventInvokeConfigsOf } from "../../lib/links/messaging";
import { type ResourceView } from "../../lib/resource";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";

/** Lambda's async defaults; the provider fills in maximumRetryAttempts = 2 when it is left out. */
const DEFAULT_RETRIES = 2;
const MAX_EVENT_AGE = 21600;

/** "`property` (Lambda's `absent` default when unset) is at most the configured `max`": its finding, if any. */
function atMost(r: ResourceView, property: string, absent: { value: number; shown: string }, max: number, configKey: string): Finding[] {
    const read = r.read(property);
    if (!read.known) {
        return [unresolvable(property)];
    }
    const value = typeof read.value === "number" ? read.value : absent.value;
    return value > max ? [violation(`${property} is ${typeof read.value === "number" ? value : absent.shown}; set it to at most ${max} (policy config ${configKey}).`)] : [];
}

export const lambdaAsyncRetries = stackRule({
    id: "lambda-async-retries",
    title: "Asynchronously invoked Lambda functions bound their retries and event age",
    pillar: "retries",
    description:
        "Every `aws.lambda.FunctionEventInvokeConfig` keeps `maximumRetryAttempts` (2 when left out) at most `maxRetryAttempts` and `maximumEventAgeInSeconds` (6 h when left out) at most `maxEventAgeSeconds`; with `requireInvokeConfig`, a function that something invokes asynchronously (SNS, S3, EventBridge, Scheduler, a service permission) also has such a config.",
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
        "Advisory: Lambda's async defaults are already bounded (2 retries, events kept up to 6 h), so they are judged like any value against the configured limits; a handler that is not idempotent repeats its side effects on every retry, and throttled events may arrive up to 6 h late. Functions invoked only synchronously (API Gateway, ALB, direct calls) or through event source mappings are not judged.",
    byDefault: { shown: false, why: "Lambda's asynchronous defaults (2 retries, events kept up to 6 h) are already bounded, so a function without an invoke config is not a fault. Turn it on with maxRetryAttempts / maxEventAgeSeconds to enforce tighter limits." },
    resourceTypes: [aws.lambda.FunctionEventInvokeConfig, aws.lambda.Function],
    anchors: { gap: true, wellArchitected: ["REL05-BP03", "REL04-BP04"] },
    config: z.object({
        maxRetryAttempts: z.number().int().min(0).max(DEFAULT_RETRIES).default(DEFAULT_RETRIES).describe("Largest maximumRetryAttempts allowed (0–2)."),
        maxEventAgeSeconds: z.number().int().min(60).max(MAX_EVENT_AGE).default(MAX_EVENT_AGE).describe("Largest maximumEventAgeInSeconds allowed (60–21600)."),
        requireInvokeConfig: z
            .boolean()
            .default(false)
            .describe("Also flag asynchronously invoked functions that have no FunctionEventInvokeConfig (their defaults are bounded, so this asks for an explicit choice)."),
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
        // Absent means Lambda's bounded defaults (2 retries, 6 h): judged like any value.
        return [
            ...atMost(r, "maximumRetryAttempts", { value: DEFAULT_RETRIES, shown: "unset (2)" }, config.maxRetryAttempts, "maxRetryAttempts"),
            ...atMost(r, "maximumEventAgeInSeconds", { value: MAX_EVENT_AGE, shown: "unset (6 h)" }, config.maxEventAgeSeconds, "maxEventAgeSeconds"),
        ];
    },
});
