import { z } from "zod";
import { isOpaqueComponent } from "../../lib/graph";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { asNumber } from "../../lib/values";

/**
 * @pulumi/eks components (remote: built by the eks plugin) and where each keeps its node count.
 * Without one, eks builds the group with a minimum of 1 node: the eks schema
 * (pulumi/pulumi-eks provider/cmd/pulumi-resource-eks/schema.json) documents `minSize` of Cluster,
 * NodeGroup and NodeGroupV2 as "Defaults to 1" and ManagedNodeGroup's `scalingConfig` as "minSize: 1",
 * and the implementation applies it (nodejs/eks/nodes/nodegroup.ts: `args.minSize = 1` when
 * undefined, `args?.minSize ?? 1` for NodeGroupV2, `config?.minSize ?? 1` for managed node groups).
 */
const EKS_NODE_GROUPS: Readonly<Record<string, { minSize: readonly string[]; subnets: readonly string[] }>> = {
    "eks:index:Cluster": { minSize: ["nodeGroupOptions.minSize", "minSize"], subnets: ["privateSubnetIds", "subnetIds", "publicSubnetIds"] },
    "eks:index:ManagedNodeGroup": { minSize: ["scalingConfig.minSize"], subnets: ["subnetIds"] },
    "eks:index:NodeGroup": { minSize: ["minSize"], subnets: ["nodeSubnetIds"] },
    "eks:index:NodeGroupV2": { minSize: ["minSize"], subnets: ["nodeSubnetIds"] },
};
const EKS_DEFAULT_MIN_SIZE = 1;

export const eksNodeRedundancy = stackRule({
    id: "eks-node-redundancy",
    title: "EKS node groups keep several nodes in several subnets",
    pillar: "redundancy",
    description:
        "An @pulumi/eks `Cluster` (its default node group), `ManagedNodeGroup`, `NodeGroup` or `NodeGroupV2` whose children are not visible (offline, where eks is a remote component) keeps a minimum of at least `minNodes` nodes (eks's default minimum is 1) and, when its subnets are given as a known list, more than one subnet. Where its children are visible, the Auto Scaling groups and node groups inside are judged instead. Clusters that skip the default node group or run on Fargate are not judged on it.",
    remediation: [
        "Keep at least two nodes, in subnets of two or more zones:",
        "```ts",
        "new eks.Cluster(\"k8s\", { vpcId: vpc.vpcId, privateSubnetIds: vpc.privateSubnetIds, minSize: 2, desiredCapacity: 3, maxSize: 6 });",
        "new eks.ManagedNodeGroup(\"workers\", { cluster, subnetIds: vpc.privateSubnetIds, scalingConfig: { minSize: 2, desiredSize: 3, maxSize: 6 } });",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "A node group that may shrink to one node, or whose nodes share one subnet (one zone), takes every pod on it down with that node or zone.",
    byDefault: {
        shown: true,
        why: "The compute tier of an EKS stack is otherwise unseen offline; a single-node or single-subnet node group is down with one node or zone.",
    },
    resourceTypes: Object.keys(EKS_NODE_GROUPS),
    anchors: { gap: true, wellArchitected: ["REL10-BP01"] },
    config: z.object({
        minNodes: z.number().int().min(2).max(100).default(2).describe("Smallest minimum node count accepted."),
    }),
    check(group, { config }) {
        // Judged by its inputs only while its children are hidden (remote component offline).
        if (!isOpaqueComponent(group)) {
            return [];
        }
        const skip = group.read("skipDefaultNodeGroup");
        const fargate = group.read("fargate");
        if (group.type === "eks:index:Cluster" && ((skip.known && skip.value === true) || !fargate.known || (fargate.value !== undefined && fargate.value !== false))) {
            return [];
        }
        const paths = EKS_NODE_GROUPS[group.type];
        const findings: Finding[] = [];
        const given = paths.minSize.map((path) => ({ path, read: group.read(path) })).find(({ read }) => !read.known || read.value !== undefined);
        if (given && !given.read.known) {
            findings.push(unresolvable(given.path));
        } else {
            const min = (given?.read.known ? asNumber(given.read.value) : undefined) ?? EKS_DEFAULT_MIN_SIZE;
            if (min < config.minNodes) {
                findings.push(violation(`${given ? `${given.path} is ${min}` : `the minimum node count is unset (eks defaults to ${EKS_DEFAULT_MIN_SIZE})`}; keep at least ${config.minNodes} nodes (${paths.minSize[0]}) so losing one node leaves the workloads running.`));
            }
        }
        for (const path of paths.subnets) {
            const subnets = group.read(path);
            // Decided only when the list and every ID are known; computed IDs say nothing about their count of zones.
            if (subnets.known && Array.isArray(subnets.value) && subnets.value.every((s) => typeof s === "string") && new Set(subnets.value).size === 1) {
                findings.push(violation(`${path} lists one subnet, so every node runs in one zone; give the nodes subnets in at least two availability zones.`));
            }
        }
        return findings;
    },
});
