// Subnets and their availability zones, resolved through the graph: the one place rules and the
// resilience model find which subnets a property names and which zones those sit in.
import { aws } from "../aws-types";
import { type GraphResource, type StackGraph } from "../graph";
import { unresolvable, violation, type Finding } from "../rule";
import { asString, isUnknown } from "../values";

export const SUBNET_TYPES: readonly string[] = [aws.ec2.Subnet, aws.ec2.DefaultSubnet];

export interface ZoneResolution {
    /** Distinct zones known for the resolved subnets (names or IDs). */
    zones: Set<string>;
    /** The subnets of this stack that were resolved. */
    subnets: GraphResource[];
    /** Number of distinct subnets referenced (known in the stack, external, or via opaque components). */
    subnetCount: number;
    /** Subnets in this stack whose zone is unknown. */
    unknownZone: GraphResource[];
    /** Subnet IDs not managed in this stack (from config, lookups, other stacks). */
    external: string[];
    /** Remote components (e.g. awsx:ec2:Vpc offline) the subnets came from, with the zone count they declare. */
    opaque: Array<{ component: GraphResource; zoneCount?: number }>;
    /** Part of the value is unknown with nothing in the graph to explain it. */
    unresolved: boolean;
    /** No subnets configured at all. */
    absent: boolean;
}

/** The zone count a remote VPC component declares in its inputs (awsx defaults to 3). */
export function declaredZoneCount(component: GraphResource): number | undefined {
    if (component.type !== "awsx:ec2:Vpc") {
        return undefined;
    }
    const names = component.read("availabilityZoneNames");
    if (names.known && Array.isArray(names.value) && names.value.length > 0) {
        return new Set(names.value.filter((v) => typeof v === "string" && !isUnknown(v))).size || undefined;
    }
    const count = component.read("numberOfAvailabilityZones");
    if (!count.known) {
        return undefined;
    }
    return typeof count.value === "number" ? count.value : count.value === undefined ? 3 : undefined;
}

/** Zones of the subnets that `path` (e.g. "vpcZoneIdentifiers", "vpcConfig.subnetIds") refers to. */
export function zonesOfSubnets(graph: StackGraph, from: GraphResource, path: string): ZoneResolution {
    const res = graph.resolve(from, path, SUBNET_TYPES);
    const zones = new Set<string>();
    const unknownZone: GraphResource[] = [];
    for (const subnet of res.targets) {
        const zone = zoneOfSubnet(subnet);
        if (zone !== undefined) {
            zones.add(zone);
        } else {
            unknownZone.push(subnet);
        }
    }
    const external = [...new Set(res.external)];
    return {
        zones,
        subnets: res.targets,
        subnetCount: res.targets.length + external.length,
        unknownZone,
        external,
        opaque: res.opaque.map((component) => ({ component, zoneCount: declaredZoneCount(component) })),
        unresolved: res.unresolved,
        absent: res.absent,
    };
}

/** The subnets of this stack that `path` (e.g. a NAT gateway's or route table association's "subnetId") refers to. */
export function subnetsAt(graph: StackGraph, from: GraphResource, path: string): GraphResource[] {
    return graph.resolve(from, path, SUBNET_TYPES).targets;
}

/** A subnet's zone as name and ID, each undefined when unset or unknown. */
export function subnetZone(subnet: GraphResource): { name?: string; id?: string } {
    return { name: asString(subnet.props["availabilityZone"]), id: asString(subnet.props["availabilityZoneId"]) };
}

/** The zone (name, else ID) a subnet of this stack declares; undefined when unset or unknown. */
export function zoneOfSubnet(subnet: GraphResource): string | undefined {
    const zone = subnetZone(subnet);
    return zone.name ?? zone.id;
}

/**
 * Zones of subnets referenced from several places of one resource (e.g. each
 * `subnetMappings.N.subnetId`, or the `subnetId` of each EFS mount target), as one resolution.
 */
export function mergeZoneResolutions(parts: readonly ZoneResolution[]): ZoneResolution {
    const subnets = [...new Set(parts.flatMap((p) => p.subnets))];
    const external = [...new Set(parts.flatMap((p) => p.external))];
    const opaque = [...new Map(parts.flatMap((p) => p.opaque).map((o) => [o.component, o])).values()];
    return {
        zones: new Set(parts.flatMap((p) => [...p.zones])),
        subnets,
        subnetCount: subnets.length + external.length,
        unknownZone: [...new Set(parts.flatMap((p) => p.unknownZone))],
        external,
        opaque,
        unresolved: parts.some((p) => p.unresolved),
        absent: parts.every((p) => p.absent),
    };
}

export type ZoneVerdict =
    | { verdict: "pass"; zones: number }
    | { verdict: "fail"; zones: number; detail: string }
    | { verdict: "unknown"; detail: string };

/**
 * Decides "spans at least `min` zones" from a resolution: pass as soon as enough zones are known,
 * fail only when nothing unknown could add a zone, otherwise say what is unknown.
 */
export function judgeZones(z: ZoneResolution, min: number): ZoneVerdict {
    const opaqueZones = Math.max(0, ...z.opaque.map((o) => o.zoneCount ?? 0));
    const known = Math.max(z.zones.size, opaqueZones);
    if (known >= min) {
        return { verdict: "pass", zones: known };
    }
    const couldAdd = z.unknownZone.length + z.external.length + z.opaque.filter((o) => o.zoneCount === undefined).length + (z.unresolved ? 1 : 0);
    // Fewer subnets than zones needed can never span them, whatever is unknown about each one.
    if (couldAdd === 0 || (!z.unresolved && z.opaque.length === 0 && z.subnetCount < min)) {
        const where = z.zones.size > 0 ? ` (${[...z.zones].sort().join(", ")})` : "";
        return { verdict: "fail", zones: known, detail: `${known} availability zone${known === 1 ? "" : "s"}${where}` };
    }
    if (z.external.length > 0) {
        return { verdict: "unknown", detail: `subnets ${z.external.join(", ")} are not managed in this stack, so their zones are not visible` };
    }
    if (z.unknownZone.length > 0) {
        return { verdict: "unknown", detail: `the availability zone of ${z.unknownZone.map((s) => s.name).join(", ")}` };
    }
    return { verdict: "unknown", detail: "the subnet IDs, which come from values this preview cannot trace" };
}

/**
 * The findings for "the subnets at `property` span at least `min` zones": none, one violation
 * (saying how many zones and what to change), or one unresolvable naming what is unknown.
 */
export function judgeSubnetZones(z: ZoneResolution, min: number, property: string, fix: string): Finding[] {
    const verdict = judgeZones(z, min);
    if (verdict.verdict === "fail") {
        return [violation(`${property} covers ${verdict.detail}; ${fix} in at least ${min} availability zones.`)];
    }
    if (verdict.verdict === "unknown") {
        return [unresolvable(property, verdict.detail)];
    }
    return [];
}
