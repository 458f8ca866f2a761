import assert from "node:assert/strict";
import { Netmask } from "netmask";
import { MultiAzNetwork } from "../../components";
import { argsErrorOf, byUrn, capture, type CapturedStack, dependsVia, ofType, one } from "./support";

const SUBNET = "aws:ec2/subnet:Subnet";
const NAT = "aws:ec2/natGateway:NatGateway";
const ROUTE = "aws:ec2/route:Route";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";

function subnets(stack: CapturedStack, tier: "public" | "private") {
    return ofType(stack, SUBNET).filter((s) => (s.inputs.tags as Record<string, string>)["faultguard:tier"] === tier);
}

/** For each private subnet: its AZ and the AZ of the NAT gateway its default route uses. */
function natAzByPrivateSubnet(stack: CapturedStack): { subnetAz: string; natAz: string }[] {
    return subnets(stack, "private").map((subnet) => {
        const association = ofType(stack, ASSOCIATION).find((a) => dependsVia(a, "subnetId").includes(subnet.urn));
        assert.ok(association, `private subnet ${subnet.name} has a route table`);
        const [routeTable] = dependsVia(association, "routeTableId");
        const route = ofType(stack, ROUTE).find((r) => dependsVia(r, "routeTableId").includes(routeTable) && r.inputs.destinationCidrBlock === "0.0.0.0/0");
        assert.ok(route, `route table of ${subnet.name} has a default route`);
        const [natUrn] = dependsVia(route, "natGatewayId");
        assert.ok(natUrn, `default route of ${subnet.name} goes to a NAT gateway`);
        const [natSubnetUrn] = dependsVia(byUrn(stack, natUrn), "subnetId");
        return { subnetAz: String(subnet.inputs.availabilityZone), natAz: String(byUrn(stack, natSubnetUrn).inputs.availabilityZone) };
    });
}

describe("MultiAzNetwork", () => {
    let stack: CapturedStack;
    let network: MultiAzNetwork | undefined;
    before(async () => {
        stack = await capture(() => {
            network = new MultiAzNetwork("net");
        });
    });

    it("spans three AZs by default, with a public and a private subnet in each", () => {
        const azs = (tier: "public" | "private") => subnets(stack, tier).map((s) => s.inputs.availabilityZone).sort();
        assert.deepEqual(azs("public"), ["us-east-1a", "us-east-1b", "us-east-1c"]);
        assert.deepEqual(azs("private"), ["us-east-1a", "us-east-1b", "us-east-1c"]);
        for (const subnet of ofType(stack, SUBNET)) assert.equal(subnet.inputs.mapPublicIpOnLaunch, false);
    });

    it("carves non-overlapping subnets inside the VPC block", () => {
        const vpc = new Netmask(String(one(stack, "aws:ec2/vpc:Vpc").inputs.cidrBlock));
        const blocks = ofType(stack, SUBNET).map((s) => new Netmask(String(s.inputs.cidrBlock)));
        for (const block of blocks) assert.ok(vpc.contains(block), `${block} inside ${vpc}`);
        blocks.forEach((a, i) => blocks.slice(i + 1).forEach((b) => assert.ok(!a.contains(b) && !b.contains(a), `${a} and ${b} overlap`)));
    });

    it("gives every AZ its own NAT gateway, and routes each private subnet to the NAT in its AZ", () => {
        assert.equal(ofType(stack, NAT).length, 3);
        assert.equal(ofType(stack, "aws:ec2/eip:Eip").length, 3);
        for (const { subnetAz, natAz } of natAzByPrivateSubnet(stack)) assert.equal(natAz, subnetAz);
    });

    it("writes flow logs of all traffic to a log group with retention, through a role limited to that group", () => {
        const flowLog = one(stack, "aws:ec2/flowLog:FlowLog");
        const logGroup = one(stack, "aws:cloudwatch/logGroup:LogGroup");
        assert.equal(flowLog.inputs.trafficType, "ALL");
        assert.equal(flowLog.inputs.logDestinationType, "cloud-watch-logs");
        assert.deepEqual(dependsVia(flowLog, "logDestination"), [logGroup.urn]);
        assert.equal(logGroup.inputs.retentionInDays, 90);
        const policy = one(stack, "aws:iam/rolePolicy:RolePolicy");
        assert.deepEqual(dependsVia(policy, "policy"), [logGroup.urn]);
    });

    it("strips every rule from the default security group", () => {
        const sg = one(stack, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        assert.equal(sg.inputs.ingress, undefined);
        assert.equal(sg.inputs.egress, undefined);
    });

    it("parents every child to the component and exposes subnet IDs per AZ", () => {
        const component = one(stack, "faultguard:aws:MultiAzNetwork");
        for (const child of stack.resources.filter((r) => r.type.startsWith("aws:"))) assert.equal(child.parent, component.urn, child.name);
        assert.equal(network?.privateSubnetIds.length, 3);
        assert.equal(network?.publicSubnetIds.length, 3);
    });

    it("development profile: one NAT gateway shared by every AZ, short log retention", async () => {
        const dev = await capture(() => void new MultiAzNetwork("net", { profile: "development" }));
        assert.equal(ofType(dev, NAT).length, 1);
        const routes = natAzByPrivateSubnet(dev);
        assert.equal(routes.length, 3);
        assert.ok(routes.every((r) => r.natAz === "us-east-1a"));
        assert.equal(one(dev, "aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays, 7);
    });

    it("uses the AZ names and CIDR block it is given", async () => {
        const custom = await capture(
            () => new MultiAzNetwork("net", { cidrBlock: "172.20.0.0/20", availabilityZoneNames: ["eu-west-1b", "eu-west-1c"], privateSubnetPrefixLength: 22, publicSubnetPrefixLength: 24 }),
        );
        assert.deepEqual(subnets(custom, "private").map((s) => [s.inputs.availabilityZone, s.inputs.cidrBlock]).sort(), [
            ["eu-west-1b", "172.20.0.0/22"],
            ["eu-west-1c", "172.20.4.0/22"],
        ]);
        assert.deepEqual(subnets(custom, "public").map((s) => s.inputs.cidrBlock).sort(), ["172.20.8.0/24", "172.20.9.0/24"]);
        assert.equal(ofType(custom, NAT).length, 2);
    });

    it("rejects bad args with one error naming every field and the fix, registering nothing", async () => {
        const { error, registered } = await argsErrorOf(() => new MultiAzNetwork("net", { availabilityZoneCount: 1, cidrBlock: "10.0.0.1/16", flowLogs: { retentionInDays: 10 } }));
        assert.deepEqual(registered, []);
        assert.deepEqual(error.problems.map((p) => p.path).sort(), ["availabilityZoneCount", "cidrBlock", "flowLogs.retentionInDays"]);
        assert.match(error.message, /availabilityZoneCount: needs at least 2 AZs for fault tolerance; pass 2 or more/);
        assert.match(error.message, /cidrBlock: "10\.0\.0\.1\/16" has host bits set; pass "10\.0\.0\.0\/16"/);
        assert.match(error.message, /^invalid arguments for faultguard:aws:MultiAzNetwork "net" \(3 problems\)/);
    });

    it("rejects duplicate AZ names, unknown fields, and subnets that do not fit", async () => {
        const { error, registered } = await argsErrorOf(
            () => new MultiAzNetwork("net", { availabilityZoneNames: ["us-east-1a", "us-east-1a"], cidrBlock: "10.0.0.0/24", privateSubnetPrefixLength: 25, natGateways: "single" } as never),
        );
        assert.deepEqual(registered, []);
        assert.match(error.message, /availabilityZoneNames: AZ names must be distinct/);
        assert.match(error.message, /unknown field "natGateways"/);
        assert.match(error.message, /cidrBlock: 2 private \/25 and 2 public \/28 subnets do not fit in 10\.0\.0\.0\/24/);
    });
});
