import { type GraphResource, type StackGraph } from "../graph";
import { type Finding } from "../rule";
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
    opaque: Array<{
        component: GraphResource;
        zoneCount?: number;
    }>;
    /** Part of the value is unknown with nothing in the graph to explain it. */
    unresolved: boolean;
    /** No subnets configured at all. */
    absent: boolean;
}
/** The zone count a remote VPC component declares in its inputs (awsx defaults to 3). */
export declare function declaredZoneCount(component: GraphResource): number | undefined;
/** Zones of the subnets that `path` (e.g. "vpcZoneIdentifiers", "vpcConfig.subnetIds") refers to. */
export declare function zonesOfSubnets(graph: StackGraph, from: GraphResource, path: string): ZoneResolution;
/** The zone (name, else ID) a subnet of this stack declares; undefined when unset or unknown. */
export declare function zoneOfSubnet(subnet: GraphResource): string | undefined;
/**
 * Zones of subnets referenced from several places of one resource (e.g. each
 * `subnetMappings.N.subnetId`, or the `subnetId` of each EFS mount target), as one resolution.
 */
export declare function mergeZoneResolutions(parts: readonly ZoneResolution[]): ZoneResolution;
export type ZoneVerdict = {
    verdict: "pass";
    zones: number;
} | {
    verdict: "fail";
    zones: number;
    detail: string;
} | {
    verdict: "unknown";
    detail: string;
};
/**
 * Decides "spans at least `min` zones" from a resolution: pass as soon as enough zones are known,
 * fail only when nothing unknown could add a zone, otherwise say what is unknown.
 */
export declare function judgeZones(z: ZoneResolution, min: number): ZoneVerdict;
/**
 * The findings for "the subnets at `property` span at least `min` zones": none, one violation
 * (saying how many zones and what to change), or one unresolvable naming what is unknown.
 */
export declare function judgeSubnetZones(z: ZoneResolution, min: number, property: string, fix: string): Finding[];
