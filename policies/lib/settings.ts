// Pack-wide settings (profile, exemptions) and the policy config the engine sends.
//
// `@pulumi/policy` gives each policy only its own config, but profiles and exemptions apply to
// every rule, and the rules that follow links run together in one stack pass (see pack.ts). So the
// pack keeps its own copy of the whole config, taken from the same `Configure` request the SDK
// handles. Everything else about config (schema validation, defaults) stays the engine's job.
//
// The profile is the stack's, decided before the engine reconciles the policy config: the engine
// (pkg/engine/update.go, pkg/resource/analyzer/config.go ReconcilePolicyPackConfig) fills every
// policy the user did not configure with the level GetAnalyzerInfo advertised, so the pack
// advertises the levels of the stack's profile. Then every configured level is the one to apply: a
// level the user set always wins, and one equal to the advertised default is the profile's own.
import { z } from "zod";
import { isCalendarDate, MIN_REASON_LENGTH } from "./exemptions";
import { interceptAnalyzerCalls, secretsOfRequest } from "./policy-sdk";
import { secretStore } from "./secrets";
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
    exemptions: z.array(exemptionSchema).default([]).describe("Exemptions by rule and resource pattern, each with a reason."),
});
export type Settings = z.infer<typeof settingsSchema>;

/** One policy's config as the engine sends it: enforcement level plus properties. */
export interface PolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** Stack config key, and stack tag, that select the profile (the config key wins when both are set). */
export const PROFILE_KEY = "faultguard:profile";

/** The profile and where it came from; `error` when the value given is not a profile. */
export interface ProfileDecision {
    profile: Profile;
    source: string;
    error?: string;
}

/** The stack's profile from its config (`faultguard:profile`) or its tag of that name; else production. */
export function decideProfile(stackConfig: Readonly<Record<string, string>>, stackTags: ReadonlyMap<string, string>): ProfileDecision {
    const given: Array<[string | undefined, string]> = [
        [stackConfig[PROFILE_KEY], `stack config "${PROFILE_KEY}"`],
        [stackTags.get(PROFILE_KEY), `stack tag "${PROFILE_KEY}"`],
    ];
    for (const [value, source] of given) {
        if (value === undefined) {
            continue;
        }
        if ((PROFILES as readonly string[]).includes(value)) {
            return { profile: value as Profile, source };
        }
        // Not a silent fallback: the strict default applies and the run says why.
        const options = PROFILES.map((p) => `"${p}"`).join(", ");
        return { profile: "production", source, error: `${source} is ${JSON.stringify(value)}, not a profile; use one of ${options} (until then the pack applies production).` };
    }
    return { profile: "production", source: "default" };
}

const SETTINGS_PROFILE_ERROR =
    `invalid config for policy "${SETTINGS_POLICY}": "profile" cannot be set in policy config: the engine fills in every rule's default level ` +
    `before the pack sees this config, so an explicit level would be indistinguishable from a default. Set the profile on the stack: ` +
    `\`pulumi config set ${PROFILE_KEY} development\` (stack config), or the stack tag ${PROFILE_KEY}.`;

/** The stack config a pack starts with (the engine and `faultguard preview` set PULUMI_CONFIG). */
function startupStackConfig(): Record<string, string> {
    try {
        const parsed: unknown = JSON.parse(process.env.PULUMI_CONFIG ?? "{}");
        return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
    } catch {
        return {};
    }
}

class ConfigStore {
    private configs = new Map<string, PolicyConfig>();
    private parsedSettings?: { settings: Settings; errors: string[] };
    private stackConfig: Record<string, string> = startupStackConfig();
    private stackTags: ReadonlyMap<string, string> = new Map();
    /** The profile whose levels the last GetAnalyzerInfo advertised. */
    private advertisedDecision: ProfileDecision = decideProfile(this.stackConfig, this.stackTags);
    /** The profile the current policy config was reconciled against (advertised before Configure). */
    private configuredDecision?: ProfileDecision;

    set(configs: Map<string, PolicyConfig>): void {
        this.configs = configs;
        this.parsedSettings = undefined;
        this.configuredDecision = this.advertisedDecision;
    }

    /** ConfigureStack: the stack's config and tags (the engine sends it before GetAnalyzerInfo). */
    setStack(stackConfig: Record<string, string>, stackTags: ReadonlyMap<string, string>): void {
        this.stackConfig = stackConfig;
        this.stackTags = stackTags;
    }

    /** GetAnalyzerInfo: from now on the policies advertise the current stack's profile. */
    advertise(): void {
        this.advertisedDecision = decideProfile(this.stackConfig, this.stackTags);
    }

    get advertisedProfile(): Profile {
        return this.advertisedDecision.profile;
    }

    policy(name: string): PolicyConfig | undefined {
        return this.configs.get(name);
    }

    /**
     * The profile to evaluate with: the one the policy config was reconciled against, so no
     * configured level is mistaken for a default. Errors: an invalid profile value, or a stack
     * profile that arrived only after the levels were advertised (never under the engine).
     */
    profile(): { profile: Profile; errors: string[] } {
        const used = this.configuredDecision ?? this.advertisedDecision;
        const now = decideProfile(this.stackConfig, this.stackTags);
        const errors = used.error ? [`invalid config for policy "${SETTINGS_POLICY}": ${used.error}`] : [];
        if (now.profile !== used.profile) {
            errors.push(
                `the stack's profile is ${now.profile} (${now.source}) but the policy levels were configured for ${used.profile} (${used.source}): ` +
                    `the stack configuration arrived after the pack's policies were read, so the pack applies ${used.profile}. ` +
                    `Send ConfigureStack before GetAnalyzerInfo, as the Pulumi engine does.`,
            );
        }
        return { profile: used.profile, errors };
    }

    /** The pack settings; invalid settings fall back to defaults and carry the errors to report. */
    settings(): { settings: Settings; errors: string[] } {
        if (!this.parsedSettings) {
            const { profile, ...raw } = this.configs.get(SETTINGS_POLICY)?.properties ?? {};
            const errors = profile === undefined ? [] : [SETTINGS_PROFILE_ERROR];
            const parsed = settingsSchema.safeParse(raw);
            this.parsedSettings = parsed.success
                ? { settings: parsed.data, errors }
                : { settings: settingsSchema.parse({}), errors: [...errors, formatZodError(parsed.error, SETTINGS_POLICY)] };
        }
        return this.parsedSettings;
    }
}

export const configStore = new ConfigStore();

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

interface StackConfigureRequestLike {
    getConfigMap(): { entries(): Iterable<[string, string]> };
    getTagsMap(): { entries(): Iterable<[string, string]> };
}

/**
 * Makes the pack follow the engine's calls: ConfigureStack (stack config and tags decide the
 * profile), GetAnalyzerInfo (advertises that profile's levels), Configure (the whole policy config),
 * Analyze and AnalyzeStack (which properties are secret). Must run before `new PolicyPack(...)`.
 */
export function watchEngineCalls(): void {
    void interceptAnalyzerCalls({
        configureStack: (request) => {
            const r = request as StackConfigureRequestLike;
            configStore.setStack(Object.fromEntries(r.getConfigMap().entries()), new Map(r.getTagsMap().entries()));
            secretStore.clear();
        },
        analyze: (request) => secretStore.record(secretsOfRequest(request)),
        analyzeStack: (request) => secretStore.record(secretsOfRequest(request)),
        getAnalyzerInfo: () => configStore.advertise(),
        configure: (request) => configStore.set(parseConfigureRequest(request)),
    });
}
