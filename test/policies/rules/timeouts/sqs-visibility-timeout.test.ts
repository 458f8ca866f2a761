import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, fn, messages, outcomes } from "../redundancy/fixtures";

const RULE = "sqs-visibility-timeout";

describe(`${RULE} (through the analyzer)`, () => {
    it("links mapping → queue and mapping → function through unknown ARNs/names and compares with multiplier × timeout + batching window", async () => {
        const report = await analyze(() => {
            const worker = fn("worker", { timeout: 30 });
            const consume = (name: string, queue: aws.sqs.Queue, functionName: aws.lambda.EventSourceMappingArgs["functionName"], window?: number) =>
                new aws.lambda.EventSourceMapping(name, { eventSourceArn: queue.arn, functionName, ...(window !== undefined ? { maximumBatchingWindowInSeconds: window } : {}) });
            consume("ok", new aws.sqs.Queue("ok", { visibilityTimeoutSeconds: 180 }), worker.name);
            consume("default-visibility", new aws.sqs.Queue("default-visibility"), worker.arn);
            consume("windowed", new aws.sqs.Queue("windowed", { visibilityTimeoutSeconds: 180 }), worker.name, 20);
            consume("default-timeout", new aws.sqs.Queue("default-timeout"), fn("quick").name);
            const alias = new aws.lambda.Alias("live", { functionName: worker.name, functionVersion: "$LATEST" });
            consume("via-alias", new aws.sqs.Queue("via-alias", { visibilityTimeoutSeconds: 60 }), alias.arn);
            new aws.sqs.Queue("not-consumed");
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory default-visibility", "violation mandatory via-alias", "violation mandatory windowed"]);
        assert.match(
            messages(report, RULE, "default-visibility")[0],
            /visibilityTimeoutSeconds is 30; set it to at least 6 × the timeout of worker \(30 s\) \+ maximumBatchingWindowInSeconds of default-visibility \(0\) = 180/,
        );
        assert.match(messages(report, RULE, "windowed")[0], /= 200/);
    });

    it("honours the multiplier from the policy config", async () => {
        const report = await analyze(
            () => {
                const queue = new aws.sqs.Queue("jobs", { visibilityTimeoutSeconds: 60 });
                new aws.lambda.EventSourceMapping("jobs", { eventSourceArn: queue.arn, functionName: fn("worker", { timeout: 30 }).name });
            },
            { policyConfig: { [RULE]: { multiplier: 2 } } },
        );
        assert.deepEqual(outcomes(report, RULE), []);
    });

    it("gives one advisory when the function is not in the stack or its timeout is unknown", async () => {
        const report = await analyze(() => {
            const external = new aws.sqs.Queue("external");
            new aws.lambda.EventSourceMapping("external", { eventSourceArn: external.arn, functionName: "legacy-consumer" });
            const unknown = new aws.sqs.Queue("unknown");
            new aws.lambda.EventSourceMapping("unknown", { eventSourceArn: unknown.arn, functionName: fn("late", { timeout: unknown.arn.apply(() => 30) }).name });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory external", "not-evaluated advisory unknown"]);
        assert.match(messages(report, RULE, "external")[0], /function legacy-consumer is not managed in this stack/);
        assert.match(messages(report, RULE, "unknown")[0], /timeout of late is unknown/);
    });
});
