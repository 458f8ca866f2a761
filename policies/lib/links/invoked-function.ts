// Which Lambda function an event source mapping (or any resource with a `functionName`
// reference) invokes: by known name/ARN, through an alias, or through propertyDependencies when
// the name is unknown in the first preview.
import { aws } from "../aws-types";
import { type StackGraph, type GraphResource } from "../graph";

export interface FunctionResolution {
    /** The function of this stack the mapping invokes (through an alias when needed). */
    fn?: GraphResource;
    /** Why the function cannot be determined (external name/ARN, untraceable unknown). */
    unknown?: string;
}

/** The function an event source mapping (or anything with a `functionName` reference) invokes. */
export function invokedFunction(graph: StackGraph, from: GraphResource, path = "functionName"): FunctionResolution {
    const res = graph.resolve(from, path, [aws.lambda.Function, aws.lambda.Alias]);
    const target = res.targets[0];
    if (target?.type === aws.lambda.Function) {
        return { fn: target };
    }
    if (target?.type === aws.lambda.Alias) {
        const viaAlias = graph.resolve(target, "functionName", [aws.lambda.Function]).targets[0];
        return viaAlias ? { fn: viaAlias } : { unknown: `the function behind alias ${target.name} is not in this stack` };
    }
    if (res.external.length > 0) {
        // A qualified ARN or name:alias of a function of this stack.
        const base = res.external[0].replace(/^(arn:[^:]+:lambda:[^:]+:\d+:function:[^:]+):.*$/, "$1").replace(/^([^:]+):[^:]+$/, "$1");
        const fn = base !== res.external[0] ? graph.findByValue(base, [aws.lambda.Function])[0] : undefined;
        return fn ? { fn } : { unknown: `function ${res.external[0]} is not managed in this stack` };
    }
    return { unknown: res.absent ? `${path} is not set` : `${path} cannot be traced to a function` };
}
