import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

/** The provider's value for "no reservation" (also what absent means). */
const UNRESERVED = -1;

export const lambdaReservedConcurrency = resourceRule({
    id: "lambda-reserved-concurrency",
    title: "Lambda functions reserve their own concurrency",
    pillar: "bulkheads",
    description:
        "A Lambda function sets `reservedConcurrentExecutions` between `minReserved` and `maxReserved`, so it has a guaranteed share of the account's concurrency and cannot take everyone else's. 0 is not a bulkhead but a disabled function: it is reported here and, as mandatory, by `lambda-concurrency-disabled`.",
    remediation: [
        "Reserve what the function needs at peak (and what its downstream systems can take):",
        "```ts",
        "new aws.lambda.Function(\"checkout\", { reservedConcurrentExecutions: 50, ... });",
        "```",
        "Functions that should share the unreserved pool on purpose (rarely used tools, low-traffic handlers) can be exempted with the tag `faultguard:exempt:lambda-reserved-concurrency`.",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: unreserved functions share one pool, so a burst or a retry storm in one of them throttles all the others (no bulkhead). But every reservation also shrinks the pool the others share (the lesson of checkov #3637), so reserving for every function is not always right; the rule advises, takes configurable bounds and an opt-out per function.",
    byDefault: { shown: false, why: "Reserving concurrency also caps the function and takes capacity from every other function in the account; on real programs most findings were single event-triggered functions where a reviewer would not reserve any. Turn it on where functions compete for the account's pool." },
    resourceTypes: [aws.lambda.Function],
    anchors: {
        cdkNag: ["HIPAA.Security-LambdaConcurrency", "NIST.800.53.R5-LambdaConcurrency"],
        checkov: ["CKV_AWS_115"],
        awsConfig: ["lambda-concurrency-check"],
        wellArchitected: ["REL10-BP04", "REL05-BP02"],
    },
    config: z.object({
        minReserved: z.number().int().min(1).default(1).describe("Smallest reservedConcurrentExecutions allowed (above 0)."),
        maxReserved: z.number().int().min(1).default(900).describe("Largest reservedConcurrentExecutions allowed (AWS keeps 100 of the default 1,000 unreserved)."),
    }),
    check(fn, { config }) {
        const reserved = fn.number("reservedConcurrentExecutions");
        if (reserved === 0) {
            return [violation(`reservedConcurrentExecutions is 0, which disables the function rather than bounding it (see lambda-concurrency-disabled); set it between ${config.minReserved} and ${config.maxReserved}.`)];
        }
        if (reserved === undefined || reserved === UNRESERVED) {
            return [violation(`reservedConcurrentExecutions is ${reserved === undefined ? "unset" : "-1 (the default)"} (the function shares the account's unreserved pool); set it to the function's peak need, between ${config.minReserved} and ${config.maxReserved}.`)];
        }
        if (reserved < config.minReserved || reserved > config.maxReserved) {
            return [violation(`reservedConcurrentExecutions is ${reserved}; keep it between ${config.minReserved} and ${config.maxReserved} (policy config minReserved/maxReserved).`)];
        }
        return [];
    },
});
