import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { run } from "./harness";

const RULE = "sqs-max-receive-count";
const DLQ_ARN = "arn:aws:sqs:eu-west-1:111122223333:orders-dlq";
const redrive = (maxReceiveCount?: number) => JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount });

describe("sqs-max-receive-count", () => {
    it("passes maxReceiveCount inside the default bounds (5..10)", async () => {
        const r = await run(RULE, () => {
            new aws.sqs.Queue("five", { redrivePolicy: redrive(5) });
            new aws.sqs.Queue("ten", { redrivePolicy: redrive(10) });
        });
        assert.deepEqual(r.violations, []);
    });

    it("flags counts below and above the bounds, and a missing count", async () => {
        const r = await run(RULE, () => {
            new aws.sqs.Queue("one", { redrivePolicy: redrive(1) });
            new aws.sqs.Queue("fifty", { redrivePolicy: redrive(50) });
            new aws.sqs.Queue("missing", { redrivePolicy: redrive(undefined) });
        });
        assert.deepEqual(r.violations, ["fifty mandatory", "missing mandatory", "one mandatory"]);
        assert.match(r.messages["one"], /maxReceiveCount is 1 in redrivePolicy; set it between 5 and 10/);
        assert.match(r.messages["missing"], /no valid maxReceiveCount \(a whole number\)/);
    });

    it("takes its bounds from policy config", async () => {
        const r = await run(RULE, () => new aws.sqs.Queue("three", { redrivePolicy: redrive(3) }), {
            policyConfig: { [RULE]: { min: 2, max: 4 } },
        });
        assert.deepEqual(r.violations, []);
    });

    it("reports a redrive policy computed from unknown ARNs as not evaluated, not as a pass or a violation", async () => {
        const r = await run(RULE, () => {
            const dlq = new aws.sqs.Queue("dlq", {});
            new aws.sqs.Queue("orders", { redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 1 })) });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, ["orders"]);
        assert.match(r.messages["orders"], /could not evaluate: redrivePolicy/);
    });
});
