import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline as analyzeInlineDefault, exemptedOf, notEvaluatedOf, violationsOf, type AnalyzeInlineOptions } from "../../../support/analyze";

/** The rule is opt-in (issue 14): these tests run it under the thorough profile, which turns opt-in rules on. */
function analyzeInline(program: () => unknown, options: AnalyzeInlineOptions = {}) {
    return analyzeInlineDefault(program, { stackTags: { "faultguard:profile": "thorough" }, ...options });
}

const RULE = "lambda-reserved-concurrency";
const DISABLED = "lambda-concurrency-disabled";

function fn(name: string, reservedConcurrentExecutions?: pulumi.Input<number>, tags?: Record<string, string>): aws.lambda.Function {
    return new aws.lambda.Function(name, {
        role: "arn:aws:iam::123456789012:role/r",
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({}),
        timeout: 30,
        reservedConcurrentExecutions,
        tags,
    });
}

describe(`${RULE} and ${DISABLED}`, () => {
    it("passes a function with a reservation inside the bounds", async () => {
        const report = await analyzeInline(() => fn("checkout", 50));
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(violationsOf(report, DISABLED), []);
    });

    it("flags an unreserved function (absent or -1) as advisory", async () => {
        const report = await analyzeInline(() => {
            fn("absent");
            fn("minus-one", -1);
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel]), [["absent", "advisory"], ["minus-one", "advisory"]]);
        // The provider's Check fills -1 into an absent value (so does the offline capture).
        assert.match(violationsOf(report, RULE)[0].message, /reservedConcurrentExecutions is -1 \(the default\)/);
    });

    it("reports 0 as a disabled function: mandatory under lambda-concurrency-disabled, advisory here", async () => {
        const report = await analyzeInline(() => fn("off", 0));
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel]), [["off", "advisory"]]);
        assert.match(violationsOf(report, RULE)[0].message, /is 0, which disables the function rather than bounding it/);
        assert.deepEqual(violationsOf(report, DISABLED).map((v) => [v.name, v.enforcementLevel]), [["off", "mandatory"]]);
        assert.match(violationsOf(report, DISABLED)[0].message, /throttled on every invocation/);
    });

    it("applies configured bounds and honours the per-function opt-out tag", async () => {
        const report = await analyzeInline(
            () => {
                fn("greedy", 500);
                fn("tool", undefined, { "faultguard:exempt:lambda-reserved-concurrency": "shares the pool on purpose" });
            },
            { policyConfig: { [RULE]: { maxReserved: 200 } } },
        );
        assert.deepEqual(violationsOf(report, RULE).map((v) => v.name), ["greedy"]);
        assert.match(violationsOf(report, RULE)[0].message, /is 500; keep it between 1 and 200/);
        assert.deepEqual(exemptedOf(report, RULE).map((v) => v.name), ["tool"]);
    });

    it("reports one could-not-evaluate when the reservation comes from a value unknown in preview", async () => {
        const report = await analyzeInline(() => fn("computed", pulumi.output(pulumi.unknown) as unknown as pulumi.Output<number>));
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((v) => v.name), ["computed"]);
        assert.deepEqual(notEvaluatedOf(report, DISABLED).map((v) => v.name), ["computed"]);
    });
});
