import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Netmask } from "netmask";
import { z } from "zod";
import { availableZoneNames } from "../lib/availabilityZones";
import { profileAndTagsShape } from "../lib/common";
import { type ComponentContext, defineComponent } from "../lib/component";
import { defaultLogRetention, logRetentionSchema } from "../lib/logs";
import { type Profile } from "../lib/profile";
import { guardDeferred, whenValid } from "../lib/validation";
import { createFlowLogs } from "./flowLogs";
import { layoutSubnets, type SubnetLayout } from "./subnetLayout";
import { createNatGateway, createPrivateSubnet, createPublicRouting, createPublicSubnet, createVpc } from "./vpc";

export interface MultiAzNetworkArgs {
    /** `production` (default): one NAT gateway per AZ. `development`: a single shared NAT gateway. */
    profile?: Profile;
    /** Tags added to every taggable child (on top of `faultguard:component` and `faultguard:profile`). */
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
        ...profileAndTagsShape,
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

/** The type token, args schema and prologue (lib/component.ts). */
export const NETWORK = defineComponent("faultguard:aws:MultiAzNetwork", schema);
type NetworkContext = ComponentContext<z.output<typeof schema>>;

/** The subnet CIDRs per AZ (the schema checked that they fit). */
function subnetLayout({ args }: NetworkContext): SubnetLayout & { azCount: number } {
    const vpcPrefix = new Netmask(args.cidrBlock).bitmask;
    const azCount = args.availabilityZoneNames?.length ?? args.availabilityZoneCount;
    const layout = layoutSubnets(args.cidrBlock, azCount, args.privateSubnetPrefixLength ?? Math.min(vpcPrefix + 3, 28), args.publicSubnetPrefixLength ?? Math.min(vpcPrefix + 6, 28));
    if (layout === undefined) throw new Error("unreachable: the schema checked that the subnets fit");
    return { ...layout, azCount };
}

/** The caller's AZ names, or the region's first `azCount` (failing the deployment when it has fewer). */
function availabilityZones(ctx: NetworkContext, azCount: number): pulumi.Output<string[]> {
    if (ctx.args.availabilityZoneNames !== undefined) return pulumi.output(ctx.args.availabilityZoneNames);
    const tooFew = (names: string[]) =>
        names.length >= azCount ? [] : [{ path: "availabilityZoneCount", message: `the region has only ${names.length} available AZs (asked for ${azCount}); pass availabilityZoneCount ≤ ${names.length}` }];
    return guardDeferred(availableZoneNames(ctx.child), NETWORK.type, ctx.name, tooFew).apply((names) => names.slice(0, azCount));
}

/**
 * A VPC over 3 AZs (at least 2; AZ names from `aws.getAvailabilityZones` unless given): one public
 * and one private subnet per AZ (CIDRs carved with the `netmask` library), an internet gateway,
 * **one NAT gateway + EIP per AZ**, a private route table per AZ whose `0.0.0.0/0` goes to the NAT
 * gateway **in the same AZ** (so losing one AZ does not cut the others off), VPC flow logs (all
 * traffic) to a CloudWatch log group with retention through a role that may only write to that
 * group, and the default security group stripped of every rule. Development: one shared NAT gateway.
 *
 * Why plain `@pulumi/aws` resources instead of `awsx.ec2.Vpc`: awsx v3 components are remote
 * (built by the awsx plugin), so under Pulumi mocks and in `faultguard preview` they are one opaque
 * resource without children — no subnet, route or NAT gateway for unit tests or the policy pack to
 * check — and awsx has neither flow logs nor default-security-group lockdown.
 *
 * @example
 * const network = new MultiAzNetwork("network", { cidrBlock: "10.20.0.0/16" });
 * // network.vpcId, network.publicSubnetIds, network.privateSubnetIds, network.availabilityZones
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
        const parsed = NETWORK.validate(args, name);
        super(NETWORK.type, name, {}, opts);
        const ctx = NETWORK.open(this, name, parsed);
        const layout = subnetLayout(ctx);
        this.availabilityZones = availabilityZones(ctx, layout.azCount);
        this.vpc = createVpc(ctx, parsed.cidrBlock);
        this.vpcId = this.vpc.id;
        const routing = createPublicRouting(ctx, this.vpc);

        this.publicSubnets = [];
        this.privateSubnets = [];
        this.natGateways = [];
        for (let index = 0; index < layout.azCount; index++) {
            const az = { index, vpc: this.vpc, availabilityZone: this.availabilityZones.apply((azs) => azs[index]) };
            const publicSubnet = createPublicSubnet(ctx, az, layout.publicCidrs[index], routing);
            this.publicSubnets.push(publicSubnet);
            // Production: a NAT gateway in every AZ, each AZ routing through its own. Development: only the first, shared by all AZs.
            if (ctx.production || index === 0) this.natGateways.push(createNatGateway(ctx, index, publicSubnet, routing));
            this.privateSubnets.push(createPrivateSubnet(ctx, az, layout.privateCidrs[index], this.natGateways[ctx.production ? index : 0]));
        }
        this.publicSubnetIds = this.publicSubnets.map((s) => s.id);
        this.privateSubnetIds = this.privateSubnets.map((s) => s.id);
        this.natGatewayIds = this.natGateways.map((n) => n.id);
        this.flowLogGroup = createFlowLogs(ctx, this.vpc, { retentionInDays: parsed.flowLogs.retentionInDays ?? defaultLogRetention(ctx.production), trafficType: parsed.flowLogs.trafficType });

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
