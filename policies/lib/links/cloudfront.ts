// CloudFront links: which Lambda functions run at the edge (Lambda@Edge), through the behaviors'
// lambdaFunctionAssociations — by known ARN, or by graph edge when the ARN is unknown.
import { lambdaIdentities } from "../arn";
import { aws } from "../aws-types";
import { type GraphResource, type StackGraph } from "../graph";
import { asString, isRecord } from "../values";

const BEHAVIOR_KEYS = ["defaultCacheBehavior", "orderedCacheBehaviors"] as const;
const FUNCTION_TYPES = [aws.lambda.Function] as const;

const edgeIndexes = new WeakMap<StackGraph, Set<GraphResource>>();

/** Lambda functions associated with a CloudFront cache behavior in this stack; built once per graph. */
export function edgeFunctions(graph: StackGraph): Set<GraphResource> {
    let index = edgeIndexes.get(graph);
    if (index) {
        return index;
    }
    index = new Set();
    for (const dist of graph.ofType(aws.cloudfront.Distribution)) {
        for (const key of BEHAVIOR_KEYS) {
            for (const dep of dist.propertyDependencies[key] ?? []) {
                if (dep.type === aws.lambda.Function) {
                    index.add(dep);
                }
            }
            const read = dist.read(key);
            const behaviors = !read.known ? [] : Array.isArray(read.value) ? read.value : [read.value];
            for (const behavior of behaviors) {
                const associations = isRecord(behavior) && Array.isArray(behavior["lambdaFunctionAssociations"]) ? behavior["lambdaFunctionAssociations"] : [];
                for (const association of associations) {
                    const arn = isRecord(association) ? asString(association["lambdaArn"]) : undefined;
                    if (arn !== undefined) {
                        lambdaIdentities(arn).forEach((key) => graph.findByValue(key, FUNCTION_TYPES).forEach((f) => index!.add(f)));
                    }
                }
            }
        }
    }
    edgeIndexes.set(graph, index);
    return index;
}
