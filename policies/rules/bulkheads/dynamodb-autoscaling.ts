import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource, type StackGraph } from "../../lib/graph";
import { stackRule, unresolvable, violation } from "../../lib/rule";
import { asString, isRecord } from "../../lib/values";

const DIMENSIONS = { read: "dynamodb:table:ReadCapacityUnits", write: "dynamodb:table:WriteCapacityUnits" } as const;
const INDEX_DIMENSIONS = { read: "dynamodb:index:ReadCapacityUnits", write: "dynamodb:index:WriteCapacityUnits" } as const;

interface Coverage {
    targets: Set<string>;
    policies: Set<string>;
    /**
     * Per index dimension, what scales a global secondary index: the index name when the resource ID
     * is known ("table/orders/index/byUser"), else the target/policy itself (new stack: the ID is
     * computed, so indexes are counted rather than named).
     */
    indexTargets: Map<string, Set<string | GraphResource>>;
    indexPolicies: Map<string, Set<string | GraphResource>>;
    /** A target or policy of this table whose scalable dimension is unknown in preview. */
    unknown?: GraphResource;
}

const indexes = new WeakMap<StackGraph, Map<GraphResource, Coverage>>();

function indexOf(graph: StackGraph): Map<GraphResource, Coverage> {
    let index = indexes.get(graph);
    if (index) {
        return index;
    }
    const built = new Map<GraphResource, Coverage>();
    const coverage = (table: GraphResource): Coverage => {
        let c = built.get(table);
        if (!c) {
            c = { targets: new Set(), policies: new Set(), indexTargets: new Map(), indexPolicies: new Map() };
            built.set(table, c);
        }
        return c;
    };
    // Tables named by a literal resource ID ("table/orders"), for stacks that write IDs by hand.
    const byName = new Map<string, GraphResource>();
    for (const t of graph.ofType(aws.dynamodb.Table)) {
        const name = asString(t.props["name"]);
        if (name !== undefined) {
            byName.set(name, t);
        }
    }
    const targetTables = new Map<GraphResource, GraphResource[]>();
    const tablesOf = (r: GraphResource): GraphResource[] => {
        const found = new Set<GraphResource>();
        for (const d of r.propertyDependencies["resourceId"] ?? []) {
            if (d.type === aws.dynamodb.Table) {
                found.add(d);
            }
            for (const t of targetTables.get(d) ?? []) {
                found.add(t);
            }
        }
        const id = asString(r.props["resourceId"]);
        const literal = id?.startsWith("table/") ? byName.get(id.split("/")[1]) : undefined;
        if (literal) {
            found.add(literal);
        }
        return [...found];
    };
    const record = (r: GraphResource, kind: "targets" | "policies") => {
        const ns = r.read("serviceNamespace");
        if (ns.known && ns.value !== undefined && ns.value !== "dynamodb") {
            return [];
        }
        const tables = tablesOf(r);
        const dim = r.read("scalableDimension");
        const id = asString(r.props["resourceId"]);
        const indexName = id !== undefined ? /^table\/[^/]+\/index\/(.+)$/.exec(id)?.[1] : undefined;
        for (const table of tables) {
            if (!dim.known) {
                coverage(table).unknown ??= r;
            } else if (typeof dim.value === "string" && dim.value.startsWith("dynamodb:index:")) {
                const byDimension = kind === "targets" ? coverage(table).indexTargets : coverage(table).indexPolicies;
                const set = byDimension.get(dim.value) ?? new Set<string | GraphResource>();
                set.add(indexName ?? r);
                byDimension.set(dim.value, set);
            } else if (typeof dim.value === "string") {
                coverage(table)[kind].add(dim.value);
            }
        }
        return tables;
    };
    for (const target of graph.ofType(aws.appautoscaling.Target)) {
        targetTables.set(target, record(target, "targets"));
    }
    for (const policy of graph.ofType(aws.appautoscaling.Policy)) {
        record(policy, "policies");
    }
    index = built;
    indexes.set(graph, index);
    return index;
}

export const dynamodbAutoscaling = stackRule({
    id: "dynamodb-autoscaling",
    title: "Provisioned DynamoDB tables scale their capacity",
    pillar: "bulkheads",
    description:
        "A DynamoDB table in PROVISIONED billing mode (the default) has an `aws.appautoscaling.Target` and an `aws.appautoscaling.Policy` for both its read and its write capacity, and so does each of its global secondary indexes (`dynamodb:index:…`). PAY_PER_REQUEST tables pass.",
    remediation: [
        "Scale read and write capacity (or use billingMode: \"PAY_PER_REQUEST\"):",
        "```ts",
        "for (const [kind, metric] of [[\"Read\", \"DynamoDBReadCapacityUtilization\"], [\"Write\", \"DynamoDBWriteCapacityUtilization\"]] as const) {",
        "    const target = new aws.appautoscaling.Target(`orders-${kind}`, {",
        "        serviceNamespace: \"dynamodb\",",
        "        resourceId: pulumi.interpolate`table/${table.name}`,",
        "        scalableDimension: `dynamodb:table:${kind}CapacityUnits`,",
        "        minCapacity: 5,",
        "        maxCapacity: 100,",
        "    });",
        "    new aws.appautoscaling.Policy(`orders-${kind}`, {",
        "        policyType: \"TargetTrackingScaling\",",
        "        serviceNamespace: target.serviceNamespace,",
        "        resourceId: target.resourceId,",
        "        scalableDimension: target.scalableDimension,",
        "        targetTrackingScalingPolicyConfiguration: { targetValue: 70, predefinedMetricSpecification: { predefinedMetricType: metric } },",
        "    });",
        "}",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: a provisioned table with fixed capacity throttles requests as soon as traffic exceeds it, and the throttling surfaces as errors and retries in every caller. Fixed capacity can be a deliberate cost ceiling, so the rule advises.",
    byDefault: { shown: true, why: "Fixed provisioned capacity throttles the table at the first traffic peak." },
    resourceTypes: [aws.dynamodb.Table],
    anchors: {
        cdkNag: ["HIPAA.Security-DynamoDBAutoScalingEnabled", "NIST.800.53.R5-DynamoDBAutoScalingEnabled"],
        checkov: ["CKV2_AWS_16"],
        awsConfig: ["dynamodb-autoscaling-enabled"],
        securityHub: ["DynamoDB.1"],
        wellArchitected: ["REL07-BP01"],
    },
    config: z.object({}),
    check(table, { graph }) {
        const mode = table.read("billingMode");
        if (!mode.known) {
            return [unresolvable("billingMode")];
        }
        if (mode.value === "PAY_PER_REQUEST") {
            return [];
        }
        const c: Coverage = indexOf(graph).get(table) ?? { targets: new Set<string>(), policies: new Set<string>(), indexTargets: new Map(), indexPolicies: new Map() };
        const missing: string[] = [];
        for (const [kind, dim] of Object.entries(DIMENSIONS)) {
            if (!c.targets.has(dim)) {
                missing.push(`a ${kind} scalable target`);
            } else if (!c.policies.has(dim)) {
                missing.push(`a ${kind} scaling policy`);
            }
        }
        // Global secondary indexes of a provisioned table have capacity of their own, scaled separately.
        const gsis = table.read("globalSecondaryIndexes");
        const indexNames = gsis.known && Array.isArray(gsis.value) ? gsis.value.map((g) => (isRecord(g) ? asString(g["name"]) : undefined)) : [];
        for (const [kind, dim] of Object.entries(INDEX_DIMENSIONS)) {
            for (const [what, scaled] of [["scalable target", c.indexTargets.get(dim)], ["scaling policy", c.indexPolicies.get(dim)]] as const) {
                // Named by a known resource ID, or counted when the ID is computed (each such resource scales one index).
                const unnamed = indexNames.filter((name) => name === undefined || !scaled?.has(name));
                const anonymous = [...(scaled ?? [])].filter((x) => typeof x !== "string").length;
                const unscaled = anonymous >= unnamed.length ? [] : unnamed.map((name) => name ?? "(unnamed)");
                if (unscaled.length > 0) {
                    missing.push(`a ${kind} ${what} for index${unscaled.length === 1 ? "" : "es"} ${unscaled.join(", ")}`);
                    break;
                }
            }
        }
        if (missing.length === 0) {
            return [];
        }
        if (c.unknown) {
            return [unresolvable("scalableDimension", `of ${c.unknown.name}, which scales this table`)];
        }
        return [violation(`the table is PROVISIONED but lacks ${missing.join(" and ")}; add aws.appautoscaling.Target + Policy for dynamodb:table:ReadCapacityUnits and WriteCapacityUnits (and dynamodb:index:… with resourceId "table/<table>/index/<index>" for each global secondary index), or set billingMode: "PAY_PER_REQUEST".`)];
    },
});
