import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { dottedPath, taskStatesOf, unknownStructure } from "../../lib/step-functions";
import { containsUnknown, isRecord, isUnknown } from "../../lib/values";

/** States Language default when a retrier leaves BackoffRate out. */
const DEFAULT_BACKOFF_RATE = 2.0;
/** More failing states than this are summarised in one finding. */
const MAX_REPORTED = 20;

/** Whether a value this rule judges is unknown in a definition judged by its structure. */
function judgedPartsUnknown(state: Record<string, unknown>): boolean {
    const retry = state.Retry;
    const retriers = Array.isArray(retry) ? retry : [];
    return (
        isUnknown(retry) ||
        isUnknown(state.Catch) ||
        (Array.isArray(state.Catch) && state.Catch.some(isUnknown)) ||
        retriers.some((r) => isUnknown(r) || (isRecord(r) && [r.MaxAttempts, r.BackoffRate, r.JitterStrategy].some(containsUnknown)))
    );
}

function problemsOf(state: Record<string, unknown>, maxAttempts: number, requireJitter: boolean, requireCatch: boolean): string[] {
    const problems: string[] = [];
    const retriers = Array.isArray(state.Retry) ? state.Retry.filter(isRecord) : [];
    // A retrier with MaxAttempts 0 says "never retry these errors" (e.g. validation errors): fine, but it is not a retry.
    const retrying = retriers.filter((r) => !(typeof r.MaxAttempts === "number" && r.MaxAttempts === 0));
    if (retrying.length === 0) {
        problems.push("no Retry");
    }
    for (const r of retrying) {
        const errors = Array.isArray(r.ErrorEquals) ? r.ErrorEquals.map((e) => (isUnknown(e) ? "?" : String(e))).join(",") : "?";
        const where = `Retry[${errors}]`;
        if (typeof r.MaxAttempts !== "number") {
            problems.push(`${where} has no MaxAttempts`);
        } else if (r.MaxAttempts > maxAttempts) {
            problems.push(`${where} MaxAttempts ${r.MaxAttempts} > ${maxAttempts}`);
        }
        const rate = r.BackoffRate === undefined ? DEFAULT_BACKOFF_RATE : r.BackoffRate;
        if (typeof rate !== "number" || rate <= 1) {
            problems.push(`${where} BackoffRate ${String(rate)} is not > 1`);
        }
        if (requireJitter && r.JitterStrategy !== "FULL") {
            problems.push(`${where} JitterStrategy is ${r.JitterStrategy === undefined ? "unset (NONE)" : String(r.JitterStrategy)}`);
        }
    }
    if (requireCatch && !(Array.isArray(state.Catch) && state.Catch.length > 0)) {
        problems.push("no Catch");
    }
    return problems;
}

export const sfnRetryJitter = resourceRule({
    id: "sfn-retry-jitter",
    title: "Step Functions Task states retry with backoff and jitter, and catch",
    pillar: "retries",
    description:
        "Every Task state of a state machine (including Parallel branches and Map item processors) has a `Retry` whose retriers set `MaxAttempts` (at most `maxAttempts`), `BackoffRate` > 1 and `JitterStrategy: \"FULL\"`, plus a `Catch`.",
    remediation: [
        "Give every Task state a bounded, jittered retry and a Catch that routes to a failure path:",
        "```ts",
        "const definition = pulumi.jsonStringify({",
        "    StartAt: \"Charge\",",
        "    States: {",
        "        Charge: {",
        "            Type: \"Task\", Resource: chargeFn.arn, End: true,",
        "            Retry: [{ ErrorEquals: [\"States.ALL\"], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: \"FULL\" }],",
        "            Catch: [{ ErrorEquals: [\"States.ALL\"], Next: \"Failed\" }],",
        "        },",
        "        Failed: { Type: \"Fail\" },",
        "    },",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: a Task without Retry fails the execution on the first transient error, and retries without jitter make every execution that failed together retry together (a thundering herd on a recovering dependency); a Task without Catch ends the execution with no compensation. The harm depends on the workflow, so the rule advises.",
    byDefault: { shown: true, why: "Retries without backoff and jitter hit a recovering dependency in lockstep; Task states without Catch fail the whole execution." },
    resourceTypes: [aws.sfn.StateMachine],
    structureInputs: [{ type: aws.sfn.StateMachine, property: "definition" }],
    anchors: { gap: true, wellArchitected: ["REL05-BP03", "REL05-BP01"] },
    config: z.object({
        maxAttempts: z.number().int().min(1).max(100).default(10).describe("Largest MaxAttempts a retrier may use."),
        requireJitter: z.boolean().default(true).describe("Require JitterStrategy \"FULL\" on every retrier."),
        requireCatch: z.boolean().default(true).describe("Require a Catch on every Task state."),
    }),
    check(sm, { config }) {
        const definition = sm.json("definition");
        if (definition.kind === "unknown") {
            return [unresolvable("definition", "the definition is built from values that are only known after deployment (e.g. pulumi.jsonStringify over new ARNs)")];
        }
        if (definition.kind === "absent") {
            return [];
        }
        if (definition.kind === "invalid" || !isRecord(definition.value)) {
            return [violation(`definition is not a JSON object (${definition.kind === "invalid" ? definition.reason : typeof definition.value}); Step Functions will reject it.`)];
        }
        const hidden = unknownStructure(definition.value.States);
        if (hidden !== undefined) {
            return [unresolvable("definition", `state ${hidden} is built from values only known after deployment, so its Task states are not all visible`)];
        }
        const tasks = taskStatesOf(definition.value.States);
        const undecided = tasks.filter((t) => judgedPartsUnknown(t.state)).map(dottedPath);
        const failing = tasks
            .filter((t) => !judgedPartsUnknown(t.state))
            .map((t) => ({ path: dottedPath(t), problems: problemsOf(t.state, config.maxAttempts, config.requireJitter, config.requireCatch) }))
            .filter((t) => t.problems.length > 0);
        const findings: Finding[] = failing
            .slice(0, MAX_REPORTED)
            .map((t) => violation(`Task state ${t.path}: ${t.problems.join("; ")}. Add Retry [{ ErrorEquals, MaxAttempts ≤ ${config.maxAttempts}, BackoffRate > 1, JitterStrategy: "FULL" }] and a Catch.`));
        if (failing.length > MAX_REPORTED) {
            findings.push(violation(`${failing.length - MAX_REPORTED} more Task states lack a bounded, jittered Retry or a Catch.`));
        }
        if (undecided.length > 0) {
            findings.push(unresolvable("definition", `the Retry or Catch of Task state ${undecided.slice(0, MAX_REPORTED).join(", ")} is built from values only known after deployment`));
        }
        return findings;
    },
});
