// What a target group's health check does, from its inputs as the engine analyzes them.
//
// The AWS provider treats a declared `healthCheck` block and an absent one differently, and so must
// every rule that reasons about detection time:
// - Declared: the provider's Check fills the Terraform schema defaults into the block (enabled true,
//   interval 30, healthyThreshold 3, unhealthyThreshold 3) before Analyze, and sends them to AWS on
//   create. `faultguard preview` fills the same (preview/src/capture/provider-defaults.ts, tested
//   against the package), so a declared block reaches rules complete; TERRAFORM_BLOCK_DEFAULTS only
//   covers a block read without that step.
// - Absent: the provider sends no health-check settings and AWS applies its CreateTargetGroup
//   defaults after create (API reference, HealthCheckIntervalSeconds / UnhealthyThresholdCount /
//   HealthyThresholdCount / HealthCheckEnabled): interval 30 s (GENEVE 10, lambda 35), 2 failures to
//   mark a target unhealthy (lambda 5), 5 successes to mark it healthy; checks are on, except for
//   lambda targets, where they are off until enabled.
import { z } from "zod";
import { asNumber, isRecord } from "./values";
import { type ResourceView } from "./resource";

export interface HealthCheckTiming {
    /** Whether a `healthCheck` block is declared (else AWS's own defaults apply). */
    declared: boolean;
    enabled: boolean;
    intervalSeconds: number;
    unhealthyThreshold: number;
    /** Undefined when unknown during preview (detection time does not depend on it). */
    healthyThreshold: number | undefined;
    /** The properties (under `healthCheck.`) that came from a default, not from the program. */
    defaulted: string[];
}

/** The provider's Terraform schema defaults for a declared block (terraform-provider-aws internal/service/elbv2/target_group.go). */
export const TERRAFORM_BLOCK_DEFAULTS = { enabled: true, interval: 30, unhealthyThreshold: 3, healthyThreshold: 3 } as const;

/** AWS's CreateTargetGroup defaults when no health-check settings are sent. */
export function awsDefaultsWithoutBlock(targetType: string | undefined, protocol: string | undefined): { enabled: boolean; interval: number; unhealthyThreshold: number; healthyThreshold: number } {
    if (targetType === "lambda") {
        return { enabled: false, interval: 35, unhealthyThreshold: 5, healthyThreshold: 5 };
    }
    return { enabled: true, interval: protocol === "GENEVE" ? 10 : 30, unhealthyThreshold: 2, healthyThreshold: 5 };
}

/**
 * The effective health-check timing of a target group, or `{ known: false, path }` when the block
 * (or a value in it that matters) is unknown during preview.
 */
export function healthCheckTiming(tg: ResourceView): ({ known: true } & HealthCheckTiming) | { known: false; path: string } {
    const read = tg.read("healthCheck");
    if (!read.known) {
        return { known: false, path: read.path };
    }
    const block = isRecord(read.value) ? read.value : undefined;
    const defaults = block ? TERRAFORM_BLOCK_DEFAULTS : awsDefaultsWithoutBlock(tg.string("targetType"), tg.string("protocol"));
    const defaulted: string[] = [];
    const pick = <K extends "interval" | "unhealthyThreshold" | "healthyThreshold">(key: K): number | undefined => {
        const at = tg.read(`healthCheck.${key}`);
        if (!at.known) {
            return undefined;
        }
        const n = asNumber(at.value);
        if (n === undefined) {
            defaulted.push(key);
        }
        return n ?? defaults[key];
    };
    const enabledRead = tg.read("healthCheck.enabled");
    if (!enabledRead.known) {
        return { known: false, path: "healthCheck.enabled" };
    }
    const intervalSeconds = pick("interval");
    const unhealthyThreshold = pick("unhealthyThreshold");
    const healthyThreshold = pick("healthyThreshold");
    if (intervalSeconds === undefined || unhealthyThreshold === undefined) {
        return { known: false, path: `healthCheck.${intervalSeconds === undefined ? "interval" : "unhealthyThreshold"}` };
    }
    const enabled = typeof enabledRead.value === "boolean" ? enabledRead.value : defaults.enabled;
    if (typeof enabledRead.value !== "boolean") {
        defaulted.push("enabled");
    }
    return { known: true, declared: block !== undefined, enabled, intervalSeconds, unhealthyThreshold, healthyThreshold, defaulted };
}

/** The config of every rule that judges detection time (tg-health-check-explicit, awsx-lb-health-check). */
export const detectionConfig = z.object({
    maxDetectionSeconds: z
        .number()
        .int()
        .min(10)
        .max(3600)
        .default(150)
        .describe("Longest time (unhealthyThreshold × interval, seconds) a failed target may keep receiving traffic."),
});

/** What a target group's health check means for detection: each rule words the finding for its resource. */
export type Detection =
    | { kind: "lambda" }
    | { kind: "unknown"; path: string }
    | { kind: "disabled" }
    | { kind: "slow"; seconds: number; timing: HealthCheckTiming }
    | { kind: "in-time" };

/** Judges how long a failed target keeps receiving traffic against `maxDetectionSeconds`. */
export function detection(tg: ResourceView, maxDetectionSeconds: number): Detection {
    if (tg.string("targetType") === "lambda") {
        return { kind: "lambda" };
    }
    const timing = healthCheckTiming(tg);
    if (!timing.known) {
        return { kind: "unknown", path: timing.path };
    }
    if (!timing.enabled) {
        return { kind: "disabled" };
    }
    const seconds = timing.intervalSeconds * timing.unhealthyThreshold;
    return seconds > maxDetectionSeconds ? { kind: "slow", seconds, timing } : { kind: "in-time" };
}
