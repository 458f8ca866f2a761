import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes } from "./fixtures";

const RULE = "opensearch-zone-awareness";

describe(`${RULE} (through the analyzer)`, () => {
    it("passes zone awareness with 3 data nodes, flags it off or too few nodes (the default is 1)", async () => {
        const report = await analyze(() => {
            new aws.opensearch.Domain("ok", { clusterConfig: { instanceCount: 3, zoneAwarenessEnabled: true, zoneAwarenessConfig: { availabilityZoneCount: 3 } } });
            new aws.opensearch.Domain("defaults", {});
            new aws.opensearch.Domain("two-nodes", { clusterConfig: { instanceCount: 2, zoneAwarenessEnabled: true } });
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory defaults", "violation mandatory defaults", "violation mandatory two-nodes"]);
        assert.match(messages(report, RULE, "two-nodes")[0], /clusterConfig\.instanceCount is 2; run at least 3 data nodes/);
    });
});
