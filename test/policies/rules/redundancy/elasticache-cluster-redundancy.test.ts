import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyze, messages, outcomes } from "./fixtures";

const RULE = "elasticache-cluster-redundancy";

describe(`${RULE} (through the analyzer)`, () => {
    it("flags a stand-alone Redis node and a single-zone or single-node Memcached cluster; passes cross-zone Memcached and replication-group members", async () => {
        const report = await analyze(() => {
            new aws.elasticache.Cluster("redis", { engine: "redis", nodeType: "cache.t4g.micro", numCacheNodes: 1 });
            new aws.elasticache.Cluster("memcached-one-zone", { engine: "memcached", nodeType: "cache.t4g.micro", numCacheNodes: 2 });
            new aws.elasticache.Cluster("memcached-one-node", { engine: "memcached", nodeType: "cache.t4g.micro", numCacheNodes: 1 });
            new aws.elasticache.Cluster("memcached-ok", { engine: "memcached", nodeType: "cache.t4g.micro", numCacheNodes: 3, azMode: "cross-az" });
            const group = new aws.elasticache.ReplicationGroup("group", { description: "g", nodeType: "cache.t4g.micro", numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true });
            // A new stack: the group's ID is unknown, and the member is still recognised as one.
            new aws.elasticache.Cluster("member", { replicationGroupId: group.id });
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory memcached-one-node", "violation mandatory memcached-one-zone", "violation mandatory redis"]);
        assert.match(messages(report, RULE, "redis")[0], /stand-alone redis cluster is a single node .* use an aws\.elasticache\.ReplicationGroup/);
        assert.match(messages(report, RULE, "memcached-one-zone")[0], /azMode is unset \(single-az\); set azMode: "cross-az"/);
        assert.match(messages(report, RULE, "memcached-one-node")[0], /numCacheNodes is 1; set it to at least 2/);
    });

    it("says it cannot decide when the engine is computed, and is advisory in development", async () => {
        const untraceable = () => pulumi.unknown as unknown as pulumi.Input<string>;
        const report = await analyze(
            () => {
                new aws.elasticache.Cluster("computed", { engine: untraceable(), nodeType: "cache.t4g.micro", numCacheNodes: 1 });
                new aws.elasticache.Cluster("redis", { engine: "valkey", nodeType: "cache.t4g.micro", numCacheNodes: 1 });
            },
            { stackTags: { "faultguard:profile": "development" } },
        );
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory computed", "violation advisory redis"]);
    });
});
