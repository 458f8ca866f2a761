import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes } from "./fixtures";

const RULE = "elasticache-failover";
const base = { description: "cache", nodeType: "cache.t4g.small", engine: "valkey" };

describe(`${RULE} (through the analyzer)`, () => {
    it("passes failover + Multi-AZ with a replica; flags each missing setting once; one advisory for an unknown flag", async () => {
        const report = await analyze(() => {
            const ok = new aws.elasticache.ReplicationGroup("ok", { ...base, automaticFailoverEnabled: true, multiAzEnabled: true, numCacheClusters: 2 });
            new aws.elasticache.ReplicationGroup("defaults", base);
            new aws.elasticache.ReplicationGroup("no-replica", { ...base, automaticFailoverEnabled: true, multiAzEnabled: true, numCacheClusters: 1 });
            new aws.elasticache.ReplicationGroup("sharded-no-replica", { ...base, automaticFailoverEnabled: true, multiAzEnabled: true, numNodeGroups: 3, replicasPerNodeGroup: 0 });
            new aws.elasticache.ReplicationGroup("unknown", { ...base, automaticFailoverEnabled: ok.id.apply(() => true), multiAzEnabled: true });
        });
        assert.deepEqual(outcomes(report, RULE), [
            "not-evaluated advisory unknown",
            "violation mandatory defaults",
            "violation mandatory defaults",
            "violation mandatory no-replica",
            "violation mandatory sharded-no-replica",
        ]);
        const defaults = messages(report, RULE, "defaults").join("\n");
        assert.match(defaults, /set automaticFailoverEnabled: true/);
        assert.match(defaults, /set multiAzEnabled: true/);
        assert.match(messages(report, RULE, "no-replica")[0], /numCacheClusters is 1; set it to at least 2/);
        assert.match(messages(report, RULE, "sharded-no-replica")[0], /replicasPerNodeGroup is 0/);
    });
});
