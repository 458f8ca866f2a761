import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

export const lambdaConcurrencyDisabled = resourceRule({
    id: "lambda-concurrency-disabled",
    title: "Lambda functions are not disabled by zero reserved concurrency",
    pillar: "bulkheads",
    description: "A Lambda function does not set `reservedConcurrentExecutions: 0`, which throttles every invocation.",
    remediation: [
        "Reserve a positive amount, or remove the reservation:",
        "```ts",
        "new aws.lambda.Function(\"worker\", { reservedConcurrentExecutions: 10, ... });",
        "```",
        "When 0 is a deliberate kill switch, exempt the function for the time it is off: tag `faultguard:exempt:lambda-concurrency-disabled` = `\"incident 123 expires=2027-01-31\"`.",
    ].join("\n"),
    severity: "critical",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "Mandatory: reserved concurrency 0 is not a bulkhead but an off switch: every synchronous call gets a throttling error and every asynchronous or queued event is retried and then dropped or dead-lettered. Docs once suggested 0 to satisfy a concurrency check (checkov #3637), so it appears by accident.",
    byDefault: { shown: true, why: "Reserved concurrency 0 stops every invocation: the function is switched off." },
    resourceTypes: [aws.lambda.Function],
    anchors: { checkov: ["CKV_AWS_115"], awsConfig: ["lambda-concurrency-check"], wellArchitected: ["REL05-BP02"] },
    config: z.object({}),
    check(fn) {
        if (fn.number("reservedConcurrentExecutions") === 0) {
            return [violation("reservedConcurrentExecutions is 0, so the function is throttled on every invocation; set a positive reservation (or remove it), or exempt the function while it is deliberately switched off.")];
        }
        return [];
    },
});
