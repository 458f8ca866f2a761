// The escape hatch: Pulumi's standard `transforms` resource option on a component reaches every
// child, as the engine applies it (the child's own transforms, then each ancestor's). The capture
// applies transforms the same way, so these run through it like every other component test.
import assert from "node:assert/strict";
import { QueueWorker } from "../../components";
import { workerCode } from "./fixtures";
import { capture, one } from "./support";

describe("escape hatch: transforms reach the components' children", () => {
    it("the standard `transforms` option on a component changes its children", async () => {
        const stack = await capture(() => {
            new QueueWorker(
                "jobs",
                { code: workerCode(), handler: "index.handler", runtime: "nodejs20.x", alarms: { topicArn: "arn:aws:sns:us-east-1:123456789012:ops" } },
                {
                    transforms: [
                        (args) =>
                            args.type === "aws:lambda/function:Function"
                                ? { props: { ...args.props, memorySize: 2048, architectures: ["arm64"] }, opts: args.opts }
                                : undefined,
                    ],
                },
            );
        });
        const fn = one(stack, "aws:lambda/function:Function");
        assert.equal(fn.inputs.memorySize, 2048);
        assert.deepEqual(fn.inputs.architectures, ["arm64"]);
        // Everything else keeps the component's settings.
        assert.equal(fn.inputs.timeout, 30);
        assert.equal(stack.resources.find((r) => r.name === "jobs-queue")?.inputs.visibilityTimeoutSeconds, 180);
    });

    it("the legacy `transformations` option also reaches every child (applied in-process)", async () => {
        const stack = await capture(() => {
            new QueueWorker(
                "jobs",
                { code: workerCode(), handler: "index.handler", runtime: "nodejs20.x" },
                {
                    transformations: [
                        (args) => (args.type === "aws:sqs/queue:Queue" ? { props: { ...args.props, kmsMasterKeyId: "alias/jobs", sqsManagedSseEnabled: undefined }, opts: args.opts } : undefined),
                    ],
                },
            );
        });
        for (const queue of stack.resources.filter((r) => r.type === "aws:sqs/queue:Queue")) {
            assert.equal(queue.inputs.kmsMasterKeyId, "alias/jobs", queue.name);
            assert.equal(queue.inputs.sqsManagedSseEnabled, undefined, queue.name);
        }
        assert.equal(one(stack, "aws:lambda/function:Function").inputs.timeout, 30);
    });
});
