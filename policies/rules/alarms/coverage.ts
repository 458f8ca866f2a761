// Shared by the "resource has an alarm" rules: turns a coverage verdict into findings.
import { z } from "zod";
import { type AlarmCoverage } from "../../lib/links/alarms";
import { unresolvable, violation, type Finding } from "../../lib/rule";

/** The config every "has an alarm" rule takes: which metric names count. */
export function metricsConfig(defaults: readonly string[], what: string) {
    return z.object({
        metrics: z
            .array(z.string().min(1))
            .min(1)
            .default([...defaults])
            .describe(`CloudWatch metric names an alarm on ${what} may watch to count (any one suffices).`),
    });
}

/** Findings for a coverage verdict; `fix` is the sentence saying what alarm to add. */
export function coverageFindings(coverage: AlarmCoverage, fix: string): Finding[] {
    switch (coverage.verdict) {
        case "pass":
            return [];
        case "unknown":
            return [unresolvable(coverage.property, coverage.detail)];
        case "fail":
            return [violation(`${coverage.message}; ${fix}`)];
    }
}
