import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { dottedPath, taskStatesOf, unknownStructure } from "../../lib/step-functions";
import { isRecord, isUnknown } from "../../lib/values";

/** Errors the Lambda service itself raises on a small share of invocations (not the function's own errors). */
const TRANSIENT_LAMBDA_ERRORS = ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"];
/** Error names that match every Lambda task failure. */
const CATCH_ALL = new Set(["States.ALL", "States.TaskFailed"]);
const MAX_REPORTED = 20;

/** Resource ARNs of tasks that invoke Lambda: the optimized integration, the SDK integration, or a function ARN. */
function invokesLambda(resource: unknown): boolean | "unknown" {
    if (isUnknown(resource)) {
        return "unknown";
    }
    if (typeof resource !== "string") {
        return false;
    }
    return /^arn:[^:]+:states:::lambda:invoke/.test(resource) || /^arn:[^:]+:states:::aws-sdk:lambda:invoke/.test(resource) || /^arn:[^:]+:lambda:/.test(resource);
}

/**
 * The transient errors no retrier retries: for each, the first retrier that matches it decides
 * (States Language order). "unknown" when the retriers are computed in this preview.
 */
function unretried(state: Record<string, unknown>, errors: readonly string[]): string[] | "unknown" {
    if (isUnknown(state["Retry"]) || (Array.isArray(state["Retry"]) && state["Retry"].some((r) => isUnknown(r) || (isRecord(r) && (isUnknown(r["ErrorEquals"]) || isUnknown(r["MaxAttempts"])))))) {
        return "unknown";
    }
    const retriers = Array.isArray(state["Retry"]) ? state["Retry"].filter(isRecord) : [];
    return errors.filter((error) => {
        const first = retriers.find((r) => Array.isArray(r["ErrorEquals"]) && r["ErrorEquals"].some((e) => e === error || (typeof e === "string" && CATCH_ALL.has(e))));
        // MaxAttempts defaults to 3; 0 means "never retry".
        return first === undefined || first["MaxAttempts"] === 0;
    });
}

export const sfnLambdaRetry = stackRule({
    id: "sfn-lambda-retry",
    title: "Step Functions Lambda tasks retry the Lambda service's transient errors",
    pillar: "retries",
    description:
        "Every Task state of an `aws.sfn.StateMachine` that invokes Lambda (`arn:aws:states:::lambda:invoke`, or a function ARN as `Resource`) has a retrier whose `ErrorEquals` covers `Lambda.ServiceException`, `Lambda.AWSLambdaException`, `Lambda.SdkClientException` and `Lambda.TooManyRequestsException` (listed, or through `States.ALL` / `States.TaskFailed`) and does not set `MaxAttempts: 0`. Catch is judged by sfn-retry-jitter.",
    remediation: [
        "Retry the Lambda service's own transient errors (the retrier the Step Functions console adds to every Lambda task):",
        "```ts",
        "Charge: {",
        "    Type: \"Task\", Resource: \"arn:aws:states:::lambda:invoke\", Parameters: { FunctionName: charge.arn, \"Payload.$\": \"$\" },",
        "    Retry: [{",
        "        ErrorEquals: [\"Lambda.ServiceException\", \"Lambda.AWSLambdaException\", \"Lambda.SdkClientException\", \"Lambda.TooManyRequestsException\"],",
        "        IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: \"FULL\",",
        "    }],",
        "    Catch: [{ ErrorEquals: [\"States.ALL\"], Next: \"ChargeFailed\" }],",
        "    Next: \"Ship\",",
        "},",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "The Lambda service fails a small share of invocations with service errors and throttles that a retry absorbs; AWS's Step Functions guidance is to retry them on every Lambda task. Without the retrier each such blip fails the whole execution, and at volume that is a steady stream of failed workflows nobody caused.",
    byDefault: { shown: true, why: "Lambda's transient service errors fail a Task that does not retry them, and the whole execution with it." },
    resourceTypes: [aws.sfn.StateMachine],
    structureInputs: [{ type: aws.sfn.StateMachine, property: "definition" }],
    anchors: { gap: true, other: ["Step Functions best practices: handle transient Lambda service exceptions"], wellArchitected: ["REL05-BP03"] },
    config: z.object({
        errors: z
            .array(z.string().min(1))
            .min(1)
            .default([...TRANSIENT_LAMBDA_ERRORS])
            .describe("Error names every Lambda task must retry (States.ALL or States.TaskFailed cover them all)."),
    }),
    check(sm, { config }) {
        const definition = sm.json("definition");
        if (definition.kind === "unknown") {
            return [unresolvable("definition", "the definition is built from values that are only known after deployment (e.g. pulumi.jsonStringify over new ARNs)")];
        }
        if (definition.kind !== "ok" || !isRecord(definition.value)) {
            return []; // Absent or not JSON: Step Functions rejects it; sfn-retry-jitter reports a malformed definition.
        }
        const hidden = unknownStructure(definition.value["States"]);
        if (hidden !== undefined) {
            return [unresolvable("definition", `state ${hidden} is built from values only known after deployment, so its Task states are not all visible`)];
        }
        // A Resource still unknown in preview came from a resource the definition depends on: a
        // Lambda task when those are all functions, not one when none is, undecided when mixed.
        const sources = sm.propertyDependencies["definition"] ?? [];
        const functions = sources.filter((d) => d.type === aws.lambda.Function || d.type === aws.lambda.Alias).length;
        const unknownResourceIsLambda: boolean | "unknown" = functions === 0 ? false : functions === sources.length ? true : "unknown";
        const failing: Array<{ path: string; missing: string[] }> = [];
        let unknownRetry: string | undefined;
        for (const task of taskStatesOf(definition.value["States"])) {
            const { state } = task;
            const path = dottedPath(task);
            const known = invokesLambda(state["Resource"]);
            const lambda = known === "unknown" ? unknownResourceIsLambda : known;
            if (lambda === false) {
                continue;
            }
            if (lambda === "unknown") {
                unknownRetry ??= path;
                continue;
            }
            const missing = unretried(state, config.errors);
            if (missing === "unknown") {
                unknownRetry ??= path;
            } else if (missing.length > 0) {
                failing.push({ path, missing });
            }
        }
        const findings: Finding[] = failing
            .slice(0, MAX_REPORTED)
            .map((f) =>
                violation(
                    `Lambda task ${f.path} does not retry ${f.missing.join(", ")}, so one transient Lambda service error fails the execution; add Retry [{ ErrorEquals: ${JSON.stringify(config.errors)}, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: "FULL" }].`,
                ),
            );
        if (failing.length > MAX_REPORTED) {
            findings.push(violation(`${failing.length - MAX_REPORTED} more Lambda task states do not retry the Lambda service's transient errors.`));
        }
        if (unknownRetry !== undefined) {
            findings.push(unresolvable("definition", `the Retry (or, in a definition built from values known only after deployment, the Resource) of task ${unknownRetry} is computed in this preview`));
        }
        return findings;
    },
});
