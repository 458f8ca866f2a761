import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { stackRule, violation } from "../../lib/rule";
import { judgeClusterInstances } from "../../lib/links/cluster-members";

export const rdsClusterMultiAz = stackRule({
    id: "rds-cluster-multi-az",
    title: "Aurora clusters have instances in several availability zones",
    pillar: "redundancy",
    description:
        "An Aurora `aws.rds.Cluster` has at least `minInstances` `aws.rds.ClusterInstance` members (linked through `clusterIdentifier`) that are not all pinned to one zone. A Multi-AZ DB cluster (`dbClusterInstanceClass` set) passes: RDS runs it across three zones. Aurora Serverless v1 (`engineMode: \"serverless\"`) runs in one zone and fails.",
    remediation: [
        "Add a reader; RDS places it in another zone of the subnet group:",
        "```ts",
        "const cluster = new aws.rds.Cluster(\"db\", { engine: \"aurora-postgresql\", ... });",
        "for (const i of [0, 1]) {",
        "    new aws.rds.ClusterInstance(`db-${i}`, {",
        "        clusterIdentifier: cluster.id,",
        "        engine: cluster.engine,",
        "        instanceClass: \"db.r6g.large\",",
        "    });",
        "}",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "With a single instance, Aurora recovers from an instance or zone failure by creating a new instance (about 10 minutes); with a reader in another zone, failover takes about 30 seconds.",
    byDefault: { shown: true, why: "An Aurora cluster with instances in one zone has nowhere to fail over." },
    resourceTypes: [aws.rds.Cluster],
    anchors: {
        awsConfig: ["rds-cluster-multi-az-enabled"],
        securityHub: ["RDS.15"],
        other: ["PCP aws-rds-cluster-disallow-single-availability-zone"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        minInstances: z.number().int().min(2).max(16).default(2).describe("Minimum number of cluster instances (writer + readers)."),
    }),
    check(cluster, { config, graph }) {
        if (cluster.string("dbClusterInstanceClass") !== undefined) {
            return []; // Multi-AZ DB cluster: one writer and two readers in three zones.
        }
        if (cluster.string("engineMode") === "serverless") {
            return [violation("engineMode is \"serverless\" (Aurora Serverless v1), which runs in one availability zone; use engineMode \"provisioned\" with db.serverless (Serverless v2) instances in 2+ zones.")];
        }
        return judgeClusterInstances(graph, cluster, aws.rds.ClusterInstance, config.minInstances);
    },
});
