// Which Lambda function a reference invokes (event source mappings, permissions, targets,
// subscriptions, invoke configs): the one resolver for it. A reference may be the function, an
// alias of it, its name, `name:qualifier`, or a full/partial/qualified ARN (graph.resolve matches
// literal names and ARNs), or unknown in the first preview (then its propertyDependencies tell).
import { aws } from "../aws-types";
import { addUnique, type GraphResource, type Resolution, type StackGraph } from "../graph";

/** What a function reference may name: a function, or an alias of one. */
export const FUNCTION_OR_ALIAS: readonly string[] = [aws.lambda.Function, aws.lambda.Alias];

export interface FunctionReferences extends Resolution {
    /** Aliases of this stack the reference names whose function is not in this stack. */
    aliasesWithoutFunction: GraphResource[];
}

/** Functions of this stack a reference property names, aliases followed to their function. */
export function resolveFunction(graph: StackGraph, from: GraphResource, path: string): FunctionReferences {
    const res = graph.resolve(from, path, FUNCTION_OR_ALIAS);
    return { ...res, ...functionsBehind(graph, res.targets) };
}

/** The functions behind resolved functions and aliases (an alias names its function by `functionName`). */
export function functionsBehind(graph: StackGraph, resolved: readonly GraphResource[]): { targets: GraphResource[]; aliasesWithoutFunction: GraphResource[] } {
    const targets: GraphResource[] = [];
    const aliasesWithoutFunction: GraphResource[] = [];
    for (const t of resolved) {
        if (t.type === aws.lambda.Alias) {
            const inner = graph.resolve(t, "functionName", [aws.lambda.Function]).targets;
            addUnique(targets, inner);
            if (inner.length === 0) {
                aliasesWithoutFunction.push(t);
            }
        } else {
            addUnique(targets, [t]);
        }
    }
    return { targets, aliasesWithoutFunction };
}

export interface FunctionResolution {
    /** The function of this stack the mapping invokes (through an alias when needed). */
    fn?: GraphResource;
    /** Why the function cannot be determined (external name/ARN, untraceable unknown). */
    unknown?: string;
}

/** The one function an event source mapping (or anything with a `functionName` reference) invokes. */
export function invokedFunction(graph: StackGraph, from: GraphResource, path = "functionName"): FunctionResolution {
    const res = resolveFunction(graph, from, path);
    if (res.targets[0]) {
        return { fn: res.targets[0] };
    }
    if (res.aliasesWithoutFunction[0]) {
        return { unknown: `the function behind alias ${res.aliasesWithoutFunction[0].name} is not in this stack` };
    }
    if (res.external.length > 0) {
        return { unknown: `function ${res.external[0]} is not managed in this stack` };
    }
    return { unknown: res.absent ? `${path} is not set` : `${path} cannot be traced to a function` };
}
