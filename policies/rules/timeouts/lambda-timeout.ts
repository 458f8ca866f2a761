import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

/** Lambda's own default; the provider fills it in, so "3" means "never chosen". */
const LAMBDA_DEFAULT_TIMEOUT = 3;
/** The largest timeout Lambda accepts (15 minutes). */
const LAMBDA_MAX_TIMEOUT = 900;

export const lambdaTimeout = resourceRule({
    id: "lambda-timeout",
    title: "Lambda functions set an explicit, bounded timeout",
    pillar: "timeouts",
    description:
        "A Lambda function sets `timeout` explicitly and at most `maxSeconds`. The Pulumi engine fills the 3 s default into an absent timeout before policies run, so 3 counts as unset: the verdict is the same with or without the engine.",
    remediation: [
        "Choose the timeout from the function's real latency budget:",
        "```ts",
        "new aws.lambda.Function(\"worker\", { timeout: 30, ... });",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "The 3 s default is nobody's decision: callers and queues then time out in ways no one planned for.",
    byDefault: { shown: true, why: "The 3 s default fails most functions that call anything; a timeout above the caller's wastes work and money." },
    resourceTypes: [aws.lambda.Function],
    anchors: {
        cdkNag: ["Serverless-LambdaDefaultTimeout"],
        awsConfig: ["lambda-function-settings-check"],
        other: ["SR ES1006"],
        wellArchitected: ["REL05-BP05"],
    },
    config: z.object({
        maxSeconds: z.number().int().min(1).max(900).default(900).describe("Largest timeout allowed, in seconds."),
    }),
    check(fn, { config }) {
        const raw = fn.value("timeout");
        const timeout = fn.number("timeout");
        // Lambda takes whole seconds from 1 to 900; anything else fails at deploy time or is a typo.
        if (raw !== undefined && raw !== null && (timeout === undefined || !Number.isInteger(timeout) || timeout < 1 || timeout > LAMBDA_MAX_TIMEOUT)) {
            return [violation(`timeout ${fn.show("timeout")} is not a valid Lambda timeout; set a whole number of seconds from 1 to ${Math.min(config.maxSeconds, LAMBDA_MAX_TIMEOUT)}.`)];
        }
        if (timeout === undefined || timeout === LAMBDA_DEFAULT_TIMEOUT) {
            return [violation(`timeout is ${timeout === undefined ? "unset" : "the 3 s default"}; set timeout explicitly to the function's latency budget (at most ${config.maxSeconds} s).`)];
        }
        if (timeout > config.maxSeconds) {
            return [violation(`timeout is ${fn.show("timeout")} s; keep it at most ${config.maxSeconds} s (policy config maxSeconds).`)];
        }
        return [];
    },
});
