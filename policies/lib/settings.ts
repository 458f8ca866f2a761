// Pack-wide settings (profile, exemptions) and the policy config the engine sends.
//
// `@pulumi/policy` gives each policy only its own config, but profiles and exemptions apply to
// every rule, and the rules that follow links run together in one stack pass (see pack.ts). So the
// pack keeps its own copy of the whole config, taken from the same `Configure` request the SDK
// handles. Everything else about config (schema validation, defaults) stays the engine's job.
import { z } from "zod";
import { isCalendarDate, MIN_REASON_LENGTH } from "./exemptions";
import { interceptConfigure as interceptSdkConfigure } from "./policy-sdk";
import { type EnforcementLevel, type Profile, PROFILES } from "./rule";

export const SETTINGS_POLICY = "faultguard-settings";

const isoDate = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "use an ISO date such as 2027-01-31")
    .refine(isCalendarDate, "use a real calendar date in ISO form, such as 2027-01-31");

export const exemptionSchema = z.strictObject({
    rule: z.string().min(1).describe("Rule (policy name) to exempt, or a glob such as \"*-alarm\"."),
    resource: z
        .string()
        .min(1)
        .describe("URN, resource name or Pulumi type token to exempt; globs allowed (\"urn:pulumi:*::*::aws:sqs/queue:Queue::legacy-*\")."),
    reason: z
        .string()
        .min(MIN_REASON_LENGTH)
        .refine((r) => r.trim().length >= MIN_REASON_LENGTH, `give a reason of at least ${MIN_REASON_LENGTH} characters`)
        .describe("Why the exemption is acceptable; shown with every exempted finding."),
    expires: isoDate.optional().describe("Last day (UTC) the exemption holds; afterwards the finding is a violation again."),
});
export type Exemption = z.infer<typeof exemptionSchema>;

export const settingsSchema = z.strictObject({
    profile: z
        .enum(PROFILES)
        .optional()
        .describe("Strictness profile: production, development, or thorough (production plus the opt-in rules). Default: the stack tag faultguard:profile, else production."),
    exemptions: z.array(exemptionSchema).default([]).describe("Exemptions by rule and resource pattern, each with a reason."),
});
export type Settings = z.infer<typeof settingsSchema>;

/** One policy's config as the engine sends it: enforcement level plus properties. */
export interface PolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** Stack tag that selects the profile when the settings do not. */
export const PROFILE_STACK_TAG = "faultguard:profile";

class ConfigStore {
    private configs = new Map<string, PolicyConfig>();
    private parsedSettings?: { settings: Settings; error?: string };

    set(configs: Map<string, PolicyConfig>): void {
        this.configs = configs;
        this.parsedSettings = undefined;
    }

    policy(name: string): PolicyConfig | undefined {
        return this.configs.get(name);
    }

    /** The pack settings; invalid settings fall back to defaults and carry the error to report. */
    settings(): { settings: Settings; error?: string } {
        if (!this.parsedSettings) {
            const raw = this.configs.get(SETTINGS_POLICY)?.properties ?? {};
            const parsed = settingsSchema.safeParse(raw);
            this.parsedSettings = parsed.success
                ? { settings: parsed.data }
                : { settings: settingsSchema.parse({}), error: formatZodError(parsed.error, SETTINGS_POLICY) };
        }
        return this.parsedSettings;
    }
}

export const configStore = new ConfigStore();

export function resolveProfile(settings: Settings, stackTags: ReadonlyMap<string, string> | undefined): Profile {
    if (settings.profile) {
        return settings.profile;
    }
    const tag = stackTags?.get(PROFILE_STACK_TAG);
    return (PROFILES as readonly string[]).includes(tag ?? "") ? (tag as Profile) : "production";
}

/** "profile: Invalid option …" style message naming each field and the policy it belongs to. */
export function formatZodError(error: z.ZodError, policy: string): string {
    const problems = error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`);
    return `invalid config for policy "${policy}": ${problems.join("; ")}`;
}

interface ProtoPolicyConfig {
    getEnforcementlevel(): number;
    getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
}
interface ConfigureRequestLike {
    getPolicyconfigMap(): { entries(): Iterable<[string, ProtoPolicyConfig]> };
}

// The wire values of pulumirpc.EnforcementLevel.
const LEVELS: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "mandatory" /* remediate */ };

export function parseConfigureRequest(request: unknown): Map<string, PolicyConfig> {
    const out = new Map<string, PolicyConfig>();
    for (const [name, cfg] of (request as ConfigureRequestLike).getPolicyconfigMap().entries()) {
        out.set(name, {
            enforcementLevel: LEVELS[cfg.getEnforcementlevel()],
            properties: cfg.getProperties()?.toJavaScript() ?? {},
        });
    }
    return out;
}

/** Makes the pack keep every `Configure` request's config. Must run before `new PolicyPack(...)`. */
export function interceptConfigure(): void {
    void interceptSdkConfigure((request) => configStore.set(parseConfigureRequest(request)));
}
