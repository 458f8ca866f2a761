import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { aws as TYPES } from "../../../../policies/lib/aws-types";
import { StackGraph } from "../../../../policies/lib/graph";
import { UNKNOWN_STRING } from "../../../../policies/lib/values";
import { sfnLambdaRetry } from "../../../../policies/rules/retries/sfn-lambda-retry";
import { analyze, fn, messages, outcomes, ROLE_ARN } from "../redundancy/fixtures";

const RULE = "sfn-lambda-retry";
const TRANSIENT = ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"];
const machine = (name: string, definition: pulumi.Input<string>) => new aws.sfn.StateMachine(name, { roleArn: ROLE_ARN, definition });
const invoke = (extra: Record<string, unknown>) => ({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:f" }, End: true, ...extra });

describe(`${RULE} (through the analyzer)`, () => {
    it("requires a retrier covering the Lambda service's transient errors on every Lambda task, in branches too; States.ALL and States.TaskFailed count, MaxAttempts 0 does not", async () => {
        const report = await analyze(() => {
            machine("listed", JSON.stringify({ StartAt: "A", States: { A: invoke({ Retry: [{ ErrorEquals: TRANSIENT, MaxAttempts: 3 }] }) } }));
            machine("catch-all", JSON.stringify({ StartAt: "A", States: { A: invoke({ Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 2 }] }) } }));
            machine("none", JSON.stringify({ StartAt: "A", States: { A: invoke({}) } }));
            machine("partial", JSON.stringify({ StartAt: "A", States: { A: invoke({ Retry: [{ ErrorEquals: ["Lambda.ServiceException"] }] }) } }));
            machine("never", JSON.stringify({ StartAt: "A", States: { A: invoke({ Retry: [{ ErrorEquals: ["States.TaskFailed"], MaxAttempts: 0 }] }) } }));
            machine(
                "branch",
                JSON.stringify({ StartAt: "P", States: { P: { Type: "Parallel", End: true, Branches: [{ StartAt: "B", States: { B: invoke({}) } }] } } }),
            );
            machine("not-lambda", JSON.stringify({ StartAt: "A", States: { A: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", End: true } } }));
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory branch", "violation mandatory never", "violation mandatory none", "violation mandatory partial"]);
        assert.match(messages(report, RULE, "partial")[0], /Lambda task A does not retry Lambda\.AWSLambdaException, Lambda\.SdkClientException, Lambda\.TooManyRequestsException/);
        assert.match(messages(report, RULE, "branch")[0], /Lambda task P\.Branches\[0\]\.B/);
    });

    it("cannot decide a definition computed from new functions (pulumi.interpolate over a new ARN)", async () => {
        const report = await analyze(() => {
            const f = fn("worker", { timeout: 10 });
            machine("direct-arn", pulumi.interpolate`{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${f.arn}","End":true}}}`);
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory direct-arn"]);
    });
});

describe(`${RULE} (check, on a definition whose ARNs are unknown but whose structure is known)`, () => {
    const graphWith = (definition: unknown, dependsOnFunction: boolean) =>
        StackGraph.fromPlain([
            { type: TYPES.lambda.Function, urn: "urn:fn", name: "fn", props: {} },
            { type: TYPES.sfn.StateMachine, urn: "urn:sm", name: "sm", props: { definition: JSON.stringify(definition) }, propertyDependencies: { definition: dependsOnFunction ? ["urn:fn"] : [] } },
        ]);
    const judge = (definition: unknown, dependsOnFunction: boolean) => {
        const graph = graphWith(definition, dependsOnFunction);
        return (sfnLambdaRetry.check(graph.get("urn:sm")!, { config: { errors: TRANSIENT }, profile: "production", graph }) ?? []).map((f) => f.kind);
    };
    const direct = { StartAt: "A", States: { A: { Type: "Task", Resource: UNKNOWN_STRING, End: true } } };

    it("treats an unknown Resource as a Lambda task when the definition is computed from a function", () => {
        assert.deepEqual(judge(direct, true), ["violation"]);
        assert.deepEqual(judge({ StartAt: "A", States: { A: { ...direct.States.A, Retry: [{ ErrorEquals: ["States.ALL"] }] } } }, true), []);
    });

    it("does not decide a Lambda task whose retriers are computed", () => {
        const computed = { StartAt: "A", States: { A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true, Retry: [{ ErrorEquals: UNKNOWN_STRING }] } } };
        assert.deepEqual(judge(computed, true), ["unresolvable"]);
    });

    it("does not guess when the definition is computed from no function", () => {
        assert.deepEqual(judge(direct, false), []);
    });
});
