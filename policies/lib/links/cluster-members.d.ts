import { type GraphResource, type StackGraph } from "../graph";
import { type Finding } from "../rule";
export interface ClusterMembers {
    /** Instances of this stack that belong to the cluster. */
    members: GraphResource[];
    /** Instances whose cluster this preview cannot tell (they might belong to this cluster). */
    undetermined: GraphResource[];
}
/** The instances (`instanceType`) of `cluster` (`clusterType`). */
export declare function clusterMembers(graph: StackGraph, cluster: GraphResource, instanceType: string): ClusterMembers;
/** "The cluster has at least `minInstances` instances that can sit in 2+ zones." */
export declare function judgeClusterInstances(graph: StackGraph, cluster: GraphResource, instanceType: string, minInstances: number): Finding[];
