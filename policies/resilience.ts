// The pack's resilience assessment for tools: `faultguard preview` runs it on the resources it sent
// to AnalyzeStack, with the policy config it sent in Configure, when this pack (PACK_NAME) ran.
// Same code as the resiliency-policy rule; importing it does not start a policy pack.
import { StackGraph, type PlainResource } from "./lib/graph";
import { assessmentOf, type Assessment } from "./lib/resilience";
import { decideProfile } from "./lib/settings";

export type { Assessment } from "./lib/resilience";

/** One policy's config as sent in Configure (the `--policy-pack-config` shape after reconciliation). */
export interface PolicyConfigLike {
    enforcementLevel?: string;
    properties?: Record<string, unknown>;
}

export const RESILIENCE_POLICY = "resiliency-policy";

/** The name index.ts gives the pack. */
export const PACK_NAME = "faultguard-aws";

/** The stack's config and tags, as ConfigureStack sends them: they decide the profile. */
export interface StackSettings {
    config?: Readonly<Record<string, string>>;
    tags?: Readonly<Record<string, string>>;
}

export function assessResources(resources: readonly PlainResource[], config: Readonly<Record<string, PolicyConfigLike>>, stack: StackSettings = {}): Assessment {
    const { profile } = decideProfile(stack.config ?? {}, new Map(Object.entries(stack.tags ?? {})));
    const rule = config[RESILIENCE_POLICY];
    // A disabled rule still gets its assessment shown, without targets to miss.
    const properties = rule?.enforcementLevel === "disabled" ? { policy: {} } : (rule?.properties ?? {});
    return assessmentOf(StackGraph.fromPlain(resources), profile, properties);
}
