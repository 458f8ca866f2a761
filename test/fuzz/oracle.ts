// A property-based oracle for rules that could wrongly PASS (issue 11): stacks with every value
// known are generated together with the verdict AWS's own limits and the rule's documented
// threshold imply, computed here independently of the rule's code. A resource the oracle says must
// fail that the pack lets pass is a false "passed", the worst outcome a compliance tool can have.
import fc from "fast-check";
import { type JsonObject, type JsonValue } from "../../preview/src/capture/values";
import { type GeneratedResource } from "./arbitraries";
import { buildRequests } from "../../bench/measure";
import { type PolicyPackProcess } from "../../preview/src/analyzer/pack";
import { type Diagnostic } from "../../preview/src/analyzer/types";
import { nameOfUrn } from "../../preview/src/capture/urn";
import { sharedPack } from "../support/analyze";
import { classify, configureDefaults, toAnalyzerResources } from "./harness";

/** A generated stack, the rule it tests and the names of the resources that rule must flag. */
export interface OracleCase {
    rule: string;
    stack: GeneratedResource[];
    mustFail: string[];
    mustPass: string[];
}

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** A numeric setting as programs write it: a number, a decimal or odd string, or absent. */
const settingArb = (ints: fc.Arbitrary<number>): fc.Arbitrary<JsonValue | undefined> =>
    fc.oneof(
        { weight: 6, arbitrary: ints },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: ints.map((n) => String(n)) },
        { weight: 1, arbitrary: fc.double({ min: -10, max: 1000, noNaN: true }).filter((d) => !Number.isInteger(d)) },
        { weight: 1, arbitrary: fc.constantFrom("0x3c", "1e2", " 7", "", "sixty", true as JsonValue, null as JsonValue) },
    );

/** The value as a whole number of seconds/counts when it is one (number or plain decimal string). */
function wholeNumber(value: JsonValue | undefined): number | undefined {
    if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
    if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
    return undefined;
}

function withValue(props: JsonObject, key: string, value: JsonValue | undefined): JsonObject {
    return value === undefined ? props : { ...props, [key]: value };
}

function known(type: string, name: string, inputs: JsonObject, extra: JsonObject = {}): GeneratedResource {
    const service = type.split(":")[1].split("/")[0];
    const arn = `arn:aws:${service}:${REGION}:${ACCOUNT}:${name}`;
    return { type, name, inputs, outputs: { id: name, arn, name, ...inputs, ...extra }, dependencies: [], propertyDependencies: {} };
}

/** lambda-timeout: Lambda takes whole seconds 1..900; 3 is the unchosen default; maxSeconds 900. */
export const lambdaTimeoutCase: fc.Arbitrary<OracleCase> = fc.array(settingArb(fc.integer({ min: -5, max: 1000 })), { minLength: 1, maxLength: 4 }).map((timeouts) => {
    const stack = timeouts.map((t, i) => known("aws:lambda/function:Function", `fn${i}`, withValue({ runtime: "nodejs20.x", handler: "index.handler", role: `arn:aws:iam::${ACCOUNT}:role/r` }, "timeout", t)));
    const ok = (t: JsonValue | undefined) => {
        const n = wholeNumber(t);
        return n !== undefined && n >= 1 && n <= 900 && n !== 3;
    };
    return {
        rule: "lambda-timeout",
        stack,
        mustFail: stack.filter((_, i) => !ok(timeouts[i])).map((r) => r.name),
        mustPass: stack.filter((_, i) => ok(timeouts[i])).map((r) => r.name),
    };
});

/**
 * sqs-visibility-timeout: a queue read by a Lambda event source mapping needs
 * visibilityTimeoutSeconds ≥ 6 × the function's timeout + maximumBatchingWindowInSeconds
 * (defaults 30, 3 and 0). Values are valid ones here: the verdict is then unambiguous.
 */
export const sqsVisibilityTimeoutCase: fc.Arbitrary<OracleCase> = fc
    .record({
        visibility: fc.option(fc.integer({ min: 0, max: 43_200 }), { nil: undefined }),
        timeout: fc.option(fc.integer({ min: 1, max: 900 }), { nil: undefined }),
        window: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
        byArn: fc.boolean(),
    })
    .map(({ visibility, timeout, window, byArn }) => {
        const queue = known("aws:sqs/queue:Queue", "jobs", withValue({}, "visibilityTimeoutSeconds", visibility));
        const fn = known("aws:lambda/function:Function", "worker", withValue({ runtime: "nodejs20.x", handler: "index.handler" }, "timeout", timeout));
        const esm = known(
            "aws:lambda/eventSourceMapping:EventSourceMapping",
            "jobs-worker",
            withValue({ eventSourceArn: queue.outputs.arn as string, functionName: byArn ? (fn.outputs.arn as string) : "worker" }, "maximumBatchingWindowInSeconds", window),
        );
        esm.dependencies = [0, 1];
        esm.propertyDependencies = { eventSourceArn: [0], functionName: [1] };
        const fails = (visibility ?? 30) < 6 * (timeout ?? 3) + (window ?? 0);
        return { rule: "sqs-visibility-timeout", stack: [queue, fn, esm], mustFail: fails ? ["jobs"] : [], mustPass: fails ? [] : ["jobs"] };
    });

/** sqs-max-receive-count: a redrive policy's maxReceiveCount is a whole number within 5..10. */
export const sqsMaxReceiveCountCase: fc.Arbitrary<OracleCase> = fc
    .record({ count: settingArb(fc.integer({ min: 0, max: 20 })), asString: fc.boolean() })
    .map(({ count, asString }) => {
        const dlq = known("aws:sqs/queue:Queue", "dlq", {});
        const policy = withValue({ deadLetterTargetArn: dlq.outputs.arn as string }, "maxReceiveCount", count);
        const queue = known("aws:sqs/queue:Queue", "jobs", { redrivePolicy: asString ? JSON.stringify(policy) : policy });
        queue.dependencies = [0];
        queue.propertyDependencies = { redrivePolicy: [0] };
        const n = wholeNumber(count);
        const fails = n === undefined || n < 5 || n > 10;
        return { rule: "sqs-max-receive-count", stack: [dlq, queue], mustFail: fails ? ["jobs"] : [], mustPass: fails ? [] : ["jobs"] };
    });

export const ORACLES: Record<string, fc.Arbitrary<OracleCase>> = {
    "lambda-timeout": lambdaTimeoutCase,
    "sqs-visibility-timeout": sqsVisibilityTimeoutCase,
    "sqs-max-receive-count": sqsMaxReceiveCountCase,
};

/** One stack through the pack; the (policy, resource name) of every violation, and any escape. */
async function verdicts(pack: PolicyPackProcess, stack: readonly GeneratedResource[]): Promise<{ flagged: Array<{ policy: string; name: string }>; escapes: string[] }> {
    const requests = buildRequests(pack, toAnalyzerResources(stack));
    const diagnostics: Diagnostic[] = [];
    for (const request of requests.analyze) diagnostics.push(...(await pack.analyze(request)).diagnostics);
    diagnostics.push(...(await pack.analyzeStack(requests.stack)).diagnostics);
    const flagged: Array<{ policy: string; name: string }> = [];
    const escapes: string[] = [];
    for (const d of diagnostics) {
        const outcome = classify(d);
        if (outcome.kind === "escape") escapes.push(outcome.detail);
        else if (outcome.kind === "violation") flagged.push({ policy: d.policyName, name: nameOfUrn(d.urn) });
    }
    return { flagged, escapes };
}

/** Runs `runs` oracle cases through the pack; returns the first disagreement (shrunk), if any. */
export async function checkOracle(rule: string, options: { runs: number; seed?: number }): Promise<string | undefined> {
    const pack = await sharedPack();
    await configureDefaults(pack);
    const details = await fc.check(
        fc.asyncProperty(ORACLES[rule], async (c) => {
            const { escapes, flagged } = await verdicts(pack, c.stack);
            if (escapes.length > 0) throw new Error(escapes.join("\n"));
            const byRule = new Set(flagged.filter((f) => f.policy === c.rule).map((f) => f.name));
            const falsePasses = c.mustFail.filter((name) => !byRule.has(name));
            const falseFails = c.mustPass.filter((name) => byRule.has(name));
            if (falsePasses.length > 0) throw new Error(`${c.rule} PASSED ${falsePasses.join(", ")}, which must fail`);
            if (falseFails.length > 0) throw new Error(`${c.rule} flagged ${falseFails.join(", ")}, which must pass`);
        }),
        { numRuns: options.runs, seed: options.seed },
    );
    if (!details.failed) return undefined;
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    return `${error}\n  reproduce: seed ${details.seed}, path "${details.counterexamplePath}"\n  stack: ${JSON.stringify(details.counterexample?.[0].stack.map((r) => ({ name: r.name, inputs: r.inputs })))}`;
}
