// The failure model: for every entry point, workload and data store of the stack, what each
// disruption does to it (survives / degraded / down / unknown), the chain of resources that
// decides it, and RTO/RPO estimates derived from the recovery table (./recovery.ts).
//
// Verdicts are computed only where a disruption can touch a subject (per-resource disruptions are
// sparse), so the assessment stays linear in the size of the stack.
import { aws } from "../aws-types";
import { type GraphResource, type StackGraph } from "../graph";
import { targetGroupsOf } from "../links/loadbalancing";
import { SUBNET_TYPES, subnetsAt } from "../links/zones";
import { awsDefaultsWithoutBlock, healthCheckTiming, TERRAFORM_BLOCK_DEFAULTS } from "../target-group-health-check";
import { type Profile } from "../rule";
import { asBoolean, asNumber, asString } from "../values";
import {
    CATEGORY_OF,
    type Assessment,
    type ChainStep,
    type Disruption,
    type DisruptionKind,
    type PlacedResource,
    type Subject,
    type SubjectKind,
    type Verdict,
    type VerdictState,
} from "./model";
import { missesOf, type ResiliencyPolicy } from "./policy";
import { fromFigure, maxEstimate, NONE, notAutomatic, RECOVERY, RECOVERY_TABLE, type Estimate } from "./recovery";
import {
    apiFunctions,
    asDataStore,
    clusterMembers,
    COMPUTE_TYPES,
    distributionOrigins,
    eventSourceOf,
    functionsOfMapping,
    loadBalancerTargets,
    queueFacts,
    replicaSource,
    Topology,
    type Placement,
} from "./topology";

const ORDER: Record<VerdictState, number> = { survives: 0, unknown: 1, degraded: 2, down: 3 };

// ------------------------------------------------------------------------------------------------
// Model elements
// ------------------------------------------------------------------------------------------------

interface Compute {
    resource: GraphResource;
    kind: "asg" | "ecs" | "lambda" | "instance";
    placement: Placement;
    /** Instances/tasks; undefined when unknown in this preview. */
    capacity?: number;
    capacityUnknown?: string;
    /** Time to replace one lost instance/task and have it serve again. */
    replacement: Estimate;
}

interface DataStore {
    resource: GraphResource;
    label: string;
    /** Zones it may sit in (its subnet group's, or its pinned zone). */
    zones: string[];
    /** Survives the loss of its primary's zone by failing over (or is regional). */
    redundant: boolean;
    regional: boolean;
    failover: Estimate;
    failoverNote: string;
    rpoOnFailover?: Estimate;
    rpoOnLoss?: Estimate;
    crossRegion?: { rto: Estimate; rpo: Estimate; note: string };
    unknown: string[];
}

interface SubjectModel {
    subject: Subject;
    resource: GraphResource;
    front?: { resource: GraphResource; placement: Placement };
    computes: Compute[];
    data: DataStore[];
    consumes?: { via: GraphResource; source: GraphResource; kind: "sqs" | "stream" };
}

const step = (r: GraphResource, note: string): ChainStep => ({ urn: r.urn, name: r.name, type: r.type, note });

// ------------------------------------------------------------------------------------------------
// Reading the model from the graph
// ------------------------------------------------------------------------------------------------

function targetGroupTiming(graph: StackGraph, compute: GraphResource): { interval: number; unhealthy: number; healthy: number; sourced: string[]; tg?: GraphResource } {
    const tg = targetGroupsOf(graph, compute).targets[0];
    // A declared block carries the provider's defaults; without one AWS applies its own (lib/target-group-health-check.ts).
    const timing = tg ? healthCheckTiming(tg) : undefined;
    if (timing?.known) {
        const figure = timing.declared ? RECOVERY.targetGroupHealthCheckProviderDefaults : RECOVERY.targetGroupHealthCheckDefaults;
        const healthy = timing.healthyThreshold ?? TERRAFORM_BLOCK_DEFAULTS.healthyThreshold;
        const sourced = timing.defaulted.some((k) => k !== "enabled") || timing.healthyThreshold === undefined ? [figure.id] : [];
        return { interval: timing.intervalSeconds, unhealthy: timing.unhealthyThreshold, healthy, sourced, tg };
    }
    // Unknown during preview (or no target group): AWS's defaults for a group without a block, cited as such.
    const d = awsDefaultsWithoutBlock(tg?.string("targetType"), tg?.string("protocol"));
    return { interval: d.interval, unhealthy: d.unhealthyThreshold, healthy: d.healthyThreshold, sourced: [RECOVERY.targetGroupHealthCheckDefaults.id], tg };
}

function replacementEstimate(graph: StackGraph, compute: GraphResource, what: string): Estimate {
    const t = targetGroupTiming(graph, compute);
    const detect = t.interval * t.unhealthy;
    const pass = t.interval * t.healthy;
    if (!t.tg) {
        return { lowerSeconds: 0, upperSeconds: null, automatic: true, derivation: `failure detection (no load balancer health check; unsourced) + ${what} launch (unsourced)`, sources: [], unsourced: ["failure detection", `${what} launch`] };
    }
    return {
        lowerSeconds: detect + pass,
        upperSeconds: null,
        automatic: true,
        derivation: `detect: unhealthy ${t.unhealthy} × ${t.interval} s + ${what} launch (unsourced) + healthy ${t.healthy} × ${t.interval} s (${t.tg.name})`,
        sources: t.sourced,
        unsourced: [`${what} launch`],
    };
}

function computeOf(topo: Topology, r: GraphResource): Compute {
    const g = topo.graph;
    switch (r.type) {
        case aws.autoscaling.Group: {
            const desired = r.read("desiredCapacity");
            const min = r.read("minSize");
            const value = desired.known && desired.value !== undefined ? asNumber(desired.value) : min.known ? asNumber(min.value) : undefined;
            const placement = topo.placement(r, ["vpcZoneIdentifiers"]);
            if (placement.regional) {
                const azs = r.read("availabilityZones");
                if (azs.known && Array.isArray(azs.value)) placement.zones = azs.value.map(asString).filter((z): z is string => z !== undefined);
                placement.regional = false;
            }
            return { resource: r, kind: "asg", placement, capacity: value, capacityUnknown: value === undefined ? "desiredCapacity/minSize" : undefined, replacement: replacementEstimate(g, r, "instance") };
        }
        case aws.ecs.Service: {
            const count = r.read("desiredCount");
            const value = count.known ? asNumber(count.value) ?? 1 : undefined;
            return {
                resource: r,
                kind: "ecs",
                placement: topo.placement(r, ["networkConfiguration.subnets"]),
                capacity: value,
                capacityUnknown: value === undefined ? "desiredCount" : undefined,
                replacement: replacementEstimate(g, r, "task"),
            };
        }
        case aws.lambda.Function:
            return { resource: r, kind: "lambda", placement: topo.placement(r, ["vpcConfig.subnetIds"]), replacement: NONE };
        default: {
            const placement = topo.placement(r, ["subnetId"]);
            const zone = asString(r.props["availabilityZone"]);
            if (zone && placement.zones.length === 0) placement.zones = [zone];
            return { resource: r, kind: "instance", placement, capacity: 1, replacement: notAutomatic(`a standalone instance is not replaced automatically`) };
        }
    }
}

function dataStoreOf(topo: Topology, r: GraphResource): DataStore {
    const g = topo.graph;
    const unknown: string[] = [];
    const base = { resource: r, unknown, regional: false, zones: [] as string[] };
    const subnetGroupZones = (path: string, groupType: string): string[] => {
        const groups = g.resolve(r, path, [groupType]).targets;
        const p = groups.map((grp) => topo.placement(grp, ["subnetIds"]));
        p.forEach((x) => unknown.push(...x.unknown));
        return [...new Set(p.flatMap((x) => x.zones))].sort();
    };
    const backups = (retentionPath: string): Estimate => {
        const retention = r.read(retentionPath);
        if (retention.known && asNumber(retention.value) === 0) return notAutomatic("automated backups are off (backupRetentionPeriod 0): data since the last manual snapshot is lost");
        return fromFigure(RECOVERY.rdsLatestRestorableTime);
    };
    if (r.type === aws.rds.Instance) {
        const multi = r.read("multiAz");
        const pinned = asString(r.props["availabilityZone"]);
        const zones = pinned ? [pinned] : subnetGroupZones("dbSubnetGroupName", aws.rds.SubnetGroup);
        if (!multi.known) unknown.push(`multiAz of ${r.name}`);
        const isMulti = multi.known && asBoolean(multi.value) === true;
        const replicas = g.referrers(r, { types: [aws.rds.Instance], properties: ["replicateSourceDb"] }).map((e) => e.resource);
        const externalSource = asString(r.props["replicateSourceDb"]);
        const crossRegion = externalSource?.startsWith("arn:") ? { rto: { ...NONE, upperSeconds: null, unsourced: ["replica promotion"], derivation: "promote the cross-Region replica (unsourced)" }, rpo: { ...NONE, upperSeconds: null, unsourced: ["replica lag"], derivation: "asynchronous replica lag (unsourced)" }, note: `replica of ${externalSource}` } : undefined;
        return {
            ...base,
            zones,
            label: `RDS ${isMulti ? "Multi-AZ" : "Single-AZ"} instance${replicas.length ? ` (+${replicas.length} read replica${replicas.length > 1 ? "s" : ""})` : ""}`,
            redundant: isMulti,
            failover: isMulti ? fromFigure(RECOVERY.rdsMultiAzInstanceFailover) : fromFigure(RECOVERY.rdsSingleAzRestore, `point-in-time restore of a Single-AZ instance: several hours (≥ 2 h) [${RECOVERY.rdsSingleAzRestore.id}]`),
            failoverNote: isMulti ? "Multi-AZ: fails over to its standby in another AZ" : "Single-AZ: no standby; recovery is a point-in-time restore",
            rpoOnFailover: isMulti ? { ...NONE, derivation: "synchronous standby: no committed data lost" } : backups("backupRetentionPeriod"),
            rpoOnLoss: isMulti ? { ...NONE, derivation: "synchronous standby: no committed data lost" } : backups("backupRetentionPeriod"),
            crossRegion,
        };
    }
    if (r.type === aws.rds.Cluster) {
        const engine = asString(r.props["engine"]) ?? "";
        const aurora = engine.startsWith("aurora") || engine === "";
        const members = clusterMembers(g, r, aws.rds.ClusterInstance);
        const zones = subnetGroupZones("dbSubnetGroupName", aws.rds.SubnetGroup);
        const global = g.resolve(r, "globalClusterIdentifier", [aws.rds.GlobalCluster]).targets[0];
        const globalPeers = global ? g.referrers(global, { types: [aws.rds.Cluster], properties: ["globalClusterIdentifier"] }).length : 0;
        const crossRegion = global && globalPeers >= 2
            ? { rto: fromFigure(RECOVERY.auroraGlobalPromotion), rpo: fromFigure(RECOVERY.auroraGlobalReplicationLag), note: `member of global database ${global.name} (${globalPeers} clusters)` }
            : undefined;
        if (!aurora) {
            return { ...base, zones, label: "RDS Multi-AZ DB cluster", redundant: true, failover: fromFigure(RECOVERY.rdsMultiAzClusterFailover), failoverNote: "Multi-AZ DB cluster: fails over to a readable standby", rpoOnFailover: { ...NONE, derivation: "semi-synchronous standbys" }, rpoOnLoss: { ...NONE, derivation: "semi-synchronous standbys" }, crossRegion };
        }
        const storageRpo: Estimate = { ...NONE, derivation: "Aurora storage keeps copies in several AZs: no committed data lost" };
        if (members.members.length === 0 && members.undetermined.length > 0) unknown.push(`the cluster of ${members.undetermined.map((m) => m.name).join(", ")}`);
        const n = members.members.length;
        return {
            ...base,
            zones,
            label: `Aurora cluster, ${n} instance${n === 1 ? "" : "s"}`,
            redundant: n >= 2,
            failover: n >= 2 ? fromFigure(RECOVERY.auroraFailoverToReplica) : fromFigure(RECOVERY.auroraRecreateWriter),
            failoverNote: n >= 2 ? "fails over to an Aurora Replica" : "no Aurora Replica: the writer is recreated in the same AZ",
            rpoOnFailover: storageRpo,
            rpoOnLoss: storageRpo,
            crossRegion,
        };
    }
    if (r.type === aws.elasticache.ReplicationGroup) {
        const failover = asBoolean(r.props["automaticFailoverEnabled"]) === true;
        const multiAz = asBoolean(r.props["multiAzEnabled"]) === true;
        const zones = subnetGroupZones("subnetGroupName", aws.elasticache.SubnetGroup);
        return {
            ...base,
            zones,
            label: `ElastiCache replication group${failover ? " with automatic failover" : ""}`,
            redundant: failover && multiAz,
            failover: failover ? { lowerSeconds: 0, upperSeconds: null, automatic: true, derivation: "promote a replica (AWS publishes no typical time; unsourced)", sources: [], unsourced: ["replica promotion"] } : notAutomatic("no automatic failover: the primary must be replaced"),
            failoverNote: failover ? "automatic failover to a replica" : "no automatic failover",
            unknown,
        };
    }
    if (r.type === aws.elasticache.Cluster) {
        const zones = [asString(r.props["availabilityZone"])].filter((z): z is string => z !== undefined);
        return { ...base, zones, label: "ElastiCache cluster (no replication group)", redundant: false, failover: notAutomatic("a single cache node is replaced by ElastiCache (no published time; unsourced)"), failoverNote: "single node", unknown };
    }
    // DynamoDB: regional, multi-AZ by design.
    const replicas = r.read("replicas");
    const hasReplicas = replicas.known && Array.isArray(replicas.value) && replicas.value.length > 0;
    const pitr = r.read("pointInTimeRecovery.enabled");
    return {
        ...base,
        regional: true,
        label: `DynamoDB table${hasReplicas ? " (global table)" : ""}`,
        redundant: true,
        failover: NONE,
        failoverNote: "regional service, replicated across AZs",
        rpoOnLoss: pitr.known && asBoolean(pitr.value) === true ? fromFigure(RECOVERY.dynamodbLatestRestorableTime) : undefined,
        crossRegion: hasReplicas ? { rto: NONE, rpo: { ...NONE, upperSeconds: null, unsourced: ["global table replication lag"], derivation: "asynchronous global table replication (unsourced)" }, note: "global table replicas in other Regions" } : undefined,
    };
}

// ------------------------------------------------------------------------------------------------
// Evaluation
// ------------------------------------------------------------------------------------------------

interface Partial_ {
    state: VerdictState;
    chain: ChainStep[];
    rto: Estimate;
    rpo?: Estimate;
    unknown: string[];
    cause?: GraphResource;
    capacity?: Verdict["capacity"];
    lost: GraphResource[];
    notes: string[];
}

function start(): Partial_ {
    return { state: "survives", chain: [], rto: NONE, unknown: [], lost: [], notes: [] };
}

function merge(into: Partial_, part: Partial_): void {
    if (ORDER[part.state] > ORDER[into.state]) {
        into.state = part.state;
        into.cause = part.cause ?? into.cause;
    } else if (!into.cause && part.cause && part.state !== "survives") {
        into.cause = part.cause;
    }
    into.chain.push(...part.chain);
    into.rto = maxEstimate(into.rto, part.rto)!;
    into.rpo = maxEstimate(into.rpo, part.rpo);
    into.unknown.push(...part.unknown);
    into.lost.push(...part.lost);
    into.notes.push(...part.notes);
    if (part.capacity && (!into.capacity || part.capacity.fraction < into.capacity.fraction)) into.capacity = part.capacity;
}

type ZoneLoss = { zone: string } | { nat: GraphResource };

function lostLabel(loss: ZoneLoss, topo: Topology): string {
    return "zone" in loss ? loss.zone : `${loss.nat.name}${topo.natZone(loss.nat) ? ` (${topo.natZone(loss.nat)})` : ""}`;
}

/** Whether `zone` of a compute keeps egress under the loss (its subnets there route through a surviving NAT, or need none). */
function zoneUsable(topo: Topology, c: Compute, zone: string, loss: ZoneLoss): { ok: boolean; blockedBy: GraphResource[]; subnets: GraphResource[] } {
    if ("zone" in loss && loss.zone === zone) return { ok: false, blockedBy: [], subnets: [] };
    const inZone = c.placement.subnets.filter((s) => s.zone === zone);
    const blockedBy = new Set<GraphResource>();
    const blockedSubnets: GraphResource[] = [];
    let ok = inZone.length === 0;
    for (const s of inZone) {
        if (s.nats.length === 0) {
            ok = true;
            continue;
        }
        const alive = s.nats.filter((n) => ("zone" in loss ? topo.natZone(n) !== loss.zone : n !== loss.nat));
        if (alive.length > 0 || s.natUnknown) ok = true;
        else {
            s.nats.forEach((n) => blockedBy.add(n));
            blockedSubnets.push(s.subnet);
        }
    }
    return { ok, blockedBy: [...blockedBy], subnets: blockedSubnets };
}

function evalComputeLoss(topo: Topology, c: Compute, loss: ZoneLoss): Partial_ {
    const p = start();
    const r = c.resource;
    if (c.placement.regional) {
        p.chain.push(step(r, c.kind === "lambda" ? "runs outside a VPC, in several AZs of the Region" : "regional"));
        if (c.kind === "lambda") p.rto = { ...NONE, sources: [RECOVERY.lambdaMultiAz.id], derivation: `Lambda runs in several AZs [${RECOVERY.lambdaMultiAz.id}]` };
        return p;
    }
    if (c.placement.zones.length === 0 || (c.placement.unknown.length > 0 && c.placement.zones.length < 2)) {
        p.state = "unknown";
        p.unknown.push(...(c.placement.unknown.length ? c.placement.unknown : [`the subnets of ${r.name}`]));
        p.chain.push(step(r, "placement unknown in this preview"));
        return p;
    }
    const zones = c.placement.zones;
    const usable = zones.map((z) => ({ zone: z, ...zoneUsable(topo, c, z, loss) }));
    const dead = usable.filter((u) => !u.ok);
    const noEgress = dead.filter((u) => u.blockedBy.length > 0);
    if (noEgress.length > 0) {
        const nats = [...new Set(noEgress.flatMap((u) => u.blockedBy))];
        const subnets = [...new Set(noEgress.flatMap((u) => u.subnets))];
        for (const n of nats) {
            p.chain.push(step(n, `NAT gateway in ${topo.natZone(n) ?? "an unknown zone"}`));
            p.lost.push(n);
        }
        const natText = nats.map((n) => `${n.name}${topo.natZone(n) ? ` in ${topo.natZone(n)}` : ""}`).join(", ");
        p.notes.push(`${subnets.length > 1 ? "subnets" : "subnet"} ${subnets.map((s) => s.name).join(", ")} route${subnets.length > 1 ? "" : "s"} 0.0.0.0/0 through ${natText}`);
        p.cause = nats[0];
    }
    const alive = zones.length - dead.length;
    if (c.kind === "lambda") {
        if (alive === 0) {
            p.state = "down";
            p.cause ??= r;
            p.lost.push(r);
            p.rto = notAutomatic(`the function's subnets are all in ${dead.map((d) => d.zone).join(", ")}${noEgress.length ? " or lose egress" : ""}; it recovers when ${lostLabel(loss, topo)} returns`, [RECOVERY.lambdaMultiAz.id]);
            p.notes.push(`${r.name} ${noEgress.length ? "loses egress" : `has subnets only in ${zones.join(", ")}`}`);
        } else {
            p.notes.push(`${r.name} keeps running in ${alive} of ${zones.length} AZs`);
        }
        p.chain.push(step(r, `VPC function in ${zones.join(", ")}`));
        return p;
    }
    const n = c.capacity;
    const unit = c.kind === "ecs" ? "tasks" : "instances";
    p.chain.push(step(r, `${n ?? "?"} ${unit} across ${zones.join(", ")}`));
    if (dead.length === 0) return p;
    if (n === undefined) {
        p.state = "unknown";
        p.unknown.push(`${c.capacityUnknown} of ${r.name}`);
        return p;
    }
    const perZone = Math.ceil(n / zones.length);
    const remaining = Math.max(0, n - perZone * dead.length);
    if (remaining === 0) {
        p.state = "down";
        p.cause ??= r;
        p.lost.push(r);
        const everywhere = alive === 0;
        const onlyZones = zones.length === 1 ? `has subnets only in ${zones[0]}` : `has no usable AZ left (${zones.join(", ")})`;
        p.notes.push(everywhere ? `${r.name} ${noEgress.length > 0 ? "loses egress in every AZ" : onlyZones}` : `${r.name}'s ${n} ${n === 1 ? unit.slice(0, -1) : unit} may all sit in ${dead.map((d) => d.zone).join(", ")}`);
        p.rto = everywhere ? notAutomatic(`no AZ of ${r.name} can serve until ${lostLabel(loss, topo)} returns`, noEgress.length ? [RECOVERY.natGatewayZonal.id] : []) : c.replacement;
    } else {
        p.state = "degraded";
        p.capacity = { remaining, of: n, fraction: Math.round((remaining / n) * 100) / 100, unit };
        p.notes.push(`${r.name} keeps ${remaining} of ${n} ${unit} (${alive} of ${zones.length} AZs)`);
        p.lost.push(...dead.flatMap((d) => c.placement.subnets.filter((s) => s.zone === d.zone).map((s) => s.subnet)));
    }
    return p;
}

function evalFrontLoss(front: { resource: GraphResource; placement: Placement }, loss: ZoneLoss): Partial_ {
    const p = start();
    const { resource: lb, placement } = front;
    if (placement.regional || !("zone" in loss)) {
        p.chain.push(step(lb, placement.regional ? "regional / global service" : `in ${placement.zones.join(", ")}`));
        return p;
    }
    if (placement.zones.length === 0) {
        p.state = "unknown";
        p.unknown.push(...(placement.unknown.length ? placement.unknown : [`the subnets of ${lb.name}`]));
        p.chain.push(step(lb, "zones unknown"));
        return p;
    }
    const alive = placement.zones.filter((z) => z !== loss.zone);
    p.chain.push(step(lb, `in ${placement.zones.join(", ")}`));
    if (alive.length === 0) {
        p.state = "down";
        p.cause = lb;
        p.lost.push(lb);
        p.notes.push(`${lb.name} is only in ${loss.zone}`);
        p.rto = notAutomatic(`${lb.name} has no other AZ; it serves again when ${loss.zone} returns`);
    }
    return p;
}

function evalDataZoneLoss(d: DataStore, zone: string): Partial_ {
    const p = start();
    const r = d.resource;
    if (d.regional) {
        p.chain.push(step(r, d.failoverNote));
        return p;
    }
    if (d.zones.length > 0 && !d.zones.includes(zone)) {
        p.chain.push(step(r, `${d.label} in ${d.zones.join(", ")}`));
        return p;
    }
    if (d.zones.length === 0 && d.unknown.length > 0) {
        p.state = "unknown";
        p.unknown.push(...d.unknown);
        p.chain.push(step(r, "zones unknown"));
        return p;
    }
    const where = d.zones.length > 1 ? `its primary may be in ${zone} (one of ${d.zones.join(", ")})` : `in ${zone}`;
    p.chain.push(step(r, `${d.label}: ${where}`));
    if (d.redundant) {
        p.rto = d.failover;
        p.rpo = d.rpoOnFailover;
        p.notes.push(`${r.name} ${d.failoverNote}`);
    } else {
        p.state = "down";
        p.cause = r;
        p.lost.push(r);
        p.notes.push(`${r.name} (${d.label}) ${d.zones.length > 1 ? `may sit in ${zone}` : `sits in ${zone}`}; ${d.failoverNote}`);
        p.rto = r.type === aws.rds.Cluster ? notAutomatic(`${d.failoverNote}, which cannot happen while ${zone} is down`, [RECOVERY.auroraRecreateWriter.id]) : d.failover;
        p.rpo = d.rpoOnLoss;
    }
    return p;
}

function evalDataPrimary(d: DataStore): Partial_ {
    const p = start();
    p.chain.push(step(d.resource, `${d.label}: ${d.failoverNote}`));
    p.rto = d.failover;
    p.rpo = d.rpoOnFailover;
    if (!d.redundant && !d.regional) {
        p.state = "down";
        p.cause = d.resource;
        p.lost.push(d.resource);
        p.notes.push(`${d.resource.name}: ${d.failoverNote}`);
    } else {
        p.notes.push(`${d.resource.name} ${d.failoverNote}`);
    }
    return p;
}

function evalDataRegion(d: DataStore): Partial_ {
    const p = start();
    if (d.crossRegion) {
        p.chain.push(step(d.resource, d.crossRegion.note));
        p.rto = d.crossRegion.rto;
        p.rpo = d.crossRegion.rpo;
        p.notes.push(`${d.resource.name} has a copy in another Region (${d.crossRegion.note})`);
        return p;
    }
    p.state = "down";
    p.cause = d.resource;
    p.lost.push(d.resource);
    p.chain.push(step(d.resource, "no copy in another Region"));
    p.notes.push(`${d.resource.name} has no cross-Region replica`);
    p.rto = notAutomatic(`${d.resource.name} exists only in this Region`);
    p.rpo = notAutomatic("backups in the lost Region are not reachable");
    return p;
}

// ------------------------------------------------------------------------------------------------
// The assessment
// ------------------------------------------------------------------------------------------------

/** One model per resource, built on first use (chains share computes and data stores). */
function memo<T>(built: Map<GraphResource, T>, build: (r: GraphResource) => T): (r: GraphResource) => T {
    return (r) => {
        if (!built.has(r)) built.set(r, build(r));
        return built.get(r) as T;
    };
}

export interface AssessOptions {
    profile: Profile;
    policy: ResiliencyPolicy;
}

export function assess(graph: StackGraph, options: AssessOptions): Assessment {
    const topo = new Topology(graph);
    const computes = new Map<GraphResource, Compute>();
    const compute = memo(computes, (r) => computeOf(topo, r));
    const stores = new Map<GraphResource, DataStore>();
    const store = memo(stores, (r) => dataStoreOf(topo, r));
    const dataOf = (cs: Compute[]) => [...new Set(cs.flatMap((c) => topo.dataDependencies(c.resource)))].map(store);

    // Entry points, workloads, data stores.
    const models: SubjectModel[] = [];
    const served = new Set<GraphResource>();
    const subject = (r: GraphResource, kind: SubjectKind, name = r.name): Subject => ({ urn: r.urn, name, type: r.type, kind, dependsOn: [] });
    for (const lb of graph.ofType(aws.lb.LoadBalancer, aws.alb.LoadBalancer, aws.elb.LoadBalancer)) {
        const targets = loadBalancerTargets(graph, lb).compute.map(compute);
        targets.forEach((c) => served.add(c.resource));
        const placement = topo.placement(lb, ["subnets", "subnetMappings"]);
        models.push({ subject: subject(lb, "entry-point"), resource: lb, front: { resource: lb, placement: placement.regional && lb.read("subnets").known ? { ...placement, regional: false } : placement }, computes: targets, data: dataOf(targets) });
    }
    for (const stage of graph.ofType(aws.apigateway.Stage, aws.apigatewayv2.Stage)) {
        const fns = apiFunctions(graph, stage).map(compute);
        fns.forEach((c) => served.add(c.resource));
        models.push({ subject: subject(stage, "entry-point"), resource: stage, front: { resource: stage, placement: { subnets: [], zones: [], regional: true, unknown: [] } }, computes: fns, data: dataOf(fns) });
    }
    for (const url of graph.ofType(aws.lambda.FunctionUrl)) {
        const fns = graph.resolve(url, "functionName", [aws.lambda.Function]).targets.map(compute);
        fns.forEach((c) => served.add(c.resource));
        models.push({ subject: subject(url, "entry-point"), resource: url, computes: fns, data: dataOf(fns) });
    }
    for (const dist of graph.ofType(aws.cloudfront.Distribution)) {
        const origins = distributionOrigins(graph, dist);
        const cs = origins.flatMap((o) => (o.type === aws.lambda.FunctionUrl ? graph.resolve(o, "functionName", [aws.lambda.Function]).targets : loadBalancerTargets(graph, o).compute)).map(compute);
        const lb = origins.find((o) => o.type !== aws.lambda.FunctionUrl);
        models.push({ subject: subject(dist, "entry-point"), resource: dist, front: lb ? { resource: lb, placement: topo.placement(lb, ["subnets", "subnetMappings"]) } : undefined, computes: cs, data: dataOf(cs) });
    }
    for (const esm of graph.ofType(aws.lambda.EventSourceMapping)) {
        const fns = functionsOfMapping(graph, esm).targets.map(compute);
        fns.forEach((c) => served.add(c.resource));
        const source = eventSourceOf(graph, esm);
        const src = source.resources[0];
        const kind = source.kind === "sqs" ? "sqs" : source.kind === "kinesis" || source.kind === "dynamodb-stream" ? "stream" : undefined;
        const label = `${fns[0]?.resource.name ?? esm.name} ← ${src?.name ?? "source"}`;
        models.push({ subject: subject(esm, "workload", label), resource: esm, computes: fns, data: dataOf(fns), consumes: src && kind ? { via: esm, source: src, kind } : undefined });
    }
    for (const r of graph.ofType(aws.autoscaling.Group, aws.ecs.Service, aws.ec2.Instance)) {
        if (served.has(r)) continue;
        const c = compute(r);
        models.push({ subject: subject(r, "workload"), resource: r, computes: [c], data: dataOf([c]) });
    }
    for (const r of graph.ofType(aws.rds.Instance, aws.rds.Cluster, aws.elasticache.ReplicationGroup, aws.elasticache.Cluster, aws.dynamodb.Table)) {
        if (asDataStore(graph, r) !== r || (r.type === aws.rds.Instance && replicaSource(graph, r))) continue;
        models.push({ subject: subject(r, "data-store"), resource: r, computes: [], data: [store(r)] });
    }
    for (const m of models) {
        m.subject.dependsOn = [...new Set([...(m.front && m.front.resource !== m.resource ? [m.front.resource.urn] : []), ...m.computes.map((c) => c.resource.urn), ...m.data.filter((d) => d.resource !== m.resource).map((d) => d.resource.urn), ...(m.consumes ? [m.consumes.source.urn] : [])])];
    }

    // Zones the stack uses.
    const zones = new Set<string>();
    for (const m of models) {
        m.front?.placement.zones.forEach((z) => zones.add(z));
        m.computes.forEach((c) => c.placement.zones.forEach((z) => zones.add(z)));
        m.data.forEach((d) => d.zones.forEach((z) => zones.add(z)));
    }
    const zoneList = [...zones].sort();

    const disruptions = new Map<string, Disruption>();
    const lostSets = new Map<Disruption, Set<string>>();
    const verdicts: Verdict[] = [];
    const disruption = (kind: DisruptionKind, id: string, label: string): Disruption => {
        let d = disruptions.get(id);
        if (!d) {
            d = { id, kind, category: CATEGORY_OF[kind], label, lost: [] };
            disruptions.set(id, d);
        }
        return d;
    };
    const emit = (m: SubjectModel, d: Disruption, p: Partial_, leadIn: string) => {
        const state = p.state === "unknown" && p.unknown.length === 0 ? "survives" : p.state;
        const tail = state === "degraded" && p.capacity ? `${m.subject.name} degraded (${p.capacity.remaining} of ${p.capacity.of} ${p.capacity.unit}, ${Math.round(p.capacity.fraction * 100)} %)` : `${m.subject.name} ${state === "unknown" ? `unknown (${p.unknown.join("; ")})` : state}`;
        const reason = `${leadIn}: ${[...p.notes, tail].join(" → ")}`;
        const lost = new Set(p.lost.map((r) => r.urn));
        if (state === "down") lost.add(m.subject.urn);
        let set = lostSets.get(d);
        if (!set) {
            set = new Set();
            lostSets.set(d, set);
        }
        for (const u of lost) set.add(u);
        const hasData = m.data.length > 0;
        verdicts.push({
            subject: m.subject.urn,
            disruption: d.id,
            state,
            ...(state === "degraded" && p.capacity ? { capacity: p.capacity } : {}),
            reason,
            chain: dedupe(p.chain),
            rto: state === "degraded" || state === "survives" ? (p.rto.automatic ? p.rto : NONE) : p.rto,
            ...(hasData || p.rpo ? { rpo: p.rpo ?? { ...NONE, derivation: "no data at risk" } } : {}),
            ...(p.unknown.length ? { unknown: [...new Set(p.unknown)] } : {}),
            ...(p.cause ? { cause: p.cause.urn } : {}),
        });
    };

    for (const m of models) {
        // Each AZ in turn.
        for (const zone of zoneList) {
            const p = start();
            if (m.front) merge(p, evalFrontLoss(m.front, { zone }));
            for (const c of m.computes) merge(p, evalComputeLoss(topo, c, { zone }));
            for (const d of m.data) merge(p, evalDataZoneLoss(d, zone));
            emit(m, disruption("az", `az:${zone}`, `AZ ${zone}`), p, `AZ ${zone}`);
        }
        // One instance / task / function environment.
        if (m.computes.length > 0) {
            const p = start();
            for (const c of m.computes) merge(p, evalOneInstance(c));
            emit(m, disruption("instance", "instance", "one instance / task / function environment"), p, "one instance lost");
        }
        // Primary of each database or cache it depends on.
        for (const d of m.data) {
            if (d.regional) continue;
            const p = evalDataPrimary(d);
            emit(m, disruption("primary", `primary:${d.resource.urn}`, `primary of ${d.resource.name}`), p, `primary of ${d.resource.name} fails`);
        }
        // Each NAT gateway its compute routes through.
        const used = new Set(m.computes.flatMap((c) => c.placement.subnets.flatMap((s) => s.nats)));
        for (const nat of used) {
            const p = start();
            for (const c of m.computes) merge(p, evalComputeLoss(topo, c, { nat }));
            emit(m, disruption("nat", `nat:${nat.urn}`, `NAT gateway ${nat.name}`), p, `NAT gateway ${nat.name} lost`);
        }
        // A dependency that times out or errors; a poison message.
        if (m.subject.kind !== "data-store") emit(m, disruption("dependency", "dependency", "a dependency times out or errors"), evalDependency(graph, m), "a dependency fails");
        if (m.consumes) {
            emit(m, disruption("poison", `poison:${m.consumes.source.urn}`, `poison message on ${m.consumes.source.name}`), evalPoison(graph, m.consumes), `poison message on ${m.consumes.source.name}`);
        }
        // The Region.
        const p = start();
        if (m.subject.kind !== "data-store") {
            p.state = "down";
            p.cause = m.resource;
            p.chain.push(step(m.resource, "no cross-Region failover path (Route 53 failover records, CloudFront origin group) in this stack"));
            p.notes.push("no cross-Region failover path in this stack");
            p.rto = notAutomatic("nothing in this stack serves from another Region");
        }
        for (const d of m.data) merge(p, evalDataRegion(d));
        emit(m, disruption("region", "region", "Region"), p, "Region lost");
    }

    for (const [d, set] of lostSets) d.lost = [...set];
    const misses = verdicts.flatMap((v) => missesOf(v, disruptions.get(v.disruption)!.category, options.policy, options.profile));
    const usedSources = new Set(verdicts.flatMap((v) => [...v.rto.sources, ...(v.rpo?.sources ?? [])]));
    return {
        schemaVersion: 1,
        profile: options.profile,
        policy: options.policy,
        zones: zoneList,
        disruptions: [...disruptions.values()],
        subjects: models.map((m) => m.subject),
        verdicts: verdicts.map(jsonSafe),
        misses: misses.map((m) => ({ ...m, estimate: jsonEstimate(m.estimate) })),
        placement: placementOf(topo, models, computes, stores),
        recoveryTable: RECOVERY_TABLE.filter((f) => usedSources.has(f.id)).map((f) => ({ ...f })),
    };
}

function evalOneInstance(c: Compute): Partial_ {
    const p = start();
    const r = c.resource;
    if (c.kind === "lambda") {
        p.chain.push(step(r, "Lambda starts a new execution environment"));
        return p;
    }
    if (c.kind === "instance") {
        p.state = "down";
        p.cause = r;
        p.lost.push(r);
        p.chain.push(step(r, "a standalone EC2 instance"));
        p.notes.push(`${r.name} is a single instance with nothing to replace it`);
        p.rto = c.replacement;
        return p;
    }
    const unit = c.kind === "ecs" ? "tasks" : "instances";
    if (c.capacity === undefined) {
        p.state = "unknown";
        p.unknown.push(`${c.capacityUnknown} of ${r.name}`);
        return p;
    }
    p.chain.push(step(r, `${c.capacity} ${unit}`));
    if (c.capacity <= 1) {
        p.state = "down";
        p.cause = r;
        p.lost.push(r);
        p.notes.push(`${r.name} runs ${c.capacity} ${unit.slice(0, -1)}`);
        p.rto = c.replacement;
    } else {
        p.state = "degraded";
        p.capacity = { remaining: c.capacity - 1, of: c.capacity, fraction: Math.round(((c.capacity - 1) / c.capacity) * 100) / 100, unit };
        p.notes.push(`${r.name} keeps ${c.capacity - 1} of ${c.capacity} ${unit} while one is replaced`);
    }
    return p;
}

function evalDependency(graph: StackGraph, m: SubjectModel): Partial_ {
    const p = start();
    const guards: string[] = [];
    for (const c of m.computes) {
        if (c.kind === "lambda") {
            const t = asNumber(c.resource.props["timeout"]);
            guards.push(`${c.resource.name} times out after ${t ?? 3} s${t === undefined ? " (Lambda default)" : ""}`);
        }
    }
    if (m.front && (m.front.resource.type === aws.lb.LoadBalancer || m.front.resource.type === aws.alb.LoadBalancer)) {
        guards.push(`${m.front.resource.name} ends idle requests after ${asNumber(m.front.resource.props["idleTimeout"]) ?? 60} s`);
    }
    if (m.consumes?.kind === "sqs") {
        const q = queueFacts(graph, m.consumes.source);
        if (q.hasDeadLetter === true) guards.push(`${q.queue.name} retries ${q.maxReceiveCount ?? "maxReceiveCount"} times, then moves the message to its dead-letter queue`);
        else {
            guards.push(`${q.queue.name} has no dead-letter queue: failing messages return every ${q.visibilityTimeoutSeconds ?? 30} s until deleted after ${q.retentionSeconds ?? RECOVERY.sqsDefaultRetention.upperSeconds} s`);
            p.cause = q.queue;
        }
    }
    if (m.consumes?.kind === "stream") {
        const bounded = streamBounded(m.consumes.via);
        if (!bounded) {
            p.state = "down";
            p.cause = m.consumes.via;
            guards.push(`${m.consumes.via.name} retries a failing batch until its records expire (no maximumRetryAttempts / maximumRecordAgeInSeconds / bisectBatchOnFunctionError), blocking the shard`);
            p.rto = { lowerSeconds: 0, upperSeconds: null, automatic: true, derivation: "the shard is blocked until the dependency recovers or the records expire", sources: [], unsourced: ["how long the dependency fails"] };
        } else guards.push(`${m.consumes.via.name} limits retries, then skips the batch`);
    }
    p.chain.push(step(m.resource, guards.join("; ") || "no timeout, retry budget or dead-letter queue found on the path"));
    if (p.state === "survives") p.state = "degraded";
    p.capacity = undefined;
    p.notes.push(guards.length ? guards.join("; ") : "requests that need the failing dependency fail");
    return p;
}

function streamBounded(esm: GraphResource): boolean {
    const retries = asNumber(esm.props["maximumRetryAttempts"]);
    const age = asNumber(esm.props["maximumRecordAgeInSeconds"]);
    return (retries !== undefined && retries >= 0) || (age !== undefined && age >= 0) || asBoolean(esm.props["bisectBatchOnFunctionError"]) === true;
}

function evalPoison(graph: StackGraph, consumes: NonNullable<SubjectModel["consumes"]>): Partial_ {
    const p = start();
    if (consumes.kind === "sqs") {
        const q = queueFacts(graph, consumes.source);
        const vis = q.visibilityTimeoutSeconds ?? 30;
        if (q.hasDeadLetter === "unknown") {
            p.state = "unknown";
            p.unknown.push(`the redrive policy of ${q.queue.name}`);
            return p;
        }
        if (q.hasDeadLetter) {
            p.chain.push(step(q.queue, `moves the message to its dead-letter queue after ${q.maxReceiveCount ?? "maxReceiveCount"} receives`));
            p.notes.push(
                q.maxReceiveCount !== undefined
                    ? `${q.queue.name} sets it aside after ${q.maxReceiveCount} receives (≈ ${q.maxReceiveCount * vis} s at a ${vis} s visibility timeout)`
                    : `${q.queue.name} sets it aside in its dead-letter queue after maxReceiveCount receives (not known in this preview)`,
            );
            p.rpo = { ...NONE, derivation: "the message is kept in the dead-letter queue" };
            return p;
        }
        const retention = q.retentionSeconds ?? RECOVERY.sqsDefaultRetention.upperSeconds;
        p.state = "degraded";
        p.cause = q.queue;
        p.chain.push(step(q.queue, `no dead-letter queue: the message returns every ${vis} s for ${retention} s, then is deleted`));
        p.notes.push(`${q.queue.name} has no dead-letter queue: the message is retried every ${vis} s${q.fifo ? ", blocking its message group," : ""} until deleted after ${retention} s`);
        p.rpo = notAutomatic(`the poison message is deleted after the retention period (${retention} s) and cannot be recovered`, q.retentionSeconds === undefined ? [RECOVERY.sqsDefaultRetention.id] : []);
        return p;
    }
    const esm = consumes.via;
    const onFailure = esm.read("destinationConfig.onFailure.destinationArn");
    const hasDestination = !onFailure.known || (typeof onFailure.value === "string" && onFailure.value !== "");
    if (!streamBounded(esm)) {
        const hours = asNumber(consumes.source.props["retentionPeriod"]);
        p.state = "down";
        p.cause = esm;
        p.chain.push(step(esm, "retries the failing batch until its records expire"));
        p.notes.push(`${esm.name} retries the poison record until it expires, and the shard waits behind it`);
        p.rto = hours !== undefined ? { lowerSeconds: hours * 3600, upperSeconds: hours * 3600, automatic: true, derivation: `the shard is blocked until the record expires (retentionPeriod ${hours} h of ${consumes.source.name})`, sources: [], unsourced: [] } : { lowerSeconds: 0, upperSeconds: null, automatic: true, derivation: "the shard is blocked until the record expires (stream retention unknown)", sources: [], unsourced: ["stream retention"] };
        p.rpo = hasDestination ? NONE : notAutomatic("the expired record is dropped");
        return p;
    }
    p.chain.push(step(esm, `limits retries${hasDestination ? " and sends failed batches to its on-failure destination" : ", then drops the batch"}`));
    p.notes.push(`${esm.name} skips the poison record after its retry limit`);
    p.rpo = hasDestination ? { ...NONE, derivation: "failed batch metadata goes to the on-failure destination" } : notAutomatic("the failed batch is dropped with no on-failure destination");
    if (!hasDestination) p.cause = esm;
    return p;
}

function dedupe(chain: ChainStep[]): ChainStep[] {
    const seen = new Set<string>();
    return chain.filter((s) => {
        const key = `${s.urn}\u0000${s.note}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/** JSON has no Infinity: a non-automatic estimate's lower bound is written as null. */
function jsonEstimate(e: Estimate): Estimate {
    return Number.isFinite(e.lowerSeconds) ? e : { ...e, lowerSeconds: null as unknown as number };
}

function jsonSafe(v: Verdict): Verdict {
    return { ...v, rto: jsonEstimate(v.rto), ...(v.rpo ? { rpo: jsonEstimate(v.rpo) } : {}) };
}

function placementOf(topo: Topology, models: SubjectModel[], computes: Map<GraphResource, Compute>, stores: Map<GraphResource, DataStore>): PlacedResource[] {
    const out = new Map<string, PlacedResource>();
    const add = (r: GraphResource, role: PlacedResource["role"], zones: string[], subnets: string[]) => {
        if (!out.has(r.urn)) out.set(r.urn, { urn: r.urn, name: r.name, type: r.type, role, zones, subnets });
    };
    for (const subnet of topo.graph.ofType(...SUBNET_TYPES)) {
        const info = topo.subnet(subnet);
        add(subnet, "subnet", info.zone ? [info.zone] : [], []);
    }
    for (const nat of topo.graph.ofType(aws.ec2.NatGateway)) {
        const subnet = subnetsAt(topo.graph, nat, "subnetId")[0];
        const zone = topo.natZone(nat);
        add(nat, "nat", zone ? [zone] : [], subnet ? [subnet.urn] : []);
    }
    for (const m of models) {
        if (m.front) add(m.front.resource, m.front.placement.regional ? "entry" : "load-balancer", m.front.placement.zones, m.front.placement.subnets.map((s) => s.subnet.urn));
        else if (m.subject.kind === "entry-point") add(m.resource, "entry", [], []);
        if (m.consumes) add(m.consumes.source, "queue", [], []);
    }
    for (const c of computes.values()) add(c.resource, "compute", c.placement.zones, c.placement.subnets.map((s) => s.subnet.urn));
    for (const d of stores.values()) add(d.resource, "data", d.zones, []);
    void COMPUTE_TYPES;
    return [...out.values()];
}
