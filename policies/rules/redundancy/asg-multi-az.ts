import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { judgeSubnetZones, zonesOfSubnets } from "../../lib/links/zones";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { isUnknown } from "../../lib/values";

export const asgMultiAz = stackRule({
    id: "asg-multi-az",
    title: "Auto Scaling groups span several availability zones",
    pillar: "redundancy",
    description:
        "An Auto Scaling group launches into at least `minAzs` availability zones (its `vpcZoneIdentifiers` subnets' zones, or `availabilityZones`) and keeps `minSize` at least `minAzs`, so every zone holds an instance.",
    remediation: [
        "Give the group one subnet per availability zone and a `minSize` of at least the zone count:",
        "```ts",
        "new aws.autoscaling.Group(\"web\", {",
        "    vpcZoneIdentifiers: network.privateSubnetIds, // one subnet in each of 2+ AZs",
        "    minSize: 2,",
        "    maxSize: 6,",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "A group confined to one zone goes down with that zone; a minSize below the zone count leaves a zone empty until scaling reacts.",
    byDefault: { shown: true, why: "A group in one zone goes down with that zone." },
    resourceTypes: [aws.autoscaling.Group],
    anchors: {
        awsConfig: ["autoscaling-multiple-az"],
        securityHub: ["AutoScaling.2"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        minAzs: z.number().int().min(2).max(6).default(2).describe("Minimum number of availability zones (AWS Config autoscaling-multiple-az minAvailabilityZones)."),
    }),
    check(asg, { config, graph }) {
        const findings: Finding[] = [];
        const minSize = asg.read("minSize");
        if (!minSize.known) {
            findings.push(unresolvable("minSize"));
        } else if (typeof minSize.value !== "number" || minSize.value < config.minAzs) {
            const shown = typeof minSize.value === "number" ? String(minSize.value) : minSize.value === undefined ? "unset" : "not a number";
            findings.push(violation(`minSize is ${shown}; set minSize to at least ${config.minAzs} so every availability zone keeps an instance.`));
        }
        const subnets = asg.read("vpcZoneIdentifiers");
        const usesSubnets = !subnets.known || (Array.isArray(subnets.value) && subnets.value.length > 0);
        if (usesSubnets) {
            findings.push(...judgeSubnetZones(zonesOfSubnets(graph, asg, "vpcZoneIdentifiers"), config.minAzs, "vpcZoneIdentifiers", "give the group subnets"));
            return findings;
        }
        const zones = asg.read("availabilityZones");
        if (!zones.known || (Array.isArray(zones.value) && zones.value.some(isUnknown))) {
            findings.push(unresolvable("availabilityZones"));
            return findings;
        }
        const names = new Set(Array.isArray(zones.value) ? zones.value.filter((v): v is string => typeof v === "string") : []);
        if (names.size < config.minAzs) {
            const what = names.size === 0 ? "neither vpcZoneIdentifiers nor availabilityZones is set" : `availabilityZones lists ${names.size} zone (${[...names].join(", ")})`;
            findings.push(violation(`${what}; set vpcZoneIdentifiers to subnets in at least ${config.minAzs} availability zones.`));
        }
        return findings;
    },
});
