import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes } from "./fixtures";

const RULE = "opensearch-zone-awareness";

describe(`${RULE} (through the analyzer)`, () => {
    it("passes zone awareness with 3 data nodes, flags it off or too few nodes (the default is 1), one advisory for an unknown setting", async () => {
        const report = await analyze(() => {
            new aws.opensearch.Domain("ok", { clusterConfig: { instanceCount: 3, zoneAwarenessEnabled: true, zoneAwarenessConfig: { availabilityZoneCount: 3 } } });
            new aws.opensearch.Domain("defaults", {});
            new aws.opensearch.Domain("two-nodes", { clusterConfig: { instanceCount: 2, zoneAwarenessEnabled: true } });
            const seed = new aws.s3.Bucket("seed");
            new aws.opensearch.Domain("unknown", { clusterConfig: { instanceCount: 3, zoneAwarenessEnabled: seed.id.apply(() => true) } });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation mandatory defaults", "violation mandatory defaults", "violation mandatory two-nodes"]);
        assert.match(messages(report, RULE, "two-nodes")[0], /clusterConfig\.instanceCount is 2; run at least 3 data nodes/);
    });
});
