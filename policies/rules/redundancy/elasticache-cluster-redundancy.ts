import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation, type Finding } from "../../lib/rule";

export const elasticacheClusterRedundancy = resourceRule({
    id: "elasticache-cluster-redundancy",
    title: "Stand-alone ElastiCache clusters are not single nodes",
    pillar: "redundancy",
    description:
        "An `aws.elasticache.Cluster` that is not a member of a replication group (no `replicationGroupId`) is Memcached with `numCacheNodes` ≥ `minNodes` and `azMode: \"cross-az\"`. A stand-alone Redis or Valkey cluster is always one node with no replica, so it fails: use an `aws.elasticache.ReplicationGroup` (judged by elasticache-failover) or a ServerlessCache.",
    remediation: [
        "Redis/Valkey: a replication group with a replica in another zone:",
        "```ts",
        "new aws.elasticache.ReplicationGroup(\"cache\", {",
        "    description: \"sessions\", engine: \"redis\", nodeType: \"cache.t4g.small\",",
        "    numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true,",
        "    subnetGroupName: subnets.name,",
        "});",
        "```",
        "Memcached: several nodes spread over zones:",
        "```ts",
        "new aws.elasticache.Cluster(\"cache\", { engine: \"memcached\", nodeType: \"cache.t4g.small\", numCacheNodes: 2, azMode: \"cross-az\" });",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "A single cache node is lost with its host or zone: every request then misses (or fails, when the cache holds sessions or locks) and the load falls on the database behind it at once. The replication-group rule did not see stand-alone clusters, the shape most example programs use.",
    byDefault: { shown: true, why: "A single-node cache cluster loses its data and its clients on any node failure." },
    resourceTypes: [aws.elasticache.Cluster],
    anchors: { gap: true, wellArchitected: ["REL10-BP01"] },
    config: z.object({
        minNodes: z.number().int().min(2).max(40).default(2).describe("Minimum numCacheNodes of a stand-alone Memcached cluster."),
    }),
    check(cluster, { config }) {
        const group = cluster.read("replicationGroupId");
        if (!group.known || (group.value !== undefined && group.value !== "")) {
            return []; // A member of a replication group: the group is judged by elasticache-failover.
        }
        const engineRead = cluster.read("engine");
        if (!engineRead.known) {
            return [unresolvable("engine")];
        }
        const engine = typeof engineRead.value === "string" ? engineRead.value : undefined;
        if (engine !== "memcached") {
            return [
                violation(
                    `a stand-alone ${engine ?? "Redis"} cluster is a single node with no replica, lost with its host or zone; use an aws.elasticache.ReplicationGroup with numCacheClusters ≥ 2, automaticFailoverEnabled: true and multiAzEnabled: true (or an aws.elasticache.ServerlessCache).`,
                ),
            ];
        }
        const findings: Finding[] = [];
        const nodes = cluster.number("numCacheNodes");
        if (nodes !== undefined && nodes < config.minNodes) {
            findings.push(violation(`numCacheNodes is ${nodes}; set it to at least ${config.minNodes} so losing one node loses only part of the cache.`));
        }
        const azMode = cluster.string("azMode");
        if (azMode !== "cross-az" && !(nodes !== undefined && nodes < 2)) {
            findings.push(violation(`azMode is ${azMode === undefined ? "unset (single-az)" : azMode}; set azMode: "cross-az" so the nodes sit in different availability zones.`));
        }
        return findings;
    },
});
