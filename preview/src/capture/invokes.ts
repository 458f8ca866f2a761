// Built-in answers for the provider functions most programs call, shaped like the real AWS answers
// for a fresh account: three availability zones in the configured region, the default VPC with one
// default subnet per zone. Anything else must come from a fixtures file.
import { type InvokeFixtures } from "./types";
import { type JsonObject, type JsonValue } from "./values";

export const PREVIEW_ACCOUNT_ID = "123456789012";

export class MissingInvokeAnswerError extends Error {
  constructor(readonly token: string) {
    super(
      `The program called the provider function "${token}", which faultguard preview cannot answer offline. ` +
        `Supply its result in a fixtures file and pass it with --fixtures FILE, e.g. (YAML):\n` +
        `  invokes:\n    "${token}": { ...the fields your program reads... }`,
    );
    this.name = "MissingInvokeAnswerError";
  }
}

function partitionOf(region: string): { partition: string; dnsSuffix: string; reverseDnsPrefix: string } {
  if (region.startsWith("cn-")) return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn", reverseDnsPrefix: "cn.com.amazonaws" };
  if (region.startsWith("us-gov-")) return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
  return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
}

/** "us-east-1" → "use1", "ap-southeast-2" → "apse2": the prefix AWS uses in zone IDs. */
function zoneIdPrefix(region: string): string {
  const [country, direction = "", number = ""] = region.split("-");
  const dir = direction.replace(/north/g, "n").replace(/south/g, "s").replace(/east/g, "e").replace(/west/g, "w").replace(/central/g, "c");
  return `${country}${dir}${number}`;
}

function zones(region: string): { names: string[]; zoneIds: string[] } {
  const letters = ["a", "b", "c"];
  return { names: letters.map((l) => `${region}${l}`), zoneIds: letters.map((_, i) => `${zoneIdPrefix(region)}-az${i + 1}`) };
}

function defaultSubnets(region: string): JsonObject[] {
  const { names, zoneIds } = zones(region);
  return names.map((az, i) => ({
    id: `subnet-0defa17${String(i + 1).padStart(10, "0")}`,
    arn: `arn:${partitionOf(region).partition}:ec2:${region}:${PREVIEW_ACCOUNT_ID}:subnet/subnet-0defa17${String(i + 1).padStart(10, "0")}`,
    availabilityZone: az,
    availabilityZoneId: zoneIds[i],
    cidrBlock: `172.31.${i * 16}.0/20`,
    defaultForAz: true,
    mapPublicIpOnLaunch: true,
    vpcId: "vpc-0defa170000000001",
    ownerId: PREVIEW_ACCOUNT_ID,
    state: "available",
    region,
    tags: {},
  }));
}

type Answer = (args: JsonObject, region: string) => JsonValue;

const BUILTIN: Record<string, Answer> = {
  "aws:index/getAvailabilityZones:getAvailabilityZones": (args, region) => {
    const { names, zoneIds } = zones(region);
    const exclude = new Set([...asStrings(args.excludeNames), ...asStrings(args.excludeZoneIds)]);
    const keep = names.map((n, i) => !exclude.has(n) && !exclude.has(zoneIds[i]));
    return {
      id: region,
      region,
      names: names.filter((_, i) => keep[i]),
      zoneIds: zoneIds.filter((_, i) => keep[i]),
      groupNames: [region],
      state: typeof args.state === "string" ? args.state : "available",
      ...(args.allAvailabilityZones !== undefined ? { allAvailabilityZones: args.allAvailabilityZones } : {}),
    };
  },
  "aws:index/getCallerIdentity:getCallerIdentity": (_args, region) => ({
    id: PREVIEW_ACCOUNT_ID,
    accountId: PREVIEW_ACCOUNT_ID,
    arn: `arn:${partitionOf(region).partition}:iam::${PREVIEW_ACCOUNT_ID}:user/faultguard-preview`,
    userId: "AIDAFAULTGUARDPREVIEW",
  }),
  "aws:index/getRegion:getRegion": (args, region) => {
    const name = typeof args.region === "string" ? args.region : typeof args.name === "string" ? args.name : region;
    return { id: name, name, region: name, description: name, endpoint: `ec2.${name}.${partitionOf(name).dnsSuffix}` };
  },
  "aws:index/getPartition:getPartition": (_args, region) => ({ id: partitionOf(region).partition, ...partitionOf(region) }),
  "aws:ec2/getAmi:getAmi": (args, region) => ({
    ...args,
    id: "ami-0fa17000000000001",
    imageId: "ami-0fa17000000000001",
    arn: `arn:${partitionOf(region).partition}:ec2:${region}::image/ami-0fa17000000000001`,
    name: typeof args.nameRegex === "string" ? "faultguard-preview-image" : "faultguard-preview-image",
    architecture: "x86_64",
    ownerId: "137112412989",
    rootDeviceName: "/dev/xvda",
    rootDeviceType: "ebs",
    virtualizationType: "hvm",
    state: "available",
    public: true,
    region,
    tags: {},
  }),
  "aws:ec2/getVpc:getVpc": (_args, region) => ({
    id: "vpc-0defa170000000001",
    arn: `arn:${partitionOf(region).partition}:ec2:${region}:${PREVIEW_ACCOUNT_ID}:vpc/vpc-0defa170000000001`,
    cidrBlock: "172.31.0.0/16",
    default: true,
    enableDnsHostnames: true,
    enableDnsSupport: true,
    instanceTenancy: "default",
    mainRouteTableId: "rtb-0defa170000000001",
    dhcpOptionsId: "dopt-0defa170000000001",
    ownerId: PREVIEW_ACCOUNT_ID,
    state: "available",
    region,
    tags: {},
  }),
  "aws:ec2/getSubnets:getSubnets": (_args, region) => ({ id: region, region, ids: defaultSubnets(region).map((s) => s.id) }),
  "aws:ec2/getSubnet:getSubnet": (args, region) => {
    const subnets = defaultSubnets(region);
    const byId = subnets.find((s) => s.id === args.id);
    const byAz = subnets.find((s) => s.availabilityZone === args.availabilityZone);
    return byId ?? byAz ?? subnets[0];
  },
};

function asStrings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function builtinInvokeTokens(): string[] {
  return Object.keys(BUILTIN);
}

/** Fixtures win over built-in answers, so a program can pin any value it depends on. */
export function answerInvoke(
  token: string,
  args: JsonObject,
  region: string,
  fixtures: InvokeFixtures,
): { result: JsonValue; answeredBy: "builtin" | "fixture" } {
  const fixture = fixtures.invokes?.[token];
  if (fixture !== undefined) return { result: fixture, answeredBy: "fixture" };
  const builtin = BUILTIN[token];
  if (builtin) return { result: builtin(args, region), answeredBy: "builtin" };
  throw new MissingInvokeAnswerError(token);
}
