import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes, subnetsIn } from "./fixtures";

const RULE = "efs-multi-az";

describe(`${RULE} (through the analyzer)`, () => {
    it("flags One Zone storage and mount targets confined to one zone; passes Regional storage mounted in two zones; one advisory when the zone name is unknown", async () => {
        const report = await analyze(() => {
            const { subnets: [a, b, a2] } = subnetsIn("net", ["us-east-1a", "us-east-1b", "us-east-1a"]);
            const ok = new aws.efs.FileSystem("regional", {});
            [a, b].forEach((s, i) => new aws.efs.MountTarget(`regional-${i}`, { fileSystemId: ok.id, subnetId: s.id }));
            new aws.efs.FileSystem("one-zone", { availabilityZoneName: "us-east-1a" });
            const narrow = new aws.efs.FileSystem("narrow", {});
            [a, a2].forEach((s, i) => new aws.efs.MountTarget(`narrow-${i}`, { fileSystemId: narrow.id, subnetId: s.id }));
            new aws.efs.FileSystem("no-mounts-here", {});
            new aws.efs.FileSystem("unknown", { availabilityZoneName: a.id.apply(() => "us-east-1a") });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation mandatory narrow", "violation mandatory one-zone"]);
        assert.match(messages(report, RULE, "one-zone")[0], /availabilityZoneName is us-east-1a \(EFS One Zone\); remove availabilityZoneName/);
        assert.match(messages(report, RULE, "narrow")[0], /mount targets \(narrow-0, narrow-1\) cover 1 availability zone/);
    });
});
