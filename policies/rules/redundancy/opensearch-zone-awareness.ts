import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation, type Finding } from "../../lib/rule";

export const opensearchZoneAwareness = resourceRule({
    id: "opensearch-zone-awareness",
    title: "OpenSearch domains spread data nodes across zones",
    pillar: "redundancy",
    description:
        "An `aws.opensearch.Domain` sets `clusterConfig.zoneAwarenessEnabled: true` and runs at least `minDataNodes` data nodes (`clusterConfig.instanceCount`). Dedicated master nodes are judged separately by the advisory rule opensearch-dedicated-masters.",
    remediation: [
        "```ts",
        "new aws.opensearch.Domain(\"search\", {",
        "    clusterConfig: {",
        "        instanceCount: 3,",
        "        zoneAwarenessEnabled: true,",
        "        zoneAwarenessConfig: { availabilityZoneCount: 3 },",
        "        ...",
        "    },",
        "    vpcOptions: { subnetIds: network.privateSubnetIds }, // one per zone",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "Without zone awareness a shard and its replica can sit in the same zone, and with fewer than three data nodes the domain cannot keep quorum and replicas through a node loss: a zone or node failure loses availability or data.",
    byDefault: { shown: true, why: "Data nodes in one zone lose the domain with that zone." },
    resourceTypes: [aws.opensearch.Domain],
    anchors: {
        cdkNag: ["AwsSolutions-OS7"],
        awsConfig: ["opensearch-data-node-fault-tolerance"],
        securityHub: ["OpenSearch.6", "ES.6"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        minDataNodes: z.number().int().min(2).max(100).default(3).describe("Minimum number of data nodes (AWS Config opensearch-data-node-fault-tolerance asks for 3)."),
    }),
    check(domain, { config }) {
        const findings: Finding[] = [];
        if (domain.boolean("clusterConfig.zoneAwarenessEnabled") !== true) {
            findings.push(violation("clusterConfig.zoneAwarenessEnabled is not true; set it to true (with zoneAwarenessConfig.availabilityZoneCount 2 or 3) so replicas go to other zones."));
        }
        const count = domain.number("clusterConfig.instanceCount") ?? 1;
        if (count < config.minDataNodes) {
            findings.push(violation(`clusterConfig.instanceCount is ${count}; run at least ${config.minDataNodes} data nodes.`));
        }
        return findings;
    },
});
