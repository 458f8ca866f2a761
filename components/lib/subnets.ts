import * as pulumi from "@pulumi/pulumi";
import { type ArgsProblem, ComponentArgsError, inputList } from "./validation";

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
 * The subnet list as the component passes it on. A plain list was checked by the schema and is
 * passed as is; an Output of a list fails the deployment with a ComponentArgsError, when it
 * resolves, unless it has at least `min` distinct subnets and `check` finds no problem.
 */
export function guardedSubnetIds(
    ids: pulumi.Input<pulumi.Input<string>[]>,
    min: number,
    field: string,
    component: { type: string; name: string },
    check: (resolved: string[]) => ArgsProblem[] = () => [],
): pulumi.Input<pulumi.Input<string>[]> {
    if (Array.isArray(ids)) return ids;
    return pulumi.output(ids).apply((resolved) => {
        const distinct = new Set(resolved).size;
        if (distinct < min) {
            throw new ComponentArgsError(component.type, component.name, [
                { path: field, message: `needs subnets in at least ${min} availability zones (got ${distinct}); pass one subnet per AZ` },
            ]);
        }
        const problems = check(resolved);
        if (problems.length > 0) throw new ComponentArgsError(component.type, component.name, problems);
        return resolved;
    });
}
