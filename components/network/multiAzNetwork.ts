import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Netmask } from "netmask";
import { z } from "zod";
import { assumeRolePolicyFor, policyDocument } from "../lib/iam";
import { defaultLogRetention, logRetentionSchema } from "../lib/logs";
import { type Profile, profileSchema } from "../lib/profile";
import { componentTags, tagsSchema } from "../lib/tags";
import { guardDeferred, validateArgs, whenValid } from "../lib/validation";
import { layoutSubnets } from "./subnetLayout";

export interface MultiAzNetworkArgs {
    /** `production` (default): one NAT gateway per AZ. `development`: a single shared NAT gateway. */
    profile?: Profile;
    tags?: Record<string, string>;
    /** IPv4 block of the VPC, /16 to /24 (default `10.0.0.0/16`). */
    cidrBlock?: string;
    /** How many AZs to span (2–6, default 3). Ignored when `availabilityZoneNames` is given. */
    availabilityZoneCount?: number;
    /** Exact AZ names (at least 2, distinct). Default: the region's first `availabilityZoneCount` available AZs. */
    availabilityZoneNames?: string[];
    /** Prefix length of each private subnet (default VPC prefix + 3, e.g. /19 in a /16). */
    privateSubnetPrefixLength?: number;
    /** Prefix length of each public subnet (default VPC prefix + 6, e.g. /22 in a /16). */
    publicSubnetPrefixLength?: number;
    /** VPC flow logs to CloudWatch Logs. Always on; these settings tune them. */
    flowLogs?: {
        /** Log retention in days (default 90 in production, 7 in development). */
        retentionInDays?: number;
        /** Which traffic to log (default ALL). */
        trafficType?: "ALL" | "ACCEPT" | "REJECT";
    };
}

const TYPE = "faultguard:aws:MultiAzNetwork";

const cidrSchema = z.string().superRefine((cidr, ctx) => {
    let block: Netmask;
    try {
        if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr)) throw new Error("format");
        block = new Netmask(cidr);
    } catch {
        ctx.addIssue({ code: "custom", message: `"${cidr}" is not an IPv4 CIDR block; pass e.g. "10.0.0.0/16"` });
        return;
    }
    if (block.toString() !== cidr) ctx.addIssue({ code: "custom", message: `"${cidr}" has host bits set; pass "${block.toString()}"` });
    if (block.bitmask < 16 || block.bitmask > 24) ctx.addIssue({ code: "custom", message: `a VPC block must be /16 to /24 (got /${block.bitmask}); pass e.g. "10.0.0.0/16"` });
});

const schema = z
    .strictObject({
        profile: profileSchema.default("production"),
        tags: tagsSchema.optional(),
        cidrBlock: cidrSchema.default("10.0.0.0/16"),
        availabilityZoneCount: z
            .number()
            .int()
            .min(2, "needs at least 2 AZs for fault tolerance; pass 2 or more (3 recommended)")
            .max(6, "at most 6 AZs are supported")
            .default(3),
        availabilityZoneNames: z
            .array(z.string().min(1))
            .min(2, "needs at least 2 availability zones; pass 2 or more AZ names (3 recommended)")
            .max(6, "at most 6 AZs are supported")
            .refine((names) => new Set(names).size === names.length, "AZ names must be distinct; list each AZ once")
            .optional(),
        privateSubnetPrefixLength: z.number().int().min(16).max(28, "AWS subnets are /16 to /28").optional(),
        publicSubnetPrefixLength: z.number().int().min(16).max(28, "AWS subnets are /16 to /28").optional(),
        flowLogs: z
            .strictObject({
                retentionInDays: logRetentionSchema.optional(),
                trafficType: z.enum(["ALL", "ACCEPT", "REJECT"]).default("ALL"),
            })
            .default({ trafficType: "ALL" }),
    })
    .superRefine((args, ctx) => {
        let vpcPrefix: number;
        try {
            vpcPrefix = new Netmask(args.cidrBlock).bitmask;
        } catch {
            return; // reported by cidrSchema
        }
        const azCount = Array.isArray(args.availabilityZoneNames) ? args.availabilityZoneNames.length : args.availabilityZoneCount;
        const privatePrefix = args.privateSubnetPrefixLength ?? Math.min(vpcPrefix + 3, 28);
        const publicPrefix = args.publicSubnetPrefixLength ?? Math.min(vpcPrefix + 6, 28);
        for (const [field, prefix] of [["privateSubnetPrefixLength", privatePrefix], ["publicSubnetPrefixLength", publicPrefix]] as const) {
            if (prefix <= vpcPrefix) ctx.addIssue({ code: "custom", path: [field], message: `must be longer than the VPC prefix /${vpcPrefix}; pass a value between ${vpcPrefix + 1} and 28` });
        }
        if (privatePrefix > vpcPrefix && publicPrefix > vpcPrefix && layoutSubnets(args.cidrBlock, azCount, privatePrefix, publicPrefix) === undefined) {
            ctx.addIssue({
                code: "custom",
                path: ["cidrBlock"],
                message: `${azCount} private /${privatePrefix} and ${azCount} public /${publicPrefix} subnets do not fit in ${args.cidrBlock}; use a larger VPC block or longer subnet prefixes`,
            });
        }
    }, whenValid("cidrBlock", "availabilityZoneCount", "privateSubnetPrefixLength", "publicSubnetPrefixLength"));

/**
 * A VPC over at least two (by default three) AZs: a public and a private subnet per AZ, one NAT
 * gateway per AZ (each private route table routes 0.0.0.0/0 to the NAT gateway in its own AZ, so
 * losing one AZ does not cut the others off), VPC flow logs to CloudWatch Logs with retention and
 * a least-privilege role, and the default security group stripped of all rules.
 *
 * Why plain `@pulumi/aws` resources instead of `awsx.ec2.Vpc`: awsx v3 components are remote
 * (built by the awsx plugin), so under Pulumi mocks and in `faultguard preview` they are one opaque
 * resource without children — no subnet, route or NAT gateway for unit tests or the policy pack to
 * check — and awsx has neither flow logs nor default-security-group lockdown. Built here, every
 * child is visible and the NAT-per-AZ invariant is explicit in code.
 */
export class MultiAzNetwork extends pulumi.ComponentResource {
    readonly vpc: aws.ec2.Vpc;
    readonly vpcId: pulumi.Output<string>;
    /** The AZ of each subnet pair, in subnet order. */
    readonly availabilityZones: pulumi.Output<string[]>;
    readonly publicSubnets: aws.ec2.Subnet[];
    readonly privateSubnets: aws.ec2.Subnet[];
    readonly publicSubnetIds: pulumi.Output<string>[];
    readonly privateSubnetIds: pulumi.Output<string>[];
    readonly natGateways: aws.ec2.NatGateway[];
    readonly natGatewayIds: pulumi.Output<string>[];
    readonly flowLogGroup: aws.cloudwatch.LogGroup;

    constructor(name: string, args: MultiAzNetworkArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const parsed = validateArgs(schema, args, TYPE, name);
        super(TYPE, name, {}, opts);
        const production = parsed.profile === "production";
        const tags = componentTags(TYPE, parsed.profile, parsed.tags);
        const named = (suffix: string) => ({ ...tags, Name: `${name}-${suffix}` });
        const child = { parent: this };

        const vpcPrefix = new Netmask(parsed.cidrBlock).bitmask;
        const azCount = parsed.availabilityZoneNames?.length ?? parsed.availabilityZoneCount;
        const layout = layoutSubnets(
            parsed.cidrBlock,
            azCount,
            parsed.privateSubnetPrefixLength ?? Math.min(vpcPrefix + 3, 28),
            parsed.publicSubnetPrefixLength ?? Math.min(vpcPrefix + 6, 28),
        );
        if (layout === undefined) throw new Error("unreachable: the schema checked that the subnets fit");

        this.availabilityZones =
            parsed.availabilityZoneNames !== undefined
                ? pulumi.output(parsed.availabilityZoneNames)
                : guardDeferred(
                      aws.getAvailabilityZonesOutput({ state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] }, child).names,
                      TYPE,
                      name,
                      (names) =>
                          names.length >= azCount
                              ? []
                              : [{ path: "availabilityZoneCount", message: `the region has only ${names.length} available AZs (asked for ${azCount}); pass availabilityZoneCount ≤ ${names.length}` }],
                  ).apply((names) => names.slice(0, azCount));
        const azAt = (i: number) => this.availabilityZones.apply((azs) => azs[i]);

        this.vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: parsed.cidrBlock, enableDnsHostnames: true, enableDnsSupport: true, tags: named("vpc") }, child);
        this.vpcId = this.vpc.id;

        // Lock down the default security group: no ingress, no egress. Nothing should use it.
        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: this.vpc.id, tags: named("default-locked") }, child);

        const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: this.vpc.id, tags: named("igw") }, child);
        const publicRouteTable = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId: this.vpc.id, tags: named("public") }, child);
        new aws.ec2.Route(`${name}-public-default`, { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, child);

        this.publicSubnets = [];
        this.privateSubnets = [];
        this.natGateways = [];
        for (let i = 0; i < azCount; i++) {
            const az = azAt(i);
            const publicSubnet = new aws.ec2.Subnet(
                `${name}-public-${i}`,
                { vpcId: this.vpc.id, cidrBlock: layout.publicCidrs[i], availabilityZone: az, mapPublicIpOnLaunch: false, tags: { ...named(`public-${i}`), "faultguard:tier": "public" } },
                child,
            );
            new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { subnetId: publicSubnet.id, routeTableId: publicRouteTable.id }, child);
            this.publicSubnets.push(publicSubnet);

            // Production: a NAT gateway in every AZ. Development: only the first, shared by all AZs.
            if (production || i === 0) {
                const eip = new aws.ec2.Eip(`${name}-nat-${i}`, { domain: "vpc", tags: named(`nat-${i}`) }, child);
                this.natGateways.push(
                    new aws.ec2.NatGateway(`${name}-nat-${i}`, { subnetId: publicSubnet.id, allocationId: eip.allocationId, connectivityType: "public", tags: named(`nat-${i}`) }, { parent: this, dependsOn: [igw] }),
                );
            }

            const privateSubnet = new aws.ec2.Subnet(
                `${name}-private-${i}`,
                { vpcId: this.vpc.id, cidrBlock: layout.privateCidrs[i], availabilityZone: az, mapPublicIpOnLaunch: false, tags: { ...named(`private-${i}`), "faultguard:tier": "private" } },
                child,
            );
            const privateRouteTable = new aws.ec2.RouteTable(`${name}-private-rt-${i}`, { vpcId: this.vpc.id, tags: named(`private-${i}`) }, child);
            const nat = this.natGateways[production ? i : 0];
            new aws.ec2.Route(`${name}-private-default-${i}`, { routeTableId: privateRouteTable.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, child);
            new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { subnetId: privateSubnet.id, routeTableId: privateRouteTable.id }, child);
            this.privateSubnets.push(privateSubnet);
        }
        this.publicSubnetIds = this.publicSubnets.map((s) => s.id);
        this.privateSubnetIds = this.privateSubnets.map((s) => s.id);
        this.natGatewayIds = this.natGateways.map((n) => n.id);

        // Flow logs: a log group with retention and a role that may only write to that group.
        this.flowLogGroup = new aws.cloudwatch.LogGroup(
            `${name}-flow-logs`,
            { retentionInDays: parsed.flowLogs.retentionInDays ?? defaultLogRetention(production), tags },
            child,
        );
        const flowLogRole = new aws.iam.Role(`${name}-flow-logs`, { assumeRolePolicy: assumeRolePolicyFor("vpc-flow-logs.amazonaws.com"), tags }, child);
        new aws.iam.RolePolicy(
            `${name}-flow-logs`,
            {
                role: flowLogRole.id,
                policy: policyDocument([
                    {
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                        Resource: [this.flowLogGroup.arn, pulumi.interpolate`${this.flowLogGroup.arn}:*`],
                    },
                ]),
            },
            child,
        );
        new aws.ec2.FlowLog(
            `${name}-flow-log`,
            {
                vpcId: this.vpc.id,
                trafficType: parsed.flowLogs.trafficType,
                logDestinationType: "cloud-watch-logs",
                logDestination: this.flowLogGroup.arn,
                iamRoleArn: flowLogRole.arn,
                maxAggregationInterval: 60,
                tags,
            },
            child,
        );

        this.registerOutputs({
            vpcId: this.vpcId,
            availabilityZones: this.availabilityZones,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            natGatewayIds: this.natGatewayIds,
            flowLogGroupName: this.flowLogGroup.name,
        });
    }
}
