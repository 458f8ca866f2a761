import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes } from "./fixtures";

const RULE = "neptune-multi-az";

describe(`${RULE} (through the analyzer)`, () => {
    it("passes a cluster with a replica, flags a single-instance cluster (links through unknown IDs)", async () => {
        const report = await analyze(() => {
            const ha = new aws.neptune.Cluster("ha", { skipFinalSnapshot: true });
            for (const i of [0, 1]) {
                new aws.neptune.ClusterInstance(`ha-${i}`, { clusterIdentifier: ha.id, instanceClass: "db.r6g.large" });
            }
            const solo = new aws.neptune.Cluster("solo", { skipFinalSnapshot: true });
            new aws.neptune.ClusterInstance("solo-0", { clusterIdentifier: solo.id, instanceClass: "db.r6g.large" });
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory solo"]);
        assert.match(messages(report, RULE, "solo")[0], /aws\.neptune\.ClusterInstance/);
    });
});
