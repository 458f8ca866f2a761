import { type StackGraph } from "../graph";
import { type Profile } from "../rule";
import { type Assessment } from "./model";
import { type ResiliencyPolicy } from "./policy";
export { assess } from "./assess";
export type * from "./model";
export { formatEstimate, formatSeconds, RECOVERY, RECOVERY_TABLE, type Estimate, type RecoveryFigure } from "./recovery";
export { PROFILE_POLICIES, resiliencyConfigSchema, resiliencyPolicySchema, type ResiliencyPolicy } from "./policy";
/** The assessment of a graph under a profile and the rule's config, computed once per graph. */
export declare function assessmentOf(graph: StackGraph, profile: Profile, config: {
    policy?: ResiliencyPolicy;
}): Assessment;
