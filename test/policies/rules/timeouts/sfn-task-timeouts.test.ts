import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyze, fn, messages, outcomes, ROLE_ARN } from "../redundancy/fixtures";

const RULE = "sfn-task-timeouts";
const invoke = (extra: Record<string, unknown> = {}) => ({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true, ...extra });
const machine = (name: string, definition: pulumi.Input<string>) => new aws.sfn.StateMachine(name, { roleArn: ROLE_ARN, definition });

describe(`${RULE} (through the analyzer)`, () => {
    it("walks Parallel branches and Map processors; requires heartbeats on activity and callback tasks; invalid JSON is a violation", async () => {
        const report = await analyze(() => {
            machine(
                "ok",
                JSON.stringify({
                    StartAt: "P",
                    States: {
                        P: { Type: "Parallel", Next: "M", Branches: [{ StartAt: "A", States: { A: invoke({ TimeoutSeconds: 30 }) } }] },
                        M: { Type: "Map", Next: "Wait", ItemProcessor: { StartAt: "B", States: { B: invoke({ TimeoutSecondsPath: "$.timeout" }) } } },
                        Wait: invoke({ Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", TimeoutSeconds: 3600, HeartbeatSeconds: 600 }),
                    },
                }),
            );
            machine(
                "nested-missing",
                JSON.stringify({
                    StartAt: "P",
                    States: {
                        P: { Type: "Parallel", Next: "M", Branches: [{ StartAt: "A", States: { A: invoke() } }] },
                        M: { Type: "Map", End: true, Iterator: { StartAt: "B", States: { B: invoke() } } },
                    },
                }),
            );
            machine(
                "no-heartbeat",
                JSON.stringify({
                    StartAt: "Wait",
                    States: {
                        Wait: invoke({ Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", TimeoutSeconds: 3600, Next: "Act", End: undefined }),
                        Act: invoke({ Resource: "arn:aws:states:us-east-1:123456789012:activity:review", TimeoutSeconds: 600 }),
                    },
                }),
            );
            machine("invalid", "{ not json");
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory invalid", "violation mandatory nested-missing", "violation mandatory no-heartbeat"]);
        assert.match(messages(report, RULE, "nested-missing")[0], /Task states P\[0\] › A, M › B have no TimeoutSeconds/);
        assert.match(messages(report, RULE, "no-heartbeat")[0], /activity\/callback Task states Wait, Act have no HeartbeatSeconds/);
        assert.match(messages(report, RULE, "invalid")[0], /definition is not valid JSON/);
    });

    it("gives one advisory when the definition is unknown in preview (it embeds a new function's ARN)", async () => {
        const report = await analyze(() => {
            const worker = fn("worker", { timeout: 30 });
            machine("embeds-arn", pulumi.jsonStringify({ StartAt: "A", States: { A: { Type: "Task", Resource: worker.arn, End: true } } }));
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory embeds-arn"]);
        assert.match(messages(report, RULE, "embeds-arn")[0], /^could not evaluate: definition is unknown during preview/);
    });
});
