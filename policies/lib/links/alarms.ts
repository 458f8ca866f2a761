// Which CloudWatch alarms watch a resource.
//
// An alarm names what it watches only through metric dimensions (FunctionName, QueueName,
// LoadBalancer, …). A dimension value is a string: known when the program writes a literal or the
// resource is deployed, unknown in the first preview of a new stack. So an alarm is linked to a
// resource both by value (the literal equals the resource's name/identifier/arnSuffix) and through
// propertyDependencies["dimensions"] (or ["metricQueries"] for metric-math alarms), which the
// engine records whatever the value. An alarm whose dimension is unknown AND has no dependency
// edge is "dangling": it may watch anything, so rules report "could not evaluate", never a
// violation, while one exists.
//
// The index is built once per graph (WeakMap cache): linear in alarms + their dependency edges.
import { aws } from "../aws-types";
import { appendTo, type GraphResource, isOpaqueComponent, perGraph, type StackGraph } from "../graph";
import { type ResourceView } from "../resource";
import { asBoolean, asString, isRecord, isUnknown, UNKNOWN_STRING } from "../values";

/** A dimension that identifies one kind of resource, and how to read that identity from the resource's inputs. */
export interface DimensionSpec {
    /** Dimension name, e.g. "FunctionName". */
    name: DimensionName;
    /** Resource types the dimension identifies. */
    types: readonly string[];
    /** Properties that name the resource in the dimension value (arnSuffix embeds the load balancer / target group name). */
    identity: readonly string[];
    /** Index keys under which `resource` can be named by a known dimension value. */
    keys(resource: GraphResource): string[];
    /** The index keys a known dimension value names. */
    lookupKeys(value: string): string[];
}

/** The dimensions faultguard's alarm rules link by. */
export const DIMENSION_NAMES = [
    "FunctionName",
    "QueueName",
    "LoadBalancer",
    "TargetGroup",
    "LoadBalancerName",
    "DBInstanceIdentifier",
    "DBClusterIdentifier",
    "AutoScalingGroupName",
    "ServiceName",
    "ClusterName",
    "ApiName",
    "ApiId",
    "DistributionId",
    "StateMachineArn",
    "RuleName",
] as const;
export type DimensionName = (typeof DIMENSION_NAMES)[number];

/** Dimensions whose value is a property of the resource (its name, identifier…). */
const byProp = (prop: string) => ({
    keys: (r: GraphResource) => {
        const v = asString(r.props[prop]);
        return v === undefined ? [] : [v];
    },
    lookupKeys: (value: string) => [value],
});

/** `tag:value` index keys from the resource's known properties (e.g. { suffix: "arnSuffix" } → "suffix:app/web/1f2e"). */
function taggedKeys(r: GraphResource, props: Readonly<Record<string, string>>): string[] {
    return Object.entries(props).flatMap(([tag, prop]) => {
        const v = asString(r.props[prop]);
        return v === undefined ? [] : [`${tag}:${v}`];
    });
}

/**
 * arnSuffix dimensions ("app/<name>/<id>", "targetgroup/<name>/<id>"): the suffix is an output
 * (known once deployed); the name inside it is known from the inputs when set explicitly.
 */
const byArnSuffix = (prefixes: readonly string[]) => ({
    keys: (r: GraphResource) => taggedKeys(r, { suffix: "arnSuffix", name: "name" }),
    lookupKeys: (value: string) => {
        const parts = value.split("/");
        return [`suffix:${value}`, ...(parts.length >= 2 && prefixes.includes(parts[0]) ? [`name:${parts[1]}`] : [])];
    },
});

/**
 * ARN dimensions ("arn:aws:states:<region>:<account>:stateMachine:<name>"): the ARN is an output
 * (known once deployed); the name inside it is known from the inputs when set explicitly.
 */
const byArnName = (marker: string) => ({
    keys: (r: GraphResource) => taggedKeys(r, { arn: "arn", name: "name" }),
    lookupKeys: (value: string) => {
        const name = value.split(`:${marker}:`)[1];
        return [`arn:${value}`, ...(name !== undefined && name !== "" ? [`name:${name.split(":")[0]}`] : [])];
    },
});

export const DIMENSIONS: Readonly<Record<DimensionName, DimensionSpec>> = {
    FunctionName: { name: "FunctionName", types: [aws.lambda.Function], identity: ["name"], ...byProp("name") },
    QueueName: { name: "QueueName", types: [aws.sqs.Queue], identity: ["name"], ...byProp("name") },
    LoadBalancer: {
        name: "LoadBalancer",
        types: [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
        identity: ["name"],
        ...byArnSuffix(["app", "net", "gwy"]),
    },
    TargetGroup: {
        name: "TargetGroup",
        types: [aws.lb.TargetGroup, aws.alb.TargetGroup],
        identity: ["name"],
        ...byArnSuffix(["targetgroup"]),
    },
    LoadBalancerName: { name: "LoadBalancerName", types: [aws.elb.LoadBalancer], identity: ["name"], ...byProp("name") },
    DBInstanceIdentifier: {
        name: "DBInstanceIdentifier",
        types: [aws.rds.Instance, aws.rds.ClusterInstance],
        identity: ["identifier"],
        ...byProp("identifier"),
    },
    DBClusterIdentifier: { name: "DBClusterIdentifier", types: [aws.rds.Cluster], identity: ["clusterIdentifier"], ...byProp("clusterIdentifier") },
    AutoScalingGroupName: { name: "AutoScalingGroupName", types: [aws.autoscaling.Group], identity: ["name"], ...byProp("name") },
    ServiceName: { name: "ServiceName", types: [aws.ecs.Service], identity: ["name"], ...byProp("name") },
    ClusterName: { name: "ClusterName", types: [aws.ecs.Cluster], identity: ["name"], ...byProp("name") },
    ApiName: { name: "ApiName", types: [aws.apigateway.RestApi], identity: ["name"], ...byProp("name") },
    ApiId: { name: "ApiId", types: [aws.apigatewayv2.Api], identity: ["id"], ...byProp("id") },
    DistributionId: { name: "DistributionId", types: [aws.cloudfront.Distribution], identity: ["id"], ...byProp("id") },
    StateMachineArn: { name: "StateMachineArn", types: [aws.sfn.StateMachine], identity: ["arn", "name"], ...byArnName("stateMachine") },
    RuleName: { name: "RuleName", types: [aws.cloudwatch.EventRule], identity: ["name"], ...byProp("name") },
};

/** Alarm types whose dimensions are indexed. */
export const ALARM_TYPES: readonly string[] = [aws.cloudwatch.MetricAlarm];

/** One metric an alarm evaluates (the alarm's own, or one per metric-math query). */
export interface AlarmMetric {
    /** Known metric name, or undefined when unknown/absent. */
    metricName?: string;
    metricNameUnknown: boolean;
    /** Dimension name → known value, or the unknown sentinel (`isUnknown`); "*" when the whole set is unknown. */
    dimensions: Map<string, string>;
    /** The property whose propertyDependencies explain unknown dimension values. */
    property: "dimensions" | "metricQueries";
}

/** An alarm and the metrics it evaluates. */
export interface AlarmInfo {
    alarm: GraphResource;
    metrics: AlarmMetric[];
}

/** Whether an alarm notifies anyone when it fires. */
export type AlarmActionState = { kind: "ok" } | { kind: "unknown"; property: string } | { kind: "missing"; reason: string };

/** Reads `alarmActions` / `actionsEnabled` of a metric or composite alarm. */
export function alarmActionState(alarm: ResourceView): AlarmActionState {
    const enabled = alarm.read("actionsEnabled");
    if (!enabled.known) {
        return { kind: "unknown", property: "actionsEnabled" };
    }
    if (asBoolean(enabled.value) === false) {
        return { kind: "missing", reason: "actionsEnabled is false" };
    }
    const actions = alarm.read("alarmActions");
    if (!actions.known) {
        return { kind: "unknown", property: "alarmActions" };
    }
    if (!Array.isArray(actions.value) || actions.value.filter((a) => a !== null && a !== "").length === 0) {
        return { kind: "missing", reason: "alarmActions is empty" };
    }
    return { kind: "ok" };
}

interface AlarmIndex {
    infos: Map<GraphResource, AlarmInfo>;
    /** Resource → alarms linked to it (by dimension value or dependency edge). */
    byResource: Map<GraphResource, AlarmInfo[]>;
    /** Dimension name → alarms with that dimension whose value cannot be traced to a resource. */
    dangling: Map<string, Array<{ info: AlarmInfo; literal?: string }>>;
    /** Metric alarm → composite alarms whose rule references it. */
    composites: Map<GraphResource, GraphResource[]>;
    /** Cache for danglingFor. */
    danglingSummaries: Map<string, DanglingSummary>;
}

interface DanglingSummary {
    untraceable?: AlarmInfo;
    literal?: { info: AlarmInfo; literal: string };
}

function readMetric(raw: unknown, property: AlarmMetric["property"], nameKey: string, dimsKey: string): AlarmMetric | undefined {
    if (isUnknown(raw)) {
        return { metricNameUnknown: true, dimensions: new Map([["*", UNKNOWN_STRING]]), property };
    }
    if (!isRecord(raw)) {
        return undefined;
    }
    const name = raw[nameKey];
    const dims = new Map<string, string>();
    const rawDims = raw[dimsKey];
    if (isUnknown(rawDims)) {
        dims.set("*", UNKNOWN_STRING);
    } else if (isRecord(rawDims)) {
        for (const [k, v] of Object.entries(rawDims)) {
            const s = asString(v);
            dims.set(k, s ?? UNKNOWN_STRING);
        }
    }
    return { metricName: asString(name), metricNameUnknown: isUnknown(name), dimensions: dims, property };
}

/** The metrics an alarm evaluates: its own metric and every metric-math query that reads a metric. */
export function alarmMetrics(alarm: ResourceView): AlarmMetric[] {
    const out: AlarmMetric[] = [];
    const own = readMetric(alarm.props, "dimensions", "metricName", "dimensions");
    if (own && (own.metricName !== undefined || own.metricNameUnknown || own.dimensions.size > 0)) {
        out.push(own);
    }
    const queries = alarm.read("metricQueries");
    if (!queries.known) {
        out.push({ metricNameUnknown: true, dimensions: new Map([["*", UNKNOWN_STRING]]), property: "metricQueries" });
    } else if (Array.isArray(queries.value)) {
        for (const q of queries.value) {
            if (isUnknown(q)) {
                out.push({ metricNameUnknown: true, dimensions: new Map([["*", UNKNOWN_STRING]]), property: "metricQueries" });
            } else if (isRecord(q) && q["metric"] !== undefined) {
                const m = readMetric(q["metric"], "metricQueries", "metricName", "dimensions");
                if (m) {
                    out.push(m);
                }
            }
        }
    }
    return out;
}

const ALL_SPECS: readonly DimensionSpec[] = Object.values(DIMENSIONS);
const WATCHABLE_TYPES: readonly string[] = [...new Set(ALL_SPECS.flatMap((s) => s.types))];

function buildIndex(graph: StackGraph): AlarmIndex {
    const index: AlarmIndex = { infos: new Map(), byResource: new Map(), dangling: new Map(), composites: new Map(), danglingSummaries: new Map() };
    // Known identity values per dimension, for linking literals: value → resources.
    // Known identities per dimension, indexed once: dimension → key → resources.
    const identities = new Map<string, Map<string, GraphResource[]>>();
    const literalTargets = (spec: DimensionSpec, value: string): GraphResource[] => {
        let byKey = identities.get(spec.name);
        if (!byKey) {
            byKey = new Map();
            for (const r of graph.ofType(...spec.types)) {
                for (const key of spec.keys(r)) {
                    appendTo(byKey, key, r);
                }
            }
            identities.set(spec.name, byKey);
        }
        const hits: GraphResource[] = [];
        for (const key of spec.lookupKeys(value)) {
            for (const r of byKey.get(key) ?? []) {
                if (!hits.includes(r)) {
                    hits.push(r);
                }
            }
        }
        return hits;
    };
    for (const alarm of graph.ofType(...ALARM_TYPES)) {
        const info: AlarmInfo = { alarm, metrics: alarmMetrics(alarm) };
        index.infos.set(alarm, info);
        // Dependency edges: every watchable resource the dimension values were computed from.
        const linkedByDeps = new Set<GraphResource>();
        const opaqueDeps = new Set<string>();
        for (const property of new Set(info.metrics.map((m) => m.property))) {
            for (const d of alarm.propertyDependencies[property] ?? []) {
                if (WATCHABLE_TYPES.includes(d.type)) {
                    linkedByDeps.add(d);
                } else {
                    const inside = graph.descendants(d, WATCHABLE_TYPES);
                    inside.forEach((r) => linkedByDeps.add(r));
                    if (inside.length === 0 && isOpaqueComponent(d)) {
                        opaqueDeps.add(property);
                    }
                }
            }
        }
        linkedByDeps.forEach((r) => appendTo(index.byResource, r, info));
        for (const metric of info.metrics) {
            for (const [dim, value] of metric.dimensions) {
                const specs = dim === "*" ? ALL_SPECS : ALL_SPECS.filter((s) => s.name === dim);
                for (const spec of specs) {
                    if (isUnknown(value)) {
                        // A wholly unknown dimensions object computed from resources watches those resources.
                        const explained =
                            opaqueDeps.has(metric.property) || (dim === "*" ? linkedByDeps.size > 0 : [...linkedByDeps].some((r) => spec.types.includes(r.type)));
                        if (!explained) {
                            appendTo(index.dangling, spec.name, { info });
                        }
                        continue;
                    }
                    const hits = literalTargets(spec, value);
                    if (hits.length > 0) {
                        hits.forEach((r) => appendTo(index.byResource, r, info));
                    } else if (![...linkedByDeps].some((r) => spec.types.includes(r.type))) {
                        appendTo(index.dangling, spec.name, { info, literal: value });
                    }
                }
            }
        }
    }
    for (const composite of graph.ofType(aws.cloudwatch.CompositeAlarm)) {
        for (const d of composite.propertyDependencies["alarmRule"] ?? []) {
            if (ALARM_TYPES.includes(d.type)) {
                appendTo(index.composites, d, composite);
            }
        }
    }
    return index;
}

const indexOf = perGraph((graph): AlarmIndex => {
    const index: AlarmIndex = buildIndex(graph);
    return index;
});

/** Every metric alarm linked to `resource` through a dimension value or a dependency edge. */
export function alarmsWatching(graph: StackGraph, resource: GraphResource): readonly AlarmInfo[] {
    return indexOf(graph).byResource.get(resource) ?? [];
}

/** The composite alarms whose rule references `alarm` (their actions notify for it). */
export function compositesOf(graph: StackGraph, alarm: GraphResource): readonly GraphResource[] {
    return indexOf(graph).composites.get(alarm) ?? [];
}

/**
 * The action state of an alarm counting composite alarms: a metric alarm without actions that
 * feeds a composite alarm with actions still notifies someone.
 */
export function effectiveActionState(graph: StackGraph, alarm: GraphResource): AlarmActionState {
    const own = alarmActionState(alarm);
    if (own.kind !== "missing") {
        return own;
    }
    const viaComposite = compositesOf(graph, alarm).map(alarmActionState);
    if (viaComposite.some((s) => s.kind === "ok")) {
        return { kind: "ok" };
    }
    const unknown = viaComposite.find((s) => s.kind === "unknown");
    return unknown ?? own;
}

/** True when one of the alarm's metrics is in `metricNames` (or its name is unknown) and carries dimension `dimension`. */
function alarmMatches(info: AlarmInfo, dimensions: readonly string[], metricNames: readonly string[]): boolean {
    return info.metrics.some(
        (m) => (m.metricNameUnknown || (m.metricName !== undefined && metricNames.includes(m.metricName))) && (m.dimensions.has("*") || dimensions.some((d) => m.dimensions.has(d))),
    );
}

/** The first untraceable alarm (and the first unmatched literal) of a dimension on the given metrics, computed once per query shape. */
function danglingFor(index: AlarmIndex, dim: string, metricNames: readonly string[]): DanglingSummary {
    const key = `${dim}\u0000${metricNames.join("\u0000")}`;
    let summary = index.danglingSummaries.get(key);
    if (!summary) {
        summary = {};
        for (const entry of index.dangling.get(dim) ?? []) {
            if (!alarmMatches(entry.info, [dim], metricNames)) {
                continue;
            }
            if (entry.literal === undefined) {
                summary.untraceable ??= entry.info;
            } else {
                summary.literal ??= { info: entry.info, literal: entry.literal };
            }
        }
        index.danglingSummaries.set(key, summary);
    }
    return summary;
}

export type AlarmCoverage =
    | { verdict: "pass"; alarm: GraphResource }
    | { verdict: "fail"; message: string }
    | { verdict: "unknown"; property: string; detail: string };

export interface CoverageQuery {
    /** The resources whose alarms count (the subject, plus e.g. its target groups or cluster instances). */
    watched: readonly GraphResource[];
    /** Dimensions that identify the watched resources (e.g. ["LoadBalancer", "TargetGroup"]). */
    dimensions: readonly DimensionName[];
    /** Metric names that count (config). */
    metricNames: readonly string[];
}

/**
 * Decides "some alarm with an alarm action watches one of `watched` on one of `metricNames`":
 * pass on the first such alarm; "unknown" while an alarm's actions or dimension values cannot be
 * traced; otherwise fail, naming linked alarms that lack actions.
 */
export function judgeAlarmCoverage(graph: StackGraph, query: CoverageQuery): AlarmCoverage {
    const index = indexOf(graph);
    const linked: AlarmInfo[] = [];
    for (const r of query.watched) {
        for (const info of index.byResource.get(r) ?? []) {
            if (!linked.includes(info) && alarmMatches(info, query.dimensions, query.metricNames)) {
                linked.push(info);
            }
        }
    }
    const silent: string[] = [];
    let unknownAction: { alarm: GraphResource; property: string } | undefined;
    for (const info of linked) {
        const state = effectiveActionState(graph, info.alarm);
        if (state.kind === "ok") {
            return { verdict: "pass", alarm: info.alarm };
        }
        if (state.kind === "unknown") {
            unknownAction ??= { alarm: info.alarm, property: state.property };
        } else {
            silent.push(`${info.alarm.name} (${state.reason})`);
        }
    }
    if (unknownAction) {
        return { verdict: "unknown", property: unknownAction.property, detail: `alarm ${unknownAction.alarm.name}'s ${unknownAction.property} is computed, so whether it notifies anyone is not known` };
    }
    // Alarms that might watch these resources but cannot be traced.
    const subjectValuesUnknown = query.watched.some((r) => query.dimensions.some((d) => identityUnknown(r, d)));
    for (const dim of query.dimensions) {
        const dangling = danglingFor(index, dim, query.metricNames);
        if (dangling.untraceable) {
            return { verdict: "unknown", property: "dimensions", detail: `alarm ${dangling.untraceable.alarm.name}'s ${dim} dimension is unknown and not traceable to a resource, so it may watch this one` };
        }
        if (dangling.literal && subjectValuesUnknown) {
            const { info, literal } = dangling.literal;
            return { verdict: "unknown", property: "dimensions", detail: `alarm ${info.alarm.name} watches ${dim}=${literal}, which may be this resource once its computed name is known` };
        }
    }
    const metrics = query.metricNames.length === 1 ? query.metricNames[0] : `any of ${query.metricNames.join(", ")}`;
    if (silent.length > 0) {
        return { verdict: "fail", message: `the alarms watching ${metrics} notify nobody: ${silent.join("; ")}; give one alarmActions (e.g. an SNS topic ARN) and do not set actionsEnabled: false` };
    }
    return { verdict: "fail", message: `no CloudWatch alarm with an alarm action watches ${metrics}` };
}

/**
 * True when the identity the dimension carries is computed (unknown in this preview). An ABSENT
 * identity is generated by Pulumi's autonaming, which no literal in the program can predict, so a
 * literal that matches nothing cannot be naming that resource.
 */
function identityUnknown(r: GraphResource, dimension: DimensionName): boolean {
    const spec = DIMENSIONS[dimension];
    return spec.types.includes(r.type) && spec.identity.some((p) => !r.read(p).known);
}
