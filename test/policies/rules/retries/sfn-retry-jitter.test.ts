import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "sfn-retry-jitter";
const ROLE = "arn:aws:iam::123456789012:role/sfn";
const FN = "arn:aws:lambda:eu-west-1:123456789012:function:f";

const GOOD_RETRY = [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: "FULL" }];
const CATCH = [{ ErrorEquals: ["States.ALL"], Next: "Failed" }];

function task(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { Type: "Task", Resource: FN, Retry: GOOD_RETRY, Catch: CATCH, End: true, ...extra };
}

/** A definition with a Task at the top, inside a Parallel branch and inside a Map item processor. */
function nested(inner: Record<string, unknown>): string {
    return JSON.stringify({
        StartAt: "Fanout",
        States: {
            Fanout: {
                Type: "Parallel",
                Next: "Each",
                Catch: CATCH,
                Branches: [{ StartAt: "A", States: { A: task() } }],
            },
            Each: { Type: "Map", Next: "Done", ItemProcessor: { StartAt: "Inner", States: { Inner: inner } } },
            Done: { Type: "Succeed" },
            Failed: { Type: "Fail" },
        },
    });
}

describe(RULE, () => {
    it("passes Task states with bounded, jittered retries and a Catch, at every nesting level", async () => {
        const report = await analyzeInline(() => {
            new aws.sfn.StateMachine("flow", { roleArn: ROLE, definition: nested(task({ Retry: [{ ErrorEquals: ["Validation"], MaxAttempts: 0 }, ...GOOD_RETRY] })) });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags a Map item processor Task without jitter and Catch, and a top-level Task without Retry, advisory", async () => {
        const report = await analyzeInline(() => {
            new aws.sfn.StateMachine("flow", {
                roleArn: ROLE,
                definition: nested({ Type: "Task", Resource: FN, End: true, Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 3, BackoffRate: 1 }] }),
            });
            new aws.sfn.StateMachine("bare", { roleArn: ROLE, definition: JSON.stringify({ StartAt: "T", States: { T: { Type: "Task", Resource: FN, End: true } } }) });
        });
        const found = violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel, v.message.split("\n").pop()]);
        assert.equal(found.length, 2);
        assert.deepEqual(found[0].slice(0, 2), ["bare", "advisory"]);
        assert.match(String(found[0][2]), /Task state T: no Retry; no Catch/);
        assert.deepEqual(found[1].slice(0, 2), ["flow", "advisory"]);
        assert.match(String(found[1][2]), /Task state Each\.ItemProcessor\.Inner: Retry\[States\.ALL\] BackoffRate 1 is not > 1; Retry\[States\.ALL\] JitterStrategy is unset \(NONE\); no Catch/);
    });

    it("checks legacy Map Iterator states and a missing MaxAttempts", async () => {
        const report = await analyzeInline(() => {
            const definition = JSON.stringify({
                StartAt: "M",
                States: { M: { Type: "Map", End: true, Iterator: { StartAt: "I", States: { I: task({ Retry: [{ ErrorEquals: ["States.ALL"], JitterStrategy: "FULL" }] }) } } } },
            });
            new aws.sfn.StateMachine("legacy", { roleArn: ROLE, definition });
        });
        assert.match(violationsOf(report, RULE)[0].message, /Task state M\.Iterator\.I: Retry\[States\.ALL\] has no MaxAttempts/);
    });

    it("reports exactly one could-not-evaluate when the definition is pulumi.jsonStringify over ARNs unknown in preview", async () => {
        const report = await analyzeInline(() => {
            const fn = new aws.lambda.Function("f", { role: ROLE, runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), timeout: 30 });
            new aws.sfn.StateMachine("flow", { roleArn: ROLE, definition: pulumi.jsonStringify({ StartAt: "T", States: { T: { Type: "Task", Resource: fn.arn, End: true } } }) });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((f) => f.name), ["flow"]);
        assert.match(notEvaluatedOf(report, RULE)[0].message, /definition is unknown during preview/);
    });

    it("flags a definition that is not JSON instead of crashing", async () => {
        const report = await analyzeInline(() => {
            new aws.sfn.StateMachine("broken", { roleArn: ROLE, definition: "{ not json" });
        });
        assert.match(violationsOf(report, RULE)[0].message, /definition is not a JSON object/);
    });
});
