import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation, type Finding } from "../../lib/rule";
import { asNumber, asString, isRecord } from "../../lib/values";

/** EC2 Auto Scaling's default: all capacity above the base is On-Demand. */
const DEFAULT_ON_DEMAND_PERCENT = 100;

export const asgInstanceDiversity = resourceRule({
    id: "asg-instance-diversity",
    title: "Auto Scaling groups can launch several instance types",
    pillar: "redundancy",
    description:
        "An Auto Scaling group uses a `mixedInstancesPolicy` offering at least `minInstanceTypes` instance types (overrides, or attribute-based `instanceRequirements`), and sets `capacityRebalance: true` when it uses Spot capacity.",
    remediation: [
        "```ts",
        "new aws.autoscaling.Group(\"workers\", {",
        "    capacityRebalance: true,",
        "    mixedInstancesPolicy: {",
        "        launchTemplate: {",
        "            launchTemplateSpecification: { launchTemplateId: lt.id, version: \"$Latest\" },",
        "            overrides: [{ instanceType: \"m6i.large\" }, { instanceType: \"m5.large\" }, { instanceType: \"m6a.large\" }],",
        "        },",
        "        instancesDistribution: { onDemandPercentageAboveBaseCapacity: 50, spotAllocationStrategy: \"price-capacity-optimized\" },",
        "    },",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory", development: "advisory" },
    rationale:
        "Advisory: instance-type diversity guards against insufficient-capacity errors for one type in one zone, which delays scale-out and zone recovery, but a single-type group is still redundant across zones (asg-multi-az is the mandatory floor). Many fleets pin one type on purpose (licensing, benchmarks, GPUs).",
    byDefault: { shown: true, why: "A group limited to one instance type fails to launch when that type's capacity runs out in a zone." },
    resourceTypes: [aws.autoscaling.Group],
    anchors: {
        awsConfig: ["autoscaling-multiple-instance-types", "autoscaling-capacity-rebalancing"],
        securityHub: ["AutoScaling.6"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        minInstanceTypes: z.number().int().min(2).max(20).default(2).describe("Minimum number of instance types the group can launch."),
    }),
    check(asg, { config }) {
        const policy = asg.record("mixedInstancesPolicy");
        if (!policy) {
            return [violation(`the group launches a single instance type; add a mixedInstancesPolicy with at least ${config.minInstanceTypes} instance types in launchTemplate.overrides.`)];
        }
        const findings: Finding[] = [];
        const overrides = asg.array("mixedInstancesPolicy.launchTemplate.overrides") ?? [];
        const attributeBased = overrides.some((o) => isRecord(o) && isRecord(o["instanceRequirements"]));
        const types = new Set(overrides.map((o) => (isRecord(o) ? asString(o["instanceType"]) : undefined)).filter((t) => t !== undefined));
        if (!attributeBased && types.size < config.minInstanceTypes) {
            findings.push(violation(`mixedInstancesPolicy.launchTemplate.overrides lists ${types.size} instance type(s); list at least ${config.minInstanceTypes} (or use instanceRequirements).`));
        }
        const onDemand = asNumber(asg.value("mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity")) ?? DEFAULT_ON_DEMAND_PERCENT;
        if (onDemand < 100 && asg.boolean("capacityRebalance") !== true) {
            findings.push(violation(`the group runs ${100 - onDemand}% Spot capacity without capacityRebalance; set capacityRebalance: true so at-risk Spot instances are replaced before they are reclaimed.`));
        }
        return findings;
    },
});
