import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyze, messages, outcomes } from "../redundancy/fixtures";

const RULE = "rds-storage-autoscaling";
const db = (name: string, args: Partial<aws.rds.InstanceArgs>) => new aws.rds.Instance(name, { instanceClass: "db.t4g.micro", skipFinalSnapshot: true, ...args });

describe(`${RULE} (through the analyzer)`, () => {
    it("flags fixed storage (unset, or a ceiling not above the allocation) on instances and replicas; passes autoscaling and Aurora instances", async () => {
        const report = await analyze(() => {
            const primary = db("fixed", { engine: "postgres", allocatedStorage: 20, username: "app", manageMasterUserPassword: true });
            db("ok", { engine: "postgres", allocatedStorage: 20, maxAllocatedStorage: 100, username: "app", manageMasterUserPassword: true });
            db("same", { engine: "mysql", allocatedStorage: 50, maxAllocatedStorage: 50, username: "app", manageMasterUserPassword: true });
            // A replica of a new primary: the source identifier is unknown; its own storage still decides.
            db("replica", { replicateSourceDb: primary.identifier });
            db("aurora-member", { engine: "aurora-postgresql" });
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory fixed", "violation mandatory replica", "violation mandatory same"]);
        assert.match(messages(report, RULE, "fixed")[0], /maxAllocatedStorage is unset, so storage autoscaling is off/);
        assert.match(messages(report, RULE, "same")[0], /maxAllocatedStorage \(50 GiB\) is not above allocatedStorage \(50 GiB\)/);
    });

    it("cannot decide a computed ceiling; advisory in development", async () => {
        const report = await analyze(
            () => {
                db("computed", { engine: "postgres", allocatedStorage: 20, maxAllocatedStorage: pulumi.unknown as unknown as pulumi.Input<number> });
                db("fixed", { engine: "postgres", allocatedStorage: 20 });
            },
            { stackTags: { "faultguard:profile": "development" } },
        );
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory computed", "violation advisory fixed"]);
    });
});
