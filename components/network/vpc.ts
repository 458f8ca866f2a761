// Builders of MultiAzNetwork: the VPC, its public routing, and one public + private subnet pair per AZ.
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { type Scope } from "../lib/component";

/** `Name` tag `<component>-<suffix>` on top of the component's tags. */
function named(scope: Scope, suffix: string, extra: Record<string, string> = {}): Record<string, string> {
    return { ...scope.tags, Name: `${scope.name}-${suffix}`, ...extra };
}

/** The VPC, with its default security group stripped of every rule (nothing should use it). */
export function createVpc(scope: Scope, cidrBlock: string): aws.ec2.Vpc {
    const { name, child } = scope;
    const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock, enableDnsHostnames: true, enableDnsSupport: true, tags: named(scope, "vpc") }, child);
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: named(scope, "default-locked") }, child);
    return vpc;
}

export interface PublicRouting {
    internetGateway: aws.ec2.InternetGateway;
    routeTable: aws.ec2.RouteTable;
}

/** The internet gateway and the public route table every public subnet shares. */
export function createPublicRouting(scope: Scope, vpc: aws.ec2.Vpc): PublicRouting {
    const { name, child } = scope;
    const internetGateway = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: named(scope, "igw") }, child);
    const routeTable = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId: vpc.id, tags: named(scope, "public") }, child);
    new aws.ec2.Route(`${name}-public-default`, { routeTableId: routeTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id }, child);
    return { internetGateway, routeTable };
}

/** Where one AZ's subnets go. */
export interface AzPlacement {
    index: number;
    availabilityZone: pulumi.Input<string>;
    vpc: aws.ec2.Vpc;
}

/** One subnet of `tier` in the AZ, associated with `routeTable` (both named `<component>-<tier>-<index>`). */
function createSubnet(scope: Scope, az: AzPlacement, tier: "public" | "private", cidrBlock: string): { subnet: aws.ec2.Subnet; associate: (routeTable: aws.ec2.RouteTable) => void } {
    const id = `${scope.name}-${tier}-${az.index}`;
    const tags = named(scope, `${tier}-${az.index}`, { "faultguard:tier": tier });
    const subnet = new aws.ec2.Subnet(id, { vpcId: az.vpc.id, cidrBlock, availabilityZone: az.availabilityZone, mapPublicIpOnLaunch: false, tags }, scope.child);
    const associate = (routeTable: aws.ec2.RouteTable) => new aws.ec2.RouteTableAssociation(id, { subnetId: subnet.id, routeTableId: routeTable.id }, scope.child);
    return { subnet, associate };
}

export function createPublicSubnet(scope: Scope, az: AzPlacement, cidrBlock: string, routing: PublicRouting): aws.ec2.Subnet {
    const { subnet, associate } = createSubnet(scope, az, "public", cidrBlock);
    associate(routing.routeTable);
    return subnet;
}

/** A NAT gateway (and its Elastic IP) in a public subnet. */
export function createNatGateway(scope: Scope, index: number, publicSubnet: aws.ec2.Subnet, routing: PublicRouting): aws.ec2.NatGateway {
    const { name, child } = scope;
    const eip = new aws.ec2.Eip(`${name}-nat-${index}`, { domain: "vpc", tags: named(scope, `nat-${index}`) }, child);
    return new aws.ec2.NatGateway(
        `${name}-nat-${index}`,
        { subnetId: publicSubnet.id, allocationId: eip.allocationId, connectivityType: "public", tags: named(scope, `nat-${index}`) },
        { ...child, dependsOn: [routing.internetGateway] },
    );
}

/** A private subnet with its own route table, whose default route goes through `nat`. */
export function createPrivateSubnet(scope: Scope, az: AzPlacement, cidrBlock: string, nat: aws.ec2.NatGateway): aws.ec2.Subnet {
    const { name, child } = scope;
    const { subnet, associate } = createSubnet(scope, az, "private", cidrBlock);
    const routeTable = new aws.ec2.RouteTable(`${name}-private-rt-${az.index}`, { vpcId: az.vpc.id, tags: named(scope, `private-${az.index}`) }, child);
    new aws.ec2.Route(`${name}-private-default-${az.index}`, { routeTableId: routeTable.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, child);
    associate(routeTable);
    return subnet;
}
