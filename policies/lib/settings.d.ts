import { z } from "zod";
import { type EnforcementLevel, type Profile } from "./rule";
export declare const SETTINGS_POLICY = "faultguard-settings";
export declare const exemptionSchema: z.ZodObject<{
    rule: z.ZodString;
    resource: z.ZodString;
    reason: z.ZodString;
    expires: z.ZodOptional<z.ZodString>;
}, z.core.$strict>;
export type Exemption = z.infer<typeof exemptionSchema>;
export declare const settingsSchema: z.ZodObject<{
    profile: z.ZodOptional<z.ZodEnum<{
        production: "production";
        development: "development";
        thorough: "thorough";
    }>>;
    exemptions: z.ZodDefault<z.ZodArray<z.ZodObject<{
        rule: z.ZodString;
        resource: z.ZodString;
        reason: z.ZodString;
        expires: z.ZodOptional<z.ZodString>;
    }, z.core.$strict>>>;
}, z.core.$strict>;
export type Settings = z.infer<typeof settingsSchema>;
/** One policy's config as the engine sends it: enforcement level plus properties. */
export interface PolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}
/** Stack tag that selects the profile when the settings do not. */
export declare const PROFILE_STACK_TAG = "faultguard:profile";
declare class ConfigStore {
    private configs;
    private parsedSettings?;
    set(configs: Map<string, PolicyConfig>): void;
    policy(name: string): PolicyConfig | undefined;
    /** The pack settings; invalid settings fall back to defaults and carry the error to report. */
    settings(): {
        settings: Settings;
        error?: string;
    };
}
export declare const configStore: ConfigStore;
export declare function resolveProfile(settings: Settings, stackTags: ReadonlyMap<string, string> | undefined): Profile;
/** "profile: Invalid option …" style message naming each field and the policy it belongs to. */
export declare function formatZodError(error: z.ZodError, policy: string): string;
export declare function parseConfigureRequest(request: unknown): Map<string, PolicyConfig>;
/** Makes the pack keep every `Configure` request's config. Must run before `new PolicyPack(...)`. */
export declare function interceptConfigure(): void;
export {};
