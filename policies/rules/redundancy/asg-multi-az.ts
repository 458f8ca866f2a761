import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { judgeZones, zonesOfSubnets } from "../../lib/links/zones";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";

export const asgMultiAz = stackRule({
    id: "asg-multi-az",
    title: "Auto Scaling groups span several availability zones",
    pillar: "redundancy",
    description: "An Auto Scaling group launches into at least `minAzs` availability zones and keeps at least one instance per zone.",
    remediation: [
        "Give the group one private subnet per availability zone and a `minSize` of at least the zone count:",
        "```ts",
        "new aws.autoscaling.Group(\"web\", {",
        "    vpcZoneIdentifiers: network.privateSubnetIds, // one subnet in each of 2+ AZs",
        "    minSize: 2,",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "A group confined to one zone goes down with that zone; a minSize below the zone count leaves a zone empty.",
    resourceTypes: [aws.autoscaling.Group],
    anchors: {
        awsConfig: ["autoscaling-multiple-az"],
        securityHub: ["AutoScaling.2"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        minAzs: z.number().int().min(2).max(6).default(2).describe("Minimum number of availability zones."),
    }),
    check(asg, { config, graph }) {
        const findings: Finding[] = [];
        const minSize = asg.read("minSize");
        if (!minSize.known) {
            findings.push(unresolvable("minSize"));
        } else if (typeof minSize.value !== "number" || minSize.value < config.minAzs) {
            findings.push(violation(`minSize is ${String(minSize.value ?? "unset")}; set minSize to at least ${config.minAzs} so every availability zone keeps an instance.`));
        }
        const usesSubnets = !asg.read("vpcZoneIdentifiers").known || (asg.array("vpcZoneIdentifiers")?.length ?? 0) > 0;
        if (usesSubnets) {
            const verdict = judgeZones(zonesOfSubnets(graph, asg, "vpcZoneIdentifiers"), config.minAzs);
            if (verdict.verdict === "fail") {
                findings.push(violation(`vpcZoneIdentifiers covers ${verdict.detail}; give the group subnets in at least ${config.minAzs} availability zones.`));
            } else if (verdict.verdict === "unknown") {
                findings.push(unresolvable("vpcZoneIdentifiers", verdict.detail));
            }
        } else {
            const zones = new Set((asg.array("availabilityZones") ?? []).filter((z): z is string => typeof z === "string"));
            if (zones.size < config.minAzs) {
                findings.push(violation(`the group spans ${zones.size} availability zone(s); set vpcZoneIdentifiers (or availabilityZones) to cover at least ${config.minAzs}.`));
            }
        }
        return findings;
    },
});
