import * as pulumi from "@pulumi/pulumi";
import { ComponentArgsError, inputList } from "./validation";

/** A list of subnet IDs as callers pass them: plain or Output elements, or an Output of the list. */
export type SubnetIds = pulumi.Input<string>[] | pulumi.Output<string[]>;

/** Schema for one-subnet-per-AZ lists. `purpose` says what the subnets are for, in the fix. */
export function subnetListSchema(min: number, tier: "public" | "private", purpose: string) {
    return inputList({
        min,
        minMessage: `needs subnets in at least ${min} availability zones; pass one ${tier} subnet per AZ (${purpose})`,
        duplicateMessage: "lists the same subnet twice; pass one subnet per AZ",
    });
}

/** The number of subnets when the list itself is plain (its elements may be Outputs); else undefined. */
export function knownCount(ids: SubnetIds): number | undefined {
    return Array.isArray(ids) ? ids.length : undefined;
}

/**
 * The subnet list as an Output; when the list is only known at deployment time, fails the
 * deployment with a ComponentArgsError unless it has at least `min` distinct subnets.
 */
export function guardedSubnetIds(ids: SubnetIds, min: number, field: string, componentType: string, resourceName: string): pulumi.Output<string[]> {
    if (Array.isArray(ids)) return pulumi.output(ids);
    return ids.apply((resolved) => {
        const distinct = new Set(resolved).size;
        if (distinct < min) {
            throw new ComponentArgsError(componentType, resourceName, [
                { path: field, message: `needs subnets in at least ${min} availability zones (got ${distinct}); pass one subnet per AZ` },
            ]);
        }
        return resolved;
    });
}
