import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { violationsOf } from "../../../support/analyze";
import { analyze } from "./harness";

describe("sqs-dlq (smoke)", () => {
    it("flags a queue without a DLQ, not the DLQ", async () => {
        const report = await analyze(() => {
            const dlq = new aws.sqs.Queue("dlq", {});
            new aws.sqs.Queue("src", { redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
            new aws.sqs.Queue("lonely", {});
        });
        assert.deepEqual(violationsOf(report, "sqs-dlq").map((v) => v.name), ["lonely"]);
    });
});
