// The resilience assessment: one implementation, used by the resiliency-policy rule (inside the
// pack, so `pulumi preview` users get its findings) and by `faultguard preview` for the report
// (through ../../resilience.ts, the pack's entry for tools, on the same resources AnalyzeStack gets).
import { type StackGraph } from "../graph";
import { type Profile } from "../rule";
import { assess } from "./assess";
import { type Assessment } from "./model";
import { policyFor, resiliencyConfigSchema, type ResiliencyPolicy } from "./policy";

export { assess } from "./assess";
export type * from "./model";
export { formatEstimate, formatSeconds, RECOVERY, RECOVERY_TABLE, type Estimate, type RecoveryFigure } from "./recovery";
export { PROFILE_POLICIES, resiliencyConfigSchema, resiliencyPolicySchema, type ResiliencyPolicy } from "./policy";

const cache = new WeakMap<StackGraph, Map<string, Assessment>>();

/** The assessment of a graph under a profile and the rule's config, computed once per graph. */
export function assessmentOf(graph: StackGraph, profile: Profile, config: { policy?: ResiliencyPolicy }): Assessment {
    const policy = policyFor(resiliencyConfigSchema.parse(config), profile);
    const key = JSON.stringify([profile, policy]);
    let perGraph = cache.get(graph);
    if (!perGraph) {
        perGraph = new Map();
        cache.set(graph, perGraph);
    }
    let result = perGraph.get(key);
    if (!result) {
        result = assess(graph, { profile, policy });
        perGraph.set(key, result);
    }
    return result;
}
