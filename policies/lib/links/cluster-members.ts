// Which instances belong to which DB cluster (RDS/Aurora, Neptune, DocumentDB), through the graph.
//
// An instance names its cluster in `clusterIdentifier`: a known string (joined by value with the
// cluster's identifier) or, in the first preview, an unknown whose property dependency is the
// cluster. The index is built once per graph.
import { type GraphResource, type StackGraph } from "../graph";
import { unresolvable, violation, type Finding } from "../rule";
import { asString } from "../values";

export interface ClusterMembers {
    /** Instances of this stack that belong to the cluster. */
    members: GraphResource[];
    /** Instances whose cluster this preview cannot tell (they might belong to this cluster). */
    undetermined: GraphResource[];
}

interface Index {
    byCluster: Map<GraphResource, GraphResource[]>;
    undetermined: GraphResource[];
}

const indexes = new WeakMap<StackGraph, Map<string, Index>>();

function buildIndex(graph: StackGraph, instanceType: string, clusterType: string): Index {
    const byCluster = new Map<GraphResource, GraphResource[]>();
    const undetermined: GraphResource[] = [];
    for (const instance of graph.ofType(instanceType)) {
        const res = graph.resolve(instance, "clusterIdentifier", [clusterType]);
        if (res.targets.length === 0) {
            if (res.unresolved || res.opaque.length > 0) {
                undetermined.push(instance);
            }
            continue;
        }
        for (const cluster of res.targets) {
            const list = byCluster.get(cluster) ?? [];
            list.push(instance);
            byCluster.set(cluster, list);
        }
    }
    return { byCluster, undetermined };
}

/** The instances (`instanceType`) of `cluster` (`clusterType`). */
export function clusterMembers(graph: StackGraph, cluster: GraphResource, instanceType: string): ClusterMembers {
    let perGraph = indexes.get(graph);
    if (!perGraph) {
        perGraph = new Map();
        indexes.set(graph, perGraph);
    }
    const key = `${instanceType}→${cluster.type}`;
    let index = perGraph.get(key);
    if (!index) {
        index = buildIndex(graph, instanceType, cluster.type);
        perGraph.set(key, index);
    }
    return { members: index.byCluster.get(cluster) ?? [], undetermined: index.undetermined };
}

/** "The cluster has at least `minInstances` instances that can sit in 2+ zones." */
export function judgeClusterInstances(graph: StackGraph, cluster: GraphResource, instanceType: string, minInstances: number): Finding[] {
    const { members, undetermined } = clusterMembers(graph, cluster, instanceType);
    const [, module = "", name = ""] = instanceType.split(":");
    const label = `aws.${module.split("/")[0]}.${name}`;
    if (members.length < minInstances) {
        if (undetermined.length > 0) {
            return [unresolvable("clusterIdentifier", `the cluster of ${undetermined.map((i) => i.name).join(", ")} cannot be traced, so this cluster's instance count is not known`)];
        }
        const have = members.length === 0 ? "no instances" : `${members.length} instance (${members.map((m) => m.name).join(", ")})`;
        return [violation(`the cluster has ${have}; add ${label} resources with clusterIdentifier set to this cluster until it has at least ${minInstances}, so a reader in another availability zone can take over.`)];
    }
    const pinned = members.map((m) => m.read("availabilityZone"));
    if (pinned.every((r) => r.known && asString(r.value) !== undefined)) {
        const zones = new Set(pinned.map((r) => (r.known ? asString(r.value) : undefined)));
        if (zones.size < 2) {
            return [violation(`all ${members.length} instances are pinned to availabilityZone ${[...zones].join("")}; place them in at least 2 zones (or leave availabilityZone unset so RDS spreads them).`)];
        }
    }
    return [];
}
