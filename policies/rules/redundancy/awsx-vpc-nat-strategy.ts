import { z } from "zod";
import { resourceRule, unresolvable, violation } from "../../lib/rule";
import { asString, isRecord } from "../../lib/values";

/** The awsx VPC component (a remote component, not in the generated aws-types). */
const AWSX_VPC = "awsx:ec2:Vpc";

export const awsxVpcNatStrategy = resourceRule({
    id: "awsx-vpc-nat-strategy",
    title: "awsx VPCs with private subnets have a NAT gateway per zone",
    pillar: "redundancy",
    description:
        "An `awsx.ec2.Vpc` that has private subnets (awsx creates them by default) keeps `natGateways.strategy` at `OnePerAz` (the default), not `Single` or `None`.",
    remediation: [
        "```ts",
        "new awsx.ec2.Vpc(\"network\", {",
        "    natGateways: { strategy: awsx.ec2.NatGatewayStrategy.OnePerAz },",
        "});",
        "```",
        "If the subnets need no internet egress, declare them `Isolated` instead of `Private`.",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "`Single` puts every zone's egress behind one NAT gateway in one zone, so a zone failure cuts egress for all; `None` with private subnets leaves them without the egress they were declared for.",
    byDefault: { shown: true, why: "A single NAT gateway takes every private subnet's egress down with its zone." },
    resourceTypes: [AWSX_VPC],
    anchors: {
        wellArchitected: ["REL10-BP01", "REL02-BP01"],
        gap: true,
    },
    config: z.object({}),
    check(vpc) {
        const nat = vpc.read("natGateways");
        if (!nat.known) {
            return [unresolvable("natGateways")];
        }
        // A resource rule sees the component's inputs. Were it given outputs (natGateways is then
        // the list of NAT gateway resources, which nat-per-az judges), there is no strategy to read.
        const strategy = isRecord(nat.value) ? vpc.string("natGateways.strategy") ?? "OnePerAz" : "OnePerAz";
        if (strategy !== "Single" && strategy !== "None") {
            return [];
        }
        const specs = vpc.read("subnetSpecs");
        if (!specs.known) {
            return [unresolvable("subnetSpecs", `natGateways.strategy is ${strategy}; whether the VPC has private subnets is not known`)];
        }
        const types = Array.isArray(specs.value) ? specs.value.map((s) => (isRecord(s) ? asString(s["type"]) : undefined)) : ["Public", "Private"];
        if (!types.some((t) => t?.toLowerCase() === "private")) {
            return [];
        }
        return [violation(`natGateways.strategy is ${strategy} but the VPC has private subnets; set natGateways: { strategy: "OnePerAz" }${strategy === "None" ? " (or make those subnets Isolated if they need no egress)" : ""}.`)];
    },
});
