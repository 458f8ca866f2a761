import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes } from "./fixtures";

const RULE = "opensearch-dedicated-masters";

describe(`${RULE} (through the analyzer)`, () => {
    it("is advisory even in production: flags no dedicated masters and too few, passes three", async () => {
        const report = await analyze(() => {
            new aws.opensearch.Domain("ok", { clusterConfig: { dedicatedMasterEnabled: true, dedicatedMasterCount: 3, dedicatedMasterType: "m6g.large.search" } });
            new aws.opensearch.Domain("none", { clusterConfig: { instanceCount: 3, zoneAwarenessEnabled: true } });
            const seed = new aws.s3.Bucket("seed");
            new aws.opensearch.Domain("unknown", { clusterConfig: { dedicatedMasterEnabled: seed.id.apply(() => true), dedicatedMasterCount: 3 } });
            new aws.opensearch.Domain("two", { clusterConfig: { dedicatedMasterEnabled: true, dedicatedMasterCount: 2, dedicatedMasterType: "m6g.large.search" } });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation advisory none", "violation advisory two"]);
        assert.match(messages(report, RULE, "two")[0], /dedicatedMasterCount is 2; use at least 3/);
    });
});
