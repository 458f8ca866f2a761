import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { judgeSubnetZones, zonesOfSubnets } from "../../lib/links/zones";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { isUnknown } from "../../lib/values";

export const clbMultiAzCrossZone = stackRule({
    id: "clb-multi-az-cross-zone",
    title: "Classic Load Balancers span several zones and balance across them",
    pillar: "redundancy",
    description: "A Classic Load Balancer (`aws.elb.LoadBalancer`) has `subnets` (or `availabilityZones`) in at least `minAzs` zones and does not turn `crossZoneLoadBalancing` off.",
    remediation: [
        "```ts",
        "new aws.elb.LoadBalancer(\"legacy\", {",
        "    subnets: network.publicSubnetIds, // 2+ AZs",
        "    crossZoneLoadBalancing: true,",
        "    ...",
        "});",
        "```",
        "Better: migrate to an Application or Network Load Balancer.",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "A single-zone CLB fails with its zone; without cross-zone balancing, traffic is split per zone regardless of how many healthy instances each zone holds.",
    byDefault: { shown: true, why: "A classic load balancer in one zone, or without cross-zone balancing, fails or overloads with one zone." },
    resourceTypes: [aws.elb.LoadBalancer],
    anchors: {
        cdkNag: ["AwsSolutions-ELB4"],
        checkov: ["CKV_AWS_138"],
        awsConfig: ["elb-cross-zone-load-balancing-enabled", "clb-multiple-az"],
        securityHub: ["ELB.9", "ELB.10"],
        other: ["PCP aws-elb-loadbalancer-configure-multi-availability-zone"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        minAzs: z.number().int().min(2).max(6).default(2).describe("Minimum number of availability zones (AWS Config clb-multiple-az minAvailabilityZones)."),
    }),
    check(clb, { config, graph }) {
        const findings: Finding[] = [];
        // The provider's default is true; only an explicit false turns it off.
        if (clb.boolean("crossZoneLoadBalancing") === false) {
            findings.push(violation("crossZoneLoadBalancing is false; set crossZoneLoadBalancing: true."));
        }
        const subnets = clb.read("subnets");
        if (!subnets.known || (Array.isArray(subnets.value) && subnets.value.length > 0)) {
            findings.push(...judgeSubnetZones(zonesOfSubnets(graph, clb, "subnets"), config.minAzs, "subnets", "attach subnets"));
            return findings;
        }
        const zones = clb.read("availabilityZones");
        if (!zones.known || (Array.isArray(zones.value) && zones.value.some(isUnknown))) {
            findings.push(unresolvable("availabilityZones"));
            return findings;
        }
        const names = new Set(Array.isArray(zones.value) ? zones.value.filter((v): v is string => typeof v === "string") : []);
        if (names.size < config.minAzs) {
            findings.push(violation(`the load balancer spans ${names.size} availability zone(s); set subnets (or availabilityZones) in at least ${config.minAzs} zones.`));
        }
        return findings;
    },
});
