// The escape hatch: Pulumi's standard `transforms` resource option on a component reaches every
// child. The engine applies a component's transforms to all its descendants (after the child's own
// transforms); the SDK's mock monitor and the in-process capture do not, so the first test runs the
// component under a mock monitor that applies them as the engine does. The legacy
// `transformations` option is applied in-process by the SDK and is checked through the capture.
import assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";
import { deserializeProperties, serializeProperties } from "@pulumi/pulumi/runtime/rpc";
import { type RegisterResourceRequest, RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { QueueWorker } from "../../components";
import { workerCode } from "./fixtures";
import { capture, one } from "./support";

type Callback = (err: unknown, response?: unknown) => void;

// SDK internals (marked @internal, so not in its typings) that a test harness needs.
const runtimeState = state as unknown as { getStore(): Record<string, unknown> };
const runtimeSettings = settings as unknown as { setMockOptions: typeof settings.setMockOptions; _reset(): void };
interface MockMonitorInternals {
    transformCallbacks: Map<string, pulumi.ResourceTransform>;
    newUrn(parent: string, type: string, name: string): string;
}

/** A mock monitor that applies each resource's transforms and then its ancestors', like the engine. */
class EngineTransformsMonitor extends MockMonitor {
    private readonly transformsByUrn = new Map<string, pulumi.ResourceTransform[]>();
    private readonly parentByUrn = new Map<string, string>();
    readonly registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];

    override async registerResource(req: RegisterResourceRequest, callback: Callback): Promise<void> {
        try {
            const type = req.getType();
            const name = req.getName();
            const parent = req.getParent();
            const internals = this as unknown as MockMonitorInternals;
            const urn = internals.newUrn(parent, type, name);
            const lookup = internals.transformCallbacks;
            const own = req
                .getTransformsList()
                .map((cb) => lookup.get(cb.getToken()))
                .filter((t): t is pulumi.ResourceTransform => t !== undefined);
            this.transformsByUrn.set(urn, own);
            if (parent) this.parentByUrn.set(urn, parent);
            const chain: pulumi.ResourceTransform[] = [...own];
            for (let p: string | undefined = parent; p; p = this.parentByUrn.get(p)) chain.push(...(this.transformsByUrn.get(p) ?? []));
            let props = deserializeProperties(req.getObject() ?? new Struct()) as Record<string, unknown>;
            for (const transform of chain) {
                const result = await transform({ type, name, custom: req.getCustom(), props, opts: {} });
                if (result) props = result.props as Record<string, unknown>;
            }
            this.registered.push({ type, name, inputs: props });
            const state = await serializeProperties("", { ...props, arn: `arn:mock:${name}`, name });
            const response = new RegisterResourceResponse();
            response.setUrn(urn);
            response.setId(req.getCustom() ? `${name}-id` : "");
            response.setObject(Struct.fromJavaScript(state));
            callback(null, response);
        } catch (err) {
            callback(err);
        }
    }
}

function urnOf(resource: pulumi.Resource): Promise<string> {
    return new Promise((resolve) => resource.urn.apply(resolve));
}

describe("escape hatch: transforms reach the components' children", () => {
    it("the standard `transforms` option on a component changes its children (as the engine applies it)", async () => {
        const monitor = new EngineTransformsMonitor({ newResource: () => ({ id: "", state: {} }), call: () => ({}) });
        runtimeSettings.setMockOptions(monitor, "project", "dev", false);
        // The feature set `pulumi.runtime.setMocks` announces, and no callback server left from an earlier run.
        Object.assign(runtimeState.getStore(), { supportsSecrets: true, supportsResourceReferences: true, supportsOutputValues: false, supportsTransforms: true, supportsAliasSpecs: true, callbacks: undefined });
        try {
            const worker = new QueueWorker(
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
            await Promise.all([worker.function, worker.queue, ...worker.alarms].map(urnOf));
            const fn = monitor.registered.find((r) => r.type === "aws:lambda/function:Function");
            assert.equal(fn?.inputs.memorySize, 2048);
            assert.deepEqual(fn?.inputs.architectures, ["arm64"]);
            // Everything else keeps the component's settings.
            assert.equal(fn?.inputs.timeout, 30);
            assert.equal(monitor.registered.find((r) => r.name === "jobs-queue")?.inputs.visibilityTimeoutSeconds, 180);
        } finally {
            runtimeState.getStore().callbacks = undefined;
            runtimeSettings._reset();
        }
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
