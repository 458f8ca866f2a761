import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { defaultRouteNats } from "../../lib/links/routes";
import { subnetsAt, subnetZone } from "../../lib/links/zones";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { asString } from "../../lib/values";

/** Same zone, different zone, or cannot tell (one side unset or named differently). */
function sameZone(a: { name?: string; id?: string }, b: { name?: string; id?: string }): boolean | undefined {
    if (a.name !== undefined && b.name !== undefined) {
        return a.name === b.name;
    }
    if (a.id !== undefined && b.id !== undefined) {
        return a.id === b.id;
    }
    return undefined;
}

export const natPerAz = stackRule({
    id: "nat-per-az",
    title: "Private subnets use a NAT gateway in their own zone",
    pillar: "redundancy",
    description:
        "A subnet whose route table sends 0.0.0.0/0 to a NAT gateway uses a NAT gateway in the subnet's own availability zone (or a regional NAT gateway), so no single NAT gateway serves several zones.",
    remediation: [
        "Create one NAT gateway and one private route table per zone:",
        "```ts",
        "zones.forEach((az, i) => {",
        "    const nat = new aws.ec2.NatGateway(`nat-${i}`, { subnetId: publicSubnets[i].id, allocationId: eips[i].id });",
        "    const rt = new aws.ec2.RouteTable(`private-${i}`, { vpcId: vpc.id, routes: [{ cidrBlock: \"0.0.0.0/0\", natGatewayId: nat.id }] });",
        "    new aws.ec2.RouteTableAssociation(`private-${i}`, { subnetId: privateSubnets[i].id, routeTableId: rt.id });",
        "});",
        "```",
        "With awsx: `natGateways: { strategy: \"OnePerAz\" }`.",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "A NAT gateway lives in one zone: when that zone fails, every private subnet routed through it loses outbound access, so the other zones' workloads fail with it (and pay cross-zone data charges meanwhile).",
    byDefault: { shown: true, why: "Private subnets routed through another zone's NAT gateway lose egress when that zone fails." },
    resourceTypes: [aws.ec2.Subnet],
    anchors: {
        wellArchitected: ["REL10-BP01", "REL02-BP01"],
        gap: true,
    },
    config: z.object({}),
    check(subnet, { graph }) {
        const hops = defaultRouteNats(graph, subnet);
        if (hops.length === 0) {
            return [];
        }
        const mine = subnetZone(subnet);
        const findings: Finding[] = [];
        for (const hop of hops) {
            if (hop.unresolved || hop.external.length > 0) {
                const what = hop.external.length > 0 ? `NAT gateway ${hop.external.join(", ")} is not managed in this stack` : "the NAT gateway of the default route cannot be traced";
                findings.push(unresolvable(`routes of ${hop.table.name}`, `${what}, so its zone is not visible`));
                continue;
            }
            for (const nat of hop.nats) {
                if (asString(nat.props["availabilityMode"]) === "regional") {
                    continue; // A regional NAT gateway has capacity in every zone.
                }
                const natSubnets = subnetsAt(graph, nat, "subnetId");
                if (natSubnets.length === 0) {
                    findings.push(unresolvable(`subnetId of ${nat.name}`, "the NAT gateway's subnet is not in this stack"));
                    continue;
                }
                const theirs = subnetZone(natSubnets[0]);
                const same = sameZone(mine, theirs);
                if (same === undefined) {
                    const unset = mine.name === undefined && mine.id === undefined ? subnet.name : natSubnets[0].name;
                    findings.push(unresolvable("availabilityZone", `the zone of subnet ${unset} is not set, so it cannot be compared with NAT gateway ${nat.name}'s`));
                } else if (!same) {
                    findings.push(
                        violation(
                            `route table ${hop.table.name} sends 0.0.0.0/0 to NAT gateway ${nat.name} in ${theirs.name ?? theirs.id}, but this subnet is in ${mine.name ?? mine.id}; route it to a NAT gateway in ${mine.name ?? mine.id} (one NAT gateway and private route table per zone).`,
                        ),
                    );
                }
            }
        }
        return findings;
    },
});
