import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";

/** Engines with snapshots; Memcached has none. Replication groups default to Redis. */
const SNAPSHOT_ENGINES = new Set(["redis", "valkey"]);

export const elasticacheBackups = resourceRule({
    id: "elasticache-backups",
    title: "Redis and Valkey caches keep automatic snapshots",
    pillar: "durability",
    description:
        "A Redis/Valkey replication group, stand-alone cache cluster or serverless cache sets `snapshotRetentionLimit` to at least `minRetentionDays`. Memcached (no snapshots) and clusters that are members of a replication group (the group's setting applies) are exempt.",
    remediation: [
        "```ts",
        "new aws.elasticache.ReplicationGroup(\"sessions\", {",
        "    snapshotRetentionLimit: 7,      // days of daily snapshots",
        "    snapshotWindow: \"03:00-04:00\",",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: without snapshots a failure of every node (or a bad FLUSHALL) empties the cache. Most caches can be rebuilt from their source of truth, so the harm depends on whether this one is the only copy (sessions, queues, leaderboards). Default 7 days: the same week of recovery as rds-backups, between Security Hub ElastiCache.1's default (1) and the AWS Config rule's (15); set 15 for Config parity.",
    byDefault: { shown: true, why: "A Redis or Valkey cache used as a store loses its data on node failure without snapshots." },
    resourceTypes: [aws.elasticache.ReplicationGroup, aws.elasticache.Cluster, aws.elasticache.ServerlessCache],
    anchors: {
        cdkNag: ["HIPAA.Security-ElastiCacheRedisClusterAutomaticBackup", "NIST.800.53.R5-ElastiCacheRedisClusterAutomaticBackup"],
        checkov: ["CKV_AWS_134"],
        awsConfig: ["elasticache-redis-cluster-automatic-backup-check"],
        securityHub: ["ElastiCache.1"],
        wellArchitected: ["REL09-BP01", "REL09-BP02"],
    },
    config: z.object({
        minRetentionDays: z.number().int().min(1).max(35).default(7).describe("Smallest snapshotRetentionLimit accepted, in days (the AWS Config rule uses 15)."),
    }),
    check(cache, { config }) {
        const engine = cache.read("engine");
        if (!engine.known) {
            return [unresolvable("engine")];
        }
        const engineName = typeof engine.value === "string" ? engine.value.toLowerCase() : cache.type === aws.elasticache.ReplicationGroup ? "redis" : undefined;
        if (engineName === undefined || !SNAPSHOT_ENGINES.has(engineName)) {
            return [];
        }
        if (cache.type === aws.elasticache.Cluster) {
            const group = cache.read("replicationGroupId");
            if (!group.known || (typeof group.value === "string" && group.value !== "")) {
                return [];
            }
        }
        const limit = cache.read("snapshotRetentionLimit");
        if (!limit.known) {
            return [unresolvable("snapshotRetentionLimit")];
        }
        const days = typeof limit.value === "number" ? limit.value : 0;
        if (days >= config.minRetentionDays) {
            return [];
        }
        const now = limit.value === undefined ? "unset (no automatic snapshots)" : days === 0 ? "0 (no automatic snapshots)" : `${days} day${days === 1 ? "" : "s"}`;
        return [violation(`snapshotRetentionLimit is ${now}; set snapshotRetentionLimit to at least ${config.minRetentionDays} days.`)];
    },
});
