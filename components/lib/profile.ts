import { z } from "zod";

/**
 * `production` (the default) is redundant and protected: one NAT gateway per AZ, Multi-AZ
 * databases with deletion protection and final snapshots, at least two tasks/instances spread over
 * at least two AZs, load balancers with deletion protection.
 *
 * `development` is cheaper and deliberately NOT fault tolerant: one shared NAT gateway, a single-AZ
 * database without deletion protection or final snapshot and 1-day backups, one task/instance,
 * no load balancer deletion protection. Alarms, health checks, timeouts, DLQs, encryption and
 * least-privilege IAM stay on in both profiles. The policy pack's `development` profile makes
 * redundancy rules advisory so such stacks still pass.
 */
export const profileSchema = z.enum(["production", "development"], 'must be "production" (default) or "development"');
export type Profile = z.infer<typeof profileSchema>;

export const DEFAULT_PROFILE: Profile = "production";

export function isProduction(profile: Profile | undefined): boolean {
    return (profile ?? DEFAULT_PROFILE) === "production";
}

/**
 * How many instances or tasks to run when the caller does not say: in production one per AZ and at
 * least two (so losing an AZ or an instance leaves capacity), in development one.
 */
export function defaultRedundantCount(explicit: number | undefined, production: boolean, azCount: number | undefined): number {
    return explicit ?? (production ? Math.max(2, azCount ?? 2) : 1);
}
