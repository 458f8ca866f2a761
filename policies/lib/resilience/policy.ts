// The resiliency policy: RTO/RPO targets per disruption category, shaped like AWS Resilience Hub's
// (Software → application, Hardware → infrastructure, AZ, Region), with defaults per profile.
// The zod schema is the one source of truth: the rule's configSchema and the runtime check.
import { z } from "zod";
import { type Profile } from "../rule";
import { type DisruptionCategory, type Miss, type PolicyTarget, type Verdict } from "./model";
import { formatEstimate, formatSeconds, type Estimate } from "./recovery";

const seconds = z.number().int().min(0, "must be 0 or more seconds");

const targetSchema = z.strictObject({
    rtoSeconds: seconds.optional().describe("Recovery time objective in seconds: the longest acceptable time the entry point or workload is down."),
    rpoSeconds: seconds.optional().describe("Recovery point objective in seconds: the most data (as time) acceptable to lose."),
});

export const resiliencyPolicySchema = z.strictObject({
    application: targetSchema.optional().describe("Application disruptions: a dependency timing out or erroring, a poison message."),
    infrastructure: targetSchema.optional().describe("Infrastructure disruptions: losing one instance/task/function environment, a database or cache primary, a NAT gateway."),
    az: targetSchema.optional().describe("Losing one availability zone (each zone the stack uses, in turn)."),
    region: targetSchema.optional().describe("Losing the Region."),
});

export const resiliencyConfigSchema = z.strictObject({
    policy: resiliencyPolicySchema
        .optional()
        .describe(
            "RTO/RPO targets per disruption category. Default: production = 300 s RTO and RPO for application, infrastructure and az, no region target; development = no targets.",
        ),
});

export type ResiliencyPolicy = z.infer<typeof resiliencyPolicySchema>;

const FIVE_MINUTES = 300;

export const PROFILE_POLICIES: Readonly<Record<Profile, ResiliencyPolicy>> = {
    production: {
        application: { rtoSeconds: FIVE_MINUTES, rpoSeconds: FIVE_MINUTES },
        infrastructure: { rtoSeconds: FIVE_MINUTES, rpoSeconds: FIVE_MINUTES },
        az: { rtoSeconds: FIVE_MINUTES, rpoSeconds: FIVE_MINUTES },
    },
    development: {},
    // Production plus the opt-in rules: the same targets.
    thorough: {
        application: { rtoSeconds: FIVE_MINUTES, rpoSeconds: FIVE_MINUTES },
        infrastructure: { rtoSeconds: FIVE_MINUTES, rpoSeconds: FIVE_MINUTES },
        az: { rtoSeconds: FIVE_MINUTES, rpoSeconds: FIVE_MINUTES },
    },
};

export function policyFor(config: z.infer<typeof resiliencyConfigSchema>, profile: Profile): ResiliencyPolicy {
    return config.policy ?? PROFILE_POLICIES[profile];
}

/** How an estimate compares with a target: met, certainly missed, or not confirmable from sourced figures. */
export function judge(estimate: Estimate, target: number): "met" | "certain" | "unconfirmed" {
    if (!estimate.automatic || estimate.lowerSeconds > target) return "certain";
    if (estimate.upperSeconds === null) return "unconfirmed";
    // A published typical maximum above the target misses it, as Resilience Hub compares estimates.
    return estimate.upperSeconds > target ? "certain" : "met";
}

const NAMES: Record<DisruptionCategory, string> = { application: "application", infrastructure: "infrastructure", az: "AZ", region: "Region" };

/** Every target a verdict misses under `policy`. */
export function missesOf(verdict: Verdict, category: DisruptionCategory, policy: ResiliencyPolicy, profile: Profile): Miss[] {
    const target: PolicyTarget | undefined = policy[category];
    if (!target) return [];
    const out: Miss[] = [];
    const check = (objective: "rto" | "rpo", estimate: Estimate | undefined, limit: number | undefined) => {
        if (!estimate || limit === undefined) return;
        const result = judge(estimate, limit);
        if (result === "met") return;
        const what = objective === "rto" ? "RTO" : "RPO";
        const howLong = formatEstimate(estimate);
        const message =
            `${verdict.reason} — estimated ${what} ${howLong} (${estimate.derivation}) ` +
            `${result === "certain" ? "misses" : "cannot be confirmed within"} the ${profile} resiliency policy's ${NAMES[category]} ${what} target of ${formatSeconds(limit)}.`;
        out.push({
            subject: verdict.subject,
            disruption: verdict.disruption,
            category,
            objective,
            targetSeconds: limit,
            estimate,
            certainty: result,
            cause: verdict.cause ?? verdict.subject,
            message,
        });
    };
    check("rto", verdict.rto, target.rtoSeconds);
    check("rpo", verdict.rpo, target.rpoSeconds);
    return out;
}
