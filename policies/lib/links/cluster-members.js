"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clusterMembers = clusterMembers;
exports.judgeClusterInstances = judgeClusterInstances;
const rule_1 = require("../rule");
const values_1 = require("../values");
const indexes = new WeakMap();
function buildIndex(graph, instanceType, clusterType) {
    const byCluster = new Map();
    const undetermined = [];
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
function clusterMembers(graph, cluster, instanceType) {
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
function judgeClusterInstances(graph, cluster, instanceType, minInstances) {
    const { members, undetermined } = clusterMembers(graph, cluster, instanceType);
    const [, module = "", name = ""] = instanceType.split(":");
    const label = `aws.${module.split("/")[0]}.${name}`;
    if (members.length < minInstances) {
        if (undetermined.length > 0) {
            return [(0, rule_1.unresolvable)("clusterIdentifier", `the cluster of ${undetermined.map((i) => i.name).join(", ")} cannot be traced, so this cluster's instance count is not known`)];
        }
        const have = members.length === 0 ? "no instances" : `${members.length} instance (${members.map((m) => m.name).join(", ")})`;
        return [(0, rule_1.violation)(`the cluster has ${have}; add ${label} resources with clusterIdentifier set to this cluster until it has at least ${minInstances}, so a reader in another availability zone can take over.`)];
    }
    const pinned = members.map((m) => m.read("availabilityZone"));
    if (pinned.every((r) => r.known && (0, values_1.asString)(r.value) !== undefined)) {
        const zones = new Set(pinned.map((r) => (r.known ? (0, values_1.asString)(r.value) : undefined)));
        if (zones.size < 2) {
            return [(0, rule_1.violation)(`all ${members.length} instances are pinned to availabilityZone ${[...zones].join("")}; place them in at least 2 zones (or leave availabilityZone unset so RDS spreads them).`)];
        }
    }
    return [];
}
//# sourceMappingURL=cluster-members.js.map