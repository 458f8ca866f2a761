"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.declaredZoneCount = declaredZoneCount;
exports.zonesOfSubnets = zonesOfSubnets;
exports.zoneOfSubnet = zoneOfSubnet;
exports.mergeZoneResolutions = mergeZoneResolutions;
exports.judgeZones = judgeZones;
exports.judgeSubnetZones = judgeSubnetZones;
// Which availability zones a resource's subnets sit in, resolved through the graph.
const aws_types_1 = require("../aws-types");
const rule_1 = require("../rule");
const values_1 = require("../values");
const SUBNET_TYPES = [aws_types_1.aws.ec2.Subnet, aws_types_1.aws.ec2.DefaultSubnet];
/** The zone count a remote VPC component declares in its inputs (awsx defaults to 3). */
function declaredZoneCount(component) {
    if (component.type !== "awsx:ec2:Vpc") {
        return undefined;
    }
    const names = component.read("availabilityZoneNames");
    if (names.known && Array.isArray(names.value) && names.value.length > 0) {
        return new Set(names.value.filter((v) => typeof v === "string" && !(0, values_1.isUnknown)(v))).size || undefined;
    }
    const count = component.read("numberOfAvailabilityZones");
    if (!count.known) {
        return undefined;
    }
    return typeof count.value === "number" ? count.value : count.value === undefined ? 3 : undefined;
}
/** Zones of the subnets that `path` (e.g. "vpcZoneIdentifiers", "vpcConfig.subnetIds") refers to. */
function zonesOfSubnets(graph, from, path) {
    const res = graph.resolve(from, path, SUBNET_TYPES);
    const zones = new Set();
    const unknownZone = [];
    for (const subnet of res.targets) {
        const zone = zoneOfSubnet(subnet);
        if (zone !== undefined) {
            zones.add(zone);
        }
        else {
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
/** The zone (name, else ID) a subnet of this stack declares; undefined when unset or unknown. */
function zoneOfSubnet(subnet) {
    return (0, values_1.asString)(subnet.props["availabilityZone"]) ?? (0, values_1.asString)(subnet.props["availabilityZoneId"]);
}
/**
 * Zones of subnets referenced from several places of one resource (e.g. each
 * `subnetMappings.N.subnetId`, or the `subnetId` of each EFS mount target), as one resolution.
 */
function mergeZoneResolutions(parts) {
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
/**
 * Decides "spans at least `min` zones" from a resolution: pass as soon as enough zones are known,
 * fail only when nothing unknown could add a zone, otherwise say what is unknown.
 */
function judgeZones(z, min) {
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
function judgeSubnetZones(z, min, property, fix) {
    const verdict = judgeZones(z, min);
    if (verdict.verdict === "fail") {
        return [(0, rule_1.violation)(`${property} covers ${verdict.detail}; ${fix} in at least ${min} availability zones.`)];
    }
    if (verdict.verdict === "unknown") {
        return [(0, rule_1.unresolvable)(property, verdict.detail)];
    }
    return [];
}
//# sourceMappingURL=zones.js.map