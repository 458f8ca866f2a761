import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes, subnetsIn } from "./fixtures";

const RULE = "fsx-multi-az";

describe(`${RULE} (through the analyzer)`, () => {
    it("flags single-AZ Windows (the default), ONTAP and OpenZFS; passes MULTI_AZ_*; leaves Lustre alone; one advisory for an unknown deploymentType", async () => {
        const report = await analyze(() => {
            const { subnets: [a, b] } = subnetsIn("net", ["us-east-1a", "us-east-1b"]);
            new aws.fsx.WindowsFileSystem("win-default", { subnetIds: [a.id], throughputCapacity: 32, storageCapacity: 32, activeDirectoryId: "d-123" });
            new aws.fsx.WindowsFileSystem("win-multi", { subnetIds: [a.id, b.id], preferredSubnetId: a.id, deploymentType: "MULTI_AZ_1", throughputCapacity: 32, storageCapacity: 32, activeDirectoryId: "d-123" });
            new aws.fsx.OntapFileSystem("ontap-single", { subnetIds: [a.id], preferredSubnetId: a.id, deploymentType: "SINGLE_AZ_1", storageCapacity: 1024, throughputCapacity: 128 });
            new aws.fsx.OntapFileSystem("ontap-multi", { subnetIds: [a.id, b.id], preferredSubnetId: a.id, deploymentType: "MULTI_AZ_2", storageCapacity: 1024, throughputCapacityPerHaPair: 384 });
            new aws.fsx.OpenZfsFileSystem("zfs-single", { subnetIds: [a.id], deploymentType: "SINGLE_AZ_HA_2", throughputCapacity: 160 });
            new aws.fsx.OpenZfsFileSystem("zfs-unknown", { subnetIds: [a.id], deploymentType: a.id.apply(() => "MULTI_AZ_1"), throughputCapacity: 160 });
            new aws.fsx.LustreFileSystem("lustre", { subnetIds: a.id, storageCapacity: 1200 });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory zfs-unknown", "violation mandatory ontap-single", "violation mandatory win-default", "violation mandatory zfs-single"]);
        assert.match(messages(report, RULE, "win-default")[0], /deploymentType is SINGLE_AZ_1; use a Multi-AZ deployment type/);
    });
});
