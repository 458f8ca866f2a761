import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes } from "./fixtures";

const RULE = "nat-per-az";

/** A VPC with a public and a private subnet per zone; `natZones` says which NAT each private zone uses. */
function network(prefix: string, zones: Array<string | undefined>, natFor: (i: number) => number, routeStyle: "inline" | "resource") {
    const vpc = new aws.ec2.Vpc(`${prefix}-vpc`, { cidrBlock: "10.0.0.0/16" });
    const igw = new aws.ec2.InternetGateway(`${prefix}-igw`, { vpcId: vpc.id });
    const publicRt = new aws.ec2.RouteTable(`${prefix}-public`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }] });
    const nats = zones.map((zone, i) => {
        const pub = new aws.ec2.Subnet(`${prefix}-pub-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: zone ?? "us-east-1a" });
        new aws.ec2.RouteTableAssociation(`${prefix}-pub-${i}`, { subnetId: pub.id, routeTableId: publicRt.id });
        const eip = new aws.ec2.Eip(`${prefix}-eip-${i}`, { domain: "vpc" });
        return new aws.ec2.NatGateway(`${prefix}-nat-${i}`, { subnetId: pub.id, allocationId: eip.id });
    });
    zones.forEach((zone, i) => {
        const priv = new aws.ec2.Subnet(`${prefix}-priv-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${100 + i}.0/24`, ...(zone ? { availabilityZone: zone } : {}) });
        const nat = nats[natFor(i)];
        const rt =
            routeStyle === "inline"
                ? new aws.ec2.RouteTable(`${prefix}-rt-${i}`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] })
                : new aws.ec2.RouteTable(`${prefix}-rt-${i}`, { vpcId: vpc.id });
        if (routeStyle === "resource") {
            new aws.ec2.Route(`${prefix}-default-${i}`, { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
        }
        new aws.ec2.RouteTableAssociation(`${prefix}-priv-${i}`, { subnetId: priv.id, routeTableId: rt.id });
    });
}

describe(`${RULE} (through the analyzer)`, () => {
    it("passes one NAT per zone (inline routes and aws.ec2.Route), flags private subnets routed to another zone's NAT", async () => {
        const report = await analyze(() => {
            network("good", ["us-east-1a", "us-east-1b"], (i) => i, "inline");
            network("good-routes", ["us-east-1a", "us-east-1b"], (i) => i, "resource");
            network("single", ["us-east-1a", "us-east-1b", "us-east-1c"], () => 0, "resource");
            network("crossed", ["us-east-1a", "us-east-1b"], (i) => 1 - i, "inline");
        });
        assert.deepEqual(outcomes(report, RULE), [
            "violation mandatory crossed-priv-0",
            "violation mandatory crossed-priv-1",
            "violation mandatory single-priv-1",
            "violation mandatory single-priv-2",
        ]);
        assert.match(
            messages(report, RULE, "single-priv-1")[0],
            /route table single-rt-1 sends 0\.0\.0\.0\/0 to NAT gateway single-nat-0 in us-east-1a, but this subnet is in us-east-1b; route it to a NAT gateway in us-east-1b/,
        );
    });

    it("one NAT shared through one route table: every subnet outside the NAT's zone is flagged", async () => {
        const report = await analyze(() => {
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
            const pub = new aws.ec2.Subnet("pub", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", availabilityZone: "us-east-1a" });
            const nat = new aws.ec2.NatGateway("nat", { subnetId: pub.id, allocationId: new aws.ec2.Eip("eip", { domain: "vpc" }).id });
            const rt = new aws.ec2.RouteTable("private", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] });
            ["us-east-1a", "us-east-1b"].forEach((zone, i) => {
                const s = new aws.ec2.Subnet(`priv-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${10 + i}.0/24`, availabilityZone: zone });
                new aws.ec2.RouteTableAssociation(`priv-${i}`, { subnetId: s.id, routeTableId: rt.id });
            });
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory priv-1"]);
    });

    it("follows subnets without an association to the VPC's main route table (MainRouteTableAssociation)", async () => {
        const report = await analyze(() => {
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
            const pub = new aws.ec2.Subnet("pub", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", availabilityZone: "us-east-1a" });
            const nat = new aws.ec2.NatGateway("nat", { subnetId: pub.id, allocationId: new aws.ec2.Eip("eip", { domain: "vpc" }).id });
            const main = new aws.ec2.RouteTable("main", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] });
            new aws.ec2.MainRouteTableAssociation("main", { vpcId: vpc.id, routeTableId: main.id });
            new aws.ec2.Subnet("implicit-a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a" });
            new aws.ec2.Subnet("implicit-b", { vpcId: vpc.id, cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1b" });
        });
        // "pub" uses the main table too (no association): its NAT is its own zone's.
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory implicit-b"]);
    });

    it("gives one advisory when a private subnet's zone is left for AWS to pick", async () => {
        const report = await analyze(() => network("free", [undefined], (i) => i, "inline"));
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory free-priv-0"]);
        assert.match(messages(report, RULE, "free-priv-0")[0], /the zone of subnet free-priv-0 is not set/);
    });
});
