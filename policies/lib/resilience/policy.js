"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PROFILE_POLICIES = exports.resiliencyConfigSchema = exports.resiliencyPolicySchema = void 0;
exports.policyFor = policyFor;
exports.judge = judge;
exports.missesOf = missesOf;
// The resiliency policy: RTO/RPO targets per disruption category, shaped like AWS Resilience Hub's
// (Software → application, Hardware → infrastructure, AZ, Region), with defaults per profile.
// The zod schema is the one source of truth: the rule's configSchema and the runtime check.
const zod_1 = require("zod");
const recovery_1 = require("./recovery");
const seconds = zod_1.z.number().int().min(0, "must be 0 or more seconds");
const targetSchema = zod_1.z.strictObject({
    rtoSeconds: seconds.optional().describe("Recovery time objective in seconds: the longest acceptable time the entry point or workload is down."),
    rpoSeconds: seconds.optional().describe("Recovery point objective in seconds: the most data (as time) acceptable to lose."),
});
exports.resiliencyPolicySchema = zod_1.z.strictObject({
    application: targetSchema.optional().describe("Application disruptions: a dependency timing out or erroring, a poison message."),
    infrastructure: targetSchema.optional().describe("Infrastructure disruptions: losing one instance/task/function environment, a database or cache primary, a NAT gateway."),
    az: targetSchema.optional().describe("Losing one availability zone (each zone the stack uses, in turn)."),
    region: targetSchema.optional().describe("Losing the Region."),
});
exports.resiliencyConfigSchema = zod_1.z.strictObject({
    policy: exports.resiliencyPolicySchema
        .optional()
        .describe("RTO/RPO targets per disruption category. Default: production = 300 s RTO and RPO for application, infrastructure and az, no region target; development = no targets."),
});
const FIVE_MINUTES = 300;
exports.PROFILE_POLICIES = {
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
function policyFor(config, profile) {
    return config.policy ?? exports.PROFILE_POLICIES[profile];
}
/** How an estimate compares with a target: met, certainly missed, or not confirmable from sourced figures. */
function judge(estimate, target) {
    if (!estimate.automatic || estimate.lowerSeconds > target)
        return "certain";
    if (estimate.upperSeconds === null)
        return "unconfirmed";
    // A published typical maximum above the target misses it, as Resilience Hub compares estimates.
    return estimate.upperSeconds > target ? "certain" : "met";
}
const NAMES = { application: "application", infrastructure: "infrastructure", az: "AZ", region: "Region" };
/** Every target a verdict misses under `policy`. */
function missesOf(verdict, category, policy, profile) {
    const target = policy[category];
    if (!target)
        return [];
    const out = [];
    const check = (objective, estimate, limit) => {
        if (!estimate || limit === undefined)
            return;
        const result = judge(estimate, limit);
        if (result === "met")
            return;
        const what = objective === "rto" ? "RTO" : "RPO";
        const howLong = (0, recovery_1.formatEstimate)(estimate);
        const message = `${verdict.reason} — estimated ${what} ${howLong} (${estimate.derivation}) ` +
            `${result === "certain" ? "misses" : "cannot be confirmed within"} the ${profile} resiliency policy's ${NAMES[category]} ${what} target of ${(0, recovery_1.formatSeconds)(limit)}.`;
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
//# sourceMappingURL=policy.js.map