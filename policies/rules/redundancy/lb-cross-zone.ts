import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

export const lbCrossZone = resourceRule({
    id: "lb-cross-zone",
    title: "Network and Gateway Load Balancers balance across zones",
    pillar: "redundancy",
    description: "A Network or Gateway Load Balancer sets `enableCrossZoneLoadBalancing: true` (it is off by default for both; Application Load Balancers always balance across zones).",
    remediation: [
        "Turn cross-zone load balancing on:",
        "```ts",
        "new aws.lb.LoadBalancer(\"nlb\", {",
        "    loadBalancerType: \"network\",",
        "    enableCrossZoneLoadBalancing: true,",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "Without cross-zone balancing each NLB node only serves targets in its own zone: when a zone's targets fail or are few, clients resolved to that node see errors or overload.",
    byDefault: { shown: true, why: "Without cross-zone balancing a zone with fewer healthy targets is overloaded." },
    resourceTypes: [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
    anchors: {
        checkov: ["CKV_AWS_152"],
        awsConfig: ["nlb-cross-zone-load-balancing-enabled"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({}),
    check(lb) {
        const type = lb.string("loadBalancerType") ?? "application";
        if (type !== "network" && type !== "gateway") {
            return [];
        }
        if (lb.boolean("enableCrossZoneLoadBalancing") !== true) {
            return [violation(`this ${type} load balancer has cross-zone load balancing off (the default); set enableCrossZoneLoadBalancing: true.`)];
        }
        return [];
    },
});
