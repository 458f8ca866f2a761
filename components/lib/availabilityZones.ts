import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** The region's available AZs that need no opt-in (Local and Wavelength Zones do). */
export function availableZoneNames(opts: pulumi.InvokeOutputOptions): pulumi.Output<string[]> {
    return aws.getAvailabilityZonesOutput({ state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] }, opts).names;
}
