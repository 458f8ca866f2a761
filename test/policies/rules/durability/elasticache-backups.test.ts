import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, violationsOf } from "../../../support/analyze";

const RULE = "elasticache-backups";

describe(`${RULE} (analyzer)`, () => {
    it("passes Redis/Valkey caches with a week of snapshots; ignores Memcached and replication-group members", async () => {
        const report = await analyzeInline(() => {
            const group = new aws.elasticache.ReplicationGroup("sessions", { description: "s", nodeType: "cache.t4g.micro", numCacheClusters: 2, snapshotRetentionLimit: 7 });
            new aws.elasticache.ServerlessCache("valkey", { engine: "valkey", snapshotRetentionLimit: 14 });
            new aws.elasticache.Cluster("memcached", { engine: "memcached", nodeType: "cache.t4g.micro", numCacheNodes: 2 });
            new aws.elasticache.Cluster("member", { replicationGroupId: group.id });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("flags a replication group with no snapshots (engine defaulting to Redis) and a short-lived stand-alone Redis cluster", async () => {
        const report = await analyzeInline(() => {
            new aws.elasticache.ReplicationGroup("sessions", { description: "s", nodeType: "cache.t4g.micro", numCacheClusters: 2 });
            new aws.elasticache.Cluster("single", { engine: "redis", nodeType: "cache.t4g.micro", numCacheNodes: 1, snapshotRetentionLimit: 1 });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["sessions", "advisory"], ["single", "advisory"]]);
        assert.match(v[0].message, /snapshotRetentionLimit is unset \(no automatic snapshots\); set snapshotRetentionLimit to at least 7 days/);
        assert.match(v[1].message, /snapshotRetentionLimit is 1 day;/);
    });

    it("uses minRetentionDays from policy config (AWS Config parity: 15)", async () => {
        const report = await analyzeInline(
            () => {
                new aws.elasticache.ReplicationGroup("sessions", { description: "s", nodeType: "cache.t4g.micro", numCacheClusters: 2, snapshotRetentionLimit: 7 });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "advisory", minRetentionDays: 15 } } },
        );
        assert.match(violationsOf(report, RULE)[0].message, /at least 15 days/);
    });
});
