import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { judgeSubnetZones, mergeZoneResolutions, zonesOfSubnets } from "../../lib/links/zones";
import { stackRule, violation } from "../../lib/rule";

export const lbMultiAz = stackRule({
    id: "lb-multi-az",
    title: "Application, Network and Gateway Load Balancers span several availability zones",
    pillar: "redundancy",
    description: "An ELBv2 load balancer (`aws.lb.LoadBalancer` / `aws.alb.LoadBalancer`) has `subnets` or `subnetMappings` in at least `minAzs` availability zones.",
    remediation: [
        "Attach one subnet per availability zone:",
        "```ts",
        "new aws.lb.LoadBalancer(\"web\", {",
        "    loadBalancerType: \"application\",",
        "    subnets: network.publicSubnetIds, // subnets in 2+ AZs",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "A load balancer node exists only in the zones of its subnets: with one zone the entry point fails with that zone.",
    byDefault: { shown: true, why: "A load balancer in one zone goes down with it." },
    resourceTypes: [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
    anchors: {
        awsConfig: ["elbv2-multiple-az"],
        securityHub: ["ELB.13"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        minAzs: z.number().int().min(2).max(6).default(2).describe("Minimum number of availability zones (AWS Config elbv2-multiple-az minAvailabilityZones)."),
    }),
    check(lb, { config, graph }) {
        const subnets = lb.read("subnets");
        if (!subnets.known || (Array.isArray(subnets.value) && subnets.value.length > 0)) {
            return judgeSubnetZones(zonesOfSubnets(graph, lb, "subnets"), config.minAzs, "subnets", "attach subnets");
        }
        const mappings = lb.read("subnetMappings");
        if (!mappings.known) {
            // The whole list is unknown: its property dependencies still name the subnets.
            return judgeSubnetZones(zonesOfSubnets(graph, lb, "subnetMappings"), config.minAzs, "subnetMappings", "map subnets");
        }
        const list = Array.isArray(mappings.value) ? mappings.value : [];
        if (list.length === 0) {
            return [violation(`neither subnets nor subnetMappings is set; attach subnets in at least ${config.minAzs} availability zones.`)];
        }
        const parts = list.map((_, i) => zonesOfSubnets(graph, lb, `subnetMappings.${i}.subnetId`));
        return judgeSubnetZones(mergeZoneResolutions(parts), config.minAzs, "subnetMappings", "map subnets");
    },
});
