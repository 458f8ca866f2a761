import { type PlainResource } from "./lib/graph";
import { type Assessment } from "./lib/resilience";
export type { Assessment } from "./lib/resilience";
/** One policy's config as sent in Configure (the `--policy-pack-config` shape after reconciliation). */
export interface PolicyConfigLike {
    enforcementLevel?: string;
    properties?: Record<string, unknown>;
}
export declare const RESILIENCE_POLICY = "resiliency-policy";
/** The name index.ts gives the pack. */
export declare const PACK_NAME = "faultguard-aws";
export declare function assessResources(resources: readonly PlainResource[], config: Readonly<Record<string, PolicyConfigLike>>, stackTags?: Readonly<Record<string, string>>): Assessment;
