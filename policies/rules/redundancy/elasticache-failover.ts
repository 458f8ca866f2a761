import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation, type Finding } from "../../lib/rule";

export const elasticacheFailover = resourceRule({
    id: "elasticache-failover",
    title: "ElastiCache replication groups fail over across zones",
    pillar: "redundancy",
    description:
        "An `aws.elasticache.ReplicationGroup` sets `automaticFailoverEnabled: true` and `multiAzEnabled: true`, with at least one replica (`numCacheClusters` ≥ 2, or `replicasPerNodeGroup` ≥ 1 in cluster mode).",
    remediation: [
        "```ts",
        "new aws.elasticache.ReplicationGroup(\"cache\", {",
        "    automaticFailoverEnabled: true,",
        "    multiAzEnabled: true,",
        "    numCacheClusters: 2, // primary + 1 replica",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "Without automatic failover a failed primary is replaced by hand or by node replacement, and without Multi-AZ its replicas may share its zone: the cache and everything leaning on it go down with one node or zone.",
    byDefault: { shown: true, why: "Without automatic failover a primary node failure is an outage until someone promotes a replica." },
    resourceTypes: [aws.elasticache.ReplicationGroup],
    anchors: {
        cdkNag: ["AwsSolutions-AEC4"],
        checkov: ["CKV2_AWS_50"],
        awsConfig: ["elasticache-repl-grp-auto-failover-enabled"],
        securityHub: ["ElastiCache.3"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({}),
    check(group) {
        const findings: Finding[] = [];
        if (group.boolean("automaticFailoverEnabled") !== true) {
            findings.push(violation("automaticFailoverEnabled is not true; set automaticFailoverEnabled: true so a replica is promoted when the primary fails."));
        }
        if (group.boolean("multiAzEnabled") !== true) {
            findings.push(violation("multiAzEnabled is not true; set multiAzEnabled: true so replicas sit in other availability zones than the primary."));
        }
        const clusterMode = group.number("numNodeGroups") !== undefined || group.number("replicasPerNodeGroup") !== undefined;
        if (clusterMode) {
            const replicas = group.number("replicasPerNodeGroup");
            if (replicas !== undefined && replicas < 1) {
                findings.push(violation(`replicasPerNodeGroup is ${replicas}; set it to at least 1 so every shard has a replica to fail over to.`));
            }
        } else {
            const nodes = group.number("numCacheClusters");
            if (nodes !== undefined && nodes < 2) {
                findings.push(violation(`numCacheClusters is ${nodes}; set it to at least 2 (a primary and a replica).`));
            }
        }
        return findings;
    },
});
