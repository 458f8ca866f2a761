"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.configStore = exports.PROFILE_STACK_TAG = exports.settingsSchema = exports.exemptionSchema = exports.SETTINGS_POLICY = void 0;
exports.resolveProfile = resolveProfile;
exports.formatZodError = formatZodError;
exports.parseConfigureRequest = parseConfigureRequest;
exports.interceptConfigure = interceptConfigure;
// Pack-wide settings (profile, exemptions) and the policy config the engine sends.
//
// `@pulumi/policy` gives each policy only its own config, but profiles and exemptions apply to
// every rule, and the rules that follow links run together in one stack pass (see pack.ts). So the
// pack keeps its own copy of the whole config, taken from the same `Configure` request the SDK
// handles. Everything else about config (schema validation, defaults) stays the engine's job.
const zod_1 = require("zod");
const exemptions_1 = require("./exemptions");
const policy_sdk_1 = require("./policy-sdk");
const rule_1 = require("./rule");
exports.SETTINGS_POLICY = "faultguard-settings";
const isoDate = zod_1.z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "use an ISO date such as 2027-01-31")
    .refine(exemptions_1.isCalendarDate, "use a real calendar date in ISO form, such as 2027-01-31");
exports.exemptionSchema = zod_1.z.strictObject({
    rule: zod_1.z.string().min(1).describe("Rule (policy name) to exempt, or a glob such as \"*-alarm\"."),
    resource: zod_1.z
        .string()
        .min(1)
        .describe("URN, resource name or Pulumi type token to exempt; globs allowed (\"urn:pulumi:*::*::aws:sqs/queue:Queue::legacy-*\")."),
    reason: zod_1.z
        .string()
        .min(exemptions_1.MIN_REASON_LENGTH)
        .refine((r) => r.trim().length >= exemptions_1.MIN_REASON_LENGTH, `give a reason of at least ${exemptions_1.MIN_REASON_LENGTH} characters`)
        .describe("Why the exemption is acceptable; shown with every exempted finding."),
    expires: isoDate.optional().describe("Last day (UTC) the exemption holds; afterwards the finding is a violation again."),
});
exports.settingsSchema = zod_1.z.strictObject({
    profile: zod_1.z
        .enum(rule_1.PROFILES)
        .optional()
        .describe("Strictness profile: production, development, or thorough (production plus the opt-in rules). Default: the stack tag faultguard:profile, else production."),
    exemptions: zod_1.z.array(exports.exemptionSchema).default([]).describe("Exemptions by rule and resource pattern, each with a reason."),
});
/** Stack tag that selects the profile when the settings do not. */
exports.PROFILE_STACK_TAG = "faultguard:profile";
class ConfigStore {
    configs = new Map();
    parsedSettings;
    set(configs) {
        this.configs = configs;
        this.parsedSettings = undefined;
    }
    policy(name) {
        return this.configs.get(name);
    }
    /** The pack settings; invalid settings fall back to defaults and carry the error to report. */
    settings() {
        if (!this.parsedSettings) {
            const raw = this.configs.get(exports.SETTINGS_POLICY)?.properties ?? {};
            const parsed = exports.settingsSchema.safeParse(raw);
            this.parsedSettings = parsed.success
                ? { settings: parsed.data }
                : { settings: exports.settingsSchema.parse({}), error: formatZodError(parsed.error, exports.SETTINGS_POLICY) };
        }
        return this.parsedSettings;
    }
}
exports.configStore = new ConfigStore();
function resolveProfile(settings, stackTags) {
    if (settings.profile) {
        return settings.profile;
    }
    const tag = stackTags?.get(exports.PROFILE_STACK_TAG);
    return rule_1.PROFILES.includes(tag ?? "") ? tag : "production";
}
/** "profile: Invalid option …" style message naming each field and the policy it belongs to. */
function formatZodError(error, policy) {
    const problems = error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`);
    return `invalid config for policy "${policy}": ${problems.join("; ")}`;
}
// The wire values of pulumirpc.EnforcementLevel.
const LEVELS = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "mandatory" /* remediate */ };
function parseConfigureRequest(request) {
    const out = new Map();
    for (const [name, cfg] of request.getPolicyconfigMap().entries()) {
        out.set(name, {
            enforcementLevel: LEVELS[cfg.getEnforcementlevel()],
            properties: cfg.getProperties()?.toJavaScript() ?? {},
        });
    }
    return out;
}
/** Makes the pack keep every `Configure` request's config. Must run before `new PolicyPack(...)`. */
function interceptConfigure() {
    void (0, policy_sdk_1.interceptConfigure)((request) => exports.configStore.set(parseConfigureRequest(request)));
}
//# sourceMappingURL=settings.js.map