import { strict as assert } from "node:assert";
import { containsUnknown, isUnknown, parseJsonValue, readPath, UNKNOWN_STRING, unwrapProps } from "../../../policies/lib/values";

describe("policies/lib/values", () => {
    it("recognises the engine's unknown sentinel and @pulumi/policy's typed ones", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const proxy = require("@pulumi/policy/proxy") as Record<string, string>;
        assert.equal(isUnknown(UNKNOWN_STRING), true);
        assert.equal(isUnknown(proxy.unknownNumberValue), true);
        assert.equal(isUnknown(proxy.unknownObjectValue), true);
        assert.equal(isUnknown("subnet-123"), false);
        assert.equal(isUnknown(undefined), false);
    });

    it("reads dotted paths through objects and arrays, reporting where an unknown sits", () => {
        const props = { vpcConfig: { subnetIds: ["subnet-a", UNKNOWN_STRING] }, tags: UNKNOWN_STRING };
        assert.deepEqual(readPath(props, "vpcConfig.subnetIds.0"), { known: true, value: "subnet-a" });
        assert.deepEqual(readPath(props, "vpcConfig.subnetIds.1"), { known: false, path: "vpcConfig.subnetIds.1" });
        assert.deepEqual(readPath(props, "tags.Name"), { known: false, path: "tags" });
        assert.deepEqual(readPath(props, "missing.deeper"), { known: true, value: undefined });
        assert.deepEqual(readPath({ timeout: 5 }, "timeout.seconds"), { known: true, value: undefined });
    });

    it("finds unknowns nested anywhere", () => {
        assert.equal(containsUnknown({ a: [{ b: UNKNOWN_STRING }] }), true);
        assert.equal(containsUnknown({ a: [{ b: "x" }] }), false);
    });

    it("parses JSON documents without throwing on bad input", () => {
        assert.deepEqual(parseJsonValue('{"maxReceiveCount":5}'), { kind: "ok", value: { maxReceiveCount: 5 } });
        assert.deepEqual(parseJsonValue({ a: 1 }), { kind: "ok", value: { a: 1 } });
        assert.equal(parseJsonValue("{not json").kind, "invalid");
        assert.equal(parseJsonValue(UNKNOWN_STRING).kind, "unknown");
        assert.equal(parseJsonValue(`{"deadLetterTargetArn":"${UNKNOWN_STRING}`).kind, "unknown");
        assert.equal(parseJsonValue(undefined).kind, "absent");
    });

    it("unwraps @pulumi/policy's unknown-checking proxy to its raw target", () => {
        const raw = { timeout: UNKNOWN_STRING };
        // The proxy throws on unknown reads; the raw target does not.
        const proxied = new Proxy(raw, {
            get: (o, p) => {
                if (p === "__getSpecialProxyTarget") {
                    return o;
                }
                throw new Error("unknown read");
            },
        });
        assert.equal(unwrapProps(proxied), raw);
        assert.deepEqual(unwrapProps(null), {});
    });
});
