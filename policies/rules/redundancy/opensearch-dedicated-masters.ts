import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

export const opensearchDedicatedMasters = resourceRule({
    id: "opensearch-dedicated-masters",
    title: "OpenSearch domains use three dedicated master nodes",
    pillar: "redundancy",
    description: "An `aws.opensearch.Domain` sets `clusterConfig.dedicatedMasterEnabled: true` with `dedicatedMasterCount` of at least `minMasters` (an odd number, for quorum).",
    remediation: [
        "```ts",
        "clusterConfig: {",
        "    dedicatedMasterEnabled: true,",
        "    dedicatedMasterCount: 3,",
        "    dedicatedMasterType: \"m6g.large.search\",",
        "    ...",
        "}",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory", development: "advisory" },
    rationale:
        "Advisory: AWS recommends three dedicated masters for production domains because data nodes under load make poor cluster managers, but a small domain with zone awareness and 3+ data nodes (mandatory in opensearch-zone-awareness) survives a zone loss without them. Dedicated masters are a stability and cost trade-off, not a redundancy floor.",
    byDefault: { shown: true, why: "Without dedicated masters a busy data node can destabilise the whole cluster." },
    resourceTypes: [aws.opensearch.Domain],
    anchors: {
        cdkNag: ["AwsSolutions-OS4"],
        checkov: ["CKV_AWS_318", "CKV2_AWS_59"],
        securityHub: ["ES.7"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        minMasters: z.number().int().min(3).max(5).default(3).describe("Minimum number of dedicated master nodes."),
    }),
    check(domain, { config }) {
        if (domain.boolean("clusterConfig.dedicatedMasterEnabled") !== true) {
            return [violation(`dedicated master nodes are off; set clusterConfig.dedicatedMasterEnabled: true and dedicatedMasterCount: ${config.minMasters}.`)];
        }
        const count = domain.number("clusterConfig.dedicatedMasterCount") ?? 3;
        if (count < config.minMasters) {
            return [violation(`clusterConfig.dedicatedMasterCount is ${count}; use at least ${config.minMasters} so the cluster keeps a master quorum when one is lost.`)];
        }
        return [];
    },
});
