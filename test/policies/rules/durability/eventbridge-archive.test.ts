import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyze, messages, outcomes } from "../redundancy/fixtures";

const RULE = "eventbridge-archive";

describe(`${RULE} (through the analyzer)`, () => {
    it("passes a bus archived through its (unknown) ARN or a literal ARN; flags one without an archive", async () => {
        const report = await analyze(() => {
            const orders = new aws.cloudwatch.EventBus("orders", {});
            new aws.cloudwatch.EventArchive("orders", { eventSourceArn: orders.arn, retentionDays: 14 });
            new aws.cloudwatch.EventBus("billing", { name: "billing" });
            new aws.cloudwatch.EventArchive("billing", { eventSourceArn: "arn:aws:events:us-east-1:123456789012:event-bus/billing", retentionDays: 7 });
            new aws.cloudwatch.EventBus("audit", {});
        });
        assert.deepEqual(outcomes(report, RULE), ["violation advisory audit"]);
        assert.match(messages(report, RULE, "audit")[0], /no aws\.cloudwatch\.EventArchive archives this bus/);
    });

    it("cannot decide while an archive's source is untraceable; disabled in development", async () => {
        const program = () => {
            new aws.cloudwatch.EventBus("bus", {});
            new aws.cloudwatch.EventArchive("somewhere", { eventSourceArn: pulumi.unknown as unknown as pulumi.Input<string> });
        };
        assert.deepEqual(outcomes(await analyze(program), RULE), ["not-evaluated advisory bus"]);
        assert.deepEqual(outcomes(await analyze(program, { stackTags: { "faultguard:profile": "development" } }), RULE), []);
    });
});
