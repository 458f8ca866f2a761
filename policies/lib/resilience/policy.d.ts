import { z } from "zod";
import { type Profile } from "../rule";
import { type DisruptionCategory, type Miss, type Verdict } from "./model";
import { type Estimate } from "./recovery";
export declare const resiliencyPolicySchema: z.ZodObject<{
    application: z.ZodOptional<z.ZodObject<{
        rtoSeconds: z.ZodOptional<z.ZodNumber>;
        rpoSeconds: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>>;
    infrastructure: z.ZodOptional<z.ZodObject<{
        rtoSeconds: z.ZodOptional<z.ZodNumber>;
        rpoSeconds: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>>;
    az: z.ZodOptional<z.ZodObject<{
        rtoSeconds: z.ZodOptional<z.ZodNumber>;
        rpoSeconds: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>>;
    region: z.ZodOptional<z.ZodObject<{
        rtoSeconds: z.ZodOptional<z.ZodNumber>;
        rpoSeconds: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>>;
}, z.core.$strict>;
export declare const resiliencyConfigSchema: z.ZodObject<{
    policy: z.ZodOptional<z.ZodObject<{
        application: z.ZodOptional<z.ZodObject<{
            rtoSeconds: z.ZodOptional<z.ZodNumber>;
            rpoSeconds: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
        infrastructure: z.ZodOptional<z.ZodObject<{
            rtoSeconds: z.ZodOptional<z.ZodNumber>;
            rpoSeconds: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
        az: z.ZodOptional<z.ZodObject<{
            rtoSeconds: z.ZodOptional<z.ZodNumber>;
            rpoSeconds: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
        region: z.ZodOptional<z.ZodObject<{
            rtoSeconds: z.ZodOptional<z.ZodNumber>;
            rpoSeconds: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
    }, z.core.$strict>>;
}, z.core.$strict>;
export type ResiliencyPolicy = z.infer<typeof resiliencyPolicySchema>;
export declare const PROFILE_POLICIES: Readonly<Record<Profile, ResiliencyPolicy>>;
export declare function policyFor(config: z.infer<typeof resiliencyConfigSchema>, profile: Profile): ResiliencyPolicy;
/** How an estimate compares with a target: met, certainly missed, or not confirmable from sourced figures. */
export declare function judge(estimate: Estimate, target: number): "met" | "certain" | "unconfirmed";
/** Every target a verdict misses under `policy`. */
export declare function missesOf(verdict: Verdict, category: DisruptionCategory, policy: ResiliencyPolicy, profile: Profile): Miss[];
