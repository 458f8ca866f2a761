import assert from "node:assert/strict";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { Netmask } from "netmask";
import { z } from "zod";
import { AlarmTopic, ComponentArgsError } from "../../components";
import { layoutSubnets } from "../../components/network/subnetLayout";
import { input, inputList, validateArgs } from "../../components/lib/validation";
import { argsErrorOf, capture, dependsVia, one } from "./support";

describe("components/lib", () => {
    describe("validateArgs", () => {
        const schema = z.strictObject({ port: z.number().int().max(65535, "must be a TCP port"), name: input(z.string().min(3, "must be at least 3 characters")), ids: inputList({ min: 2, minMessage: "needs 2 IDs", duplicateMessage: "duplicate" }) });

        it("returns parsed args, letting Outputs and promises through unchecked", () => {
            const name = pulumi.output("x");
            const parsed = validateArgs(schema, { port: 80, name, ids: [pulumi.output("a"), "b"] }, "faultguard:aws:Test", "t");
            assert.equal(parsed.port, 80);
            assert.equal(parsed.name, name);
            assert.doesNotThrow(() => validateArgs(schema, { port: 1, name: Promise.resolve("x"), ids: pulumi.output(["a"]) }, "faultguard:aws:Test", "t"));
        });

        it("throws one ComponentArgsError listing every problem by dotted field path", () => {
            assert.throws(
                () => validateArgs(schema, { port: 70000, name: "ab", ids: ["a", "a", ""], extra: 1 }, "faultguard:aws:Test", "t"),
                (err: unknown) => {
                    assert.ok(err instanceof ComponentArgsError);
                    assert.equal(err.componentType, "faultguard:aws:Test");
                    assert.deepEqual(
                        err.problems.map((p) => `${p.path}: ${p.message}`).sort(),
                        ["(args)", "ids.2: must be a non-empty string", "ids: duplicate (duplicates: a)", "name: must be at least 3 characters", "port: must be a TCP port"]
                            .map((s) => (s === "(args)" ? ': unknown field "extra"; check the spelling against the args interface' : s))
                            .sort(),
                    );
                    assert.match(err.message, /^invalid arguments for faultguard:aws:Test "t" \(5 problems\):\n {2}- /);
                    return true;
                },
            );
        });

        it("names the allowed profiles", async () => {
            const { error, registered } = await argsErrorOf(() => new AlarmTopic("ops", { profile: "staging" as never }));
            assert.deepEqual(registered, []);
            assert.match(error.message, /profile: must be "production" \(default\) or "development"/);
        });

        it("reports a missing required field as required", () => {
            assert.throws(() => validateArgs(schema, { name: "abc", ids: ["a", "b"] }, "faultguard:aws:Test", "t"), /port: is required/);
        });
    });

    describe("layoutSubnets", () => {
        it("returns disjoint subnets inside the VPC, one per AZ and tier, or undefined when they do not fit", () => {
            fc.assert(
                fc.property(fc.integer({ min: 16, max: 24 }), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), (vpcPrefix, azs, privateExtra, publicExtra) => {
                    const vpc = `10.${vpcPrefix}.0.0/${vpcPrefix}`;
                    const vpcBlock = new Netmask(vpc);
                    const cidr = vpcBlock.toString();
                    const privatePrefix = Math.min(vpcPrefix + privateExtra, 28);
                    const publicPrefix = Math.min(vpcPrefix + publicExtra, 28);
                    const layout = layoutSubnets(cidr, azs, privatePrefix, publicPrefix);
                    const needed = azs * (2 ** (32 - privatePrefix) + 2 ** (32 - publicPrefix));
                    if (layout === undefined) {
                        assert.ok(needed > vpcBlock.size || privatePrefix !== publicPrefix, "only fails when the blocks cannot fit");
                        return;
                    }
                    const blocks = [...layout.privateCidrs, ...layout.publicCidrs].map((c) => new Netmask(c));
                    assert.equal(layout.privateCidrs.length, azs);
                    assert.equal(layout.publicCidrs.length, azs);
                    for (const b of blocks) assert.ok(vpcBlock.contains(b));
                    blocks.forEach((a, i) => blocks.slice(i + 1).forEach((b) => assert.ok(!a.contains(b) && !b.contains(a))));
                    assert.ok(layout.privateCidrs.every((c) => c.endsWith(`/${privatePrefix}`)));
                }),
            );
        });
    });

    describe("AlarmTopic", () => {
        it("encrypts the topic with a rotating customer-managed key that CloudWatch may use", async () => {
            const stack = await capture(() => void new AlarmTopic("ops"));
            const key = one(stack, "aws:kms/key:Key");
            const topic = one(stack, "aws:sns/topic:Topic");
            assert.equal(key.inputs.enableKeyRotation, true);
            assert.deepEqual(dependsVia(topic, "kmsMasterKeyId"), [key.urn]);
            const policy = JSON.parse(String(key.inputs.policy)) as { Statement: { Sid: string; Principal: Record<string, string>; Action: string | string[] }[] };
            const cloudwatch = policy.Statement.find((s) => s.Principal.Service === "cloudwatch.amazonaws.com");
            assert.deepEqual(cloudwatch?.Action, ["kms:Decrypt", "kms:GenerateDataKey*"]);
            assert.equal(policy.Statement.find((s) => s.Sid === "AccountAdministers")?.Principal.AWS, "arn:aws:iam::123456789012:root");
        });

        it("rejects an out-of-range key deletion window, registering nothing", async () => {
            let thrown: unknown;
            const stack = await capture(() => {
                try {
                    new AlarmTopic("ops", { keyDeletionWindowInDays: 3 });
                } catch (err) {
                    thrown = err;
                }
            });
            assert.ok(thrown instanceof ComponentArgsError);
            assert.match(thrown.message, /keyDeletionWindowInDays: KMS allows 7 to 30 days/);
            assert.equal(stack.resources.length, 1, "only the root stack");
        });
    });
});
