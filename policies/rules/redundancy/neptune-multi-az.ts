import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { stackRule } from "../../lib/rule";
import { judgeClusterInstances } from "../../lib/links/cluster-members";

export const neptuneMultiAz = stackRule({
    id: "neptune-multi-az",
    title: "Neptune clusters have instances in several availability zones",
    pillar: "redundancy",
    description: "An `aws.neptune.Cluster` has at least `minInstances` `aws.neptune.ClusterInstance` members (linked through `clusterIdentifier`) that are not all pinned to one zone.",
    remediation: [
        "```ts",
        "const graphDb = new aws.neptune.Cluster(\"graph\", { neptuneSubnetGroupName: group.name, ... });",
        "for (const i of [0, 1]) {",
        "    new aws.neptune.ClusterInstance(`graph-${i}`, { clusterIdentifier: graphDb.id, instanceClass: \"db.r6g.large\" });",
        "}",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "A single-instance Neptune cluster has no replica to promote: an instance or zone failure is an outage until a replacement is created.",
    byDefault: { shown: true, why: "A cluster with instances in one zone has nowhere to fail over." },
    resourceTypes: [aws.neptune.Cluster],
    anchors: {
        cdkNag: ["AwsSolutions-N1"],
        awsConfig: ["neptune-cluster-multi-az-enabled"],
        securityHub: ["Neptune.9"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        minInstances: z.number().int().min(2).max(16).default(2).describe("Minimum number of cluster instances (primary + replicas)."),
    }),
    check(cluster, { config, graph }) {
        return judgeClusterInstances(graph, cluster, aws.neptune.ClusterInstance, config.minInstances);
    },
});
