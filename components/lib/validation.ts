// Argument validation shared by every component: zod schemas over the plain part of the args,
// one error listing every problem, thrown before a single child resource is registered.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/** One problem with a component's args: the dotted field path and what to change. */
export interface ArgsProblem {
    readonly path: string;
    readonly message: string;
}

/**
 * Thrown by a component constructor when its args are invalid. It lists every problem at once, each
 * with the field path and the fix, and is thrown before any resource (not even the component
 * itself) has been registered, so nothing is half-created.
 */
export class ComponentArgsError extends Error {
    override readonly name = "ComponentArgsError";

    constructor(
        readonly componentType: string,
        readonly resourceName: string,
        readonly problems: readonly ArgsProblem[],
    ) {
        super(
            `invalid arguments for ${componentType} "${resourceName}" (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `  - ${p.path || "(args)"}: ${p.message}`).join("\n"),
        );
    }
}

/** True for values that are only known at deployment time (Outputs and promises). */
export function isDeferred(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/**
 * Schema for a `pulumi.Input<T>`: a plain value is checked against `plain`; an Output or a promise
 * cannot be checked at construction and passes (components guard such values with `apply`).
 */
export function input<S extends z.ZodType>(plain: S): z.ZodType<pulumi.Input<z.output<S>>> {
    return z.custom<pulumi.Input<z.output<S>>>(() => true).superRefine((value, ctx) => {
        if (isDeferred(value)) return;
        const result = plain.safeParse(value);
        if (!result.success) {
            for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
        }
    });
}

/**
 * Schema for a list of inputs (e.g. subnet IDs). A plain array is checked for its length and for
 * duplicate plain elements even when its elements are Outputs; an `Output<string[]>` passes.
 */
export function inputList(opts: { min: number; minMessage: string; duplicateMessage: string }): z.ZodType<pulumi.Input<pulumi.Input<string>[]>> {
    return z.custom<pulumi.Input<pulumi.Input<string>[]>>(() => true).superRefine((value, ctx) => {
        if (isDeferred(value)) return;
        if (!Array.isArray(value)) {
            ctx.addIssue({ code: "custom", message: "must be a list of strings (or an Output of one)" });
            return;
        }
        if (value.length < opts.min) ctx.addIssue({ code: "custom", message: `${opts.minMessage} (got ${value.length})` });
        const plain = value.filter((v): v is string => typeof v === "string");
        const duplicates = plain.filter((v, i) => plain.indexOf(v) !== i);
        if (duplicates.length > 0) ctx.addIssue({ code: "custom", message: `${opts.duplicateMessage} (duplicates: ${[...new Set(duplicates)].join(", ")})` });
        value.forEach((v, i) => {
            if (!isDeferred(v) && (typeof v !== "string" || v.length === 0)) {
                ctx.addIssue({ code: "custom", message: "must be a non-empty string", path: [i] });
            }
        });
    });
}

function describe(issue: z.core.$ZodIssue): string {
    if (issue.code === "unrecognized_keys") {
        return `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => `"${k}"`).join(", ")}; check the spelling against the args interface`;
    }
    if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
    return issue.message;
}

/**
 * Validates `args` against `schema`. Returns the parsed args (with schema defaults applied) or
 * throws one ComponentArgsError listing every problem by field path.
 */
export function validateArgs<S extends z.ZodType>(schema: S, args: unknown, componentType: string, resourceName: string): z.output<S> {
    const result = schema.safeParse(args ?? {});
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: describe(issue) }));
    throw new ComponentArgsError(componentType, resourceName, problems);
}

/**
 * Guards a value only known at deployment time: `check` returns the problems (empty when fine);
 * any problem fails the deployment with the same error format as construction-time validation.
 */
export function guardDeferred<T>(
    value: pulumi.Input<T>,
    componentType: string,
    resourceName: string,
    check: (resolved: pulumi.Unwrap<T>) => ArgsProblem[],
): pulumi.Output<pulumi.Unwrap<T>> {
    return pulumi.output(value).apply((resolved) => {
        const problems = check(resolved);
        if (problems.length > 0) throw new ComponentArgsError(componentType, resourceName, problems);
        return resolved;
    });
}

/**
 * Options for a cross-field `superRefine`: run it even when other fields have problems (so one
 * error lists every problem), but only when the fields it reads (dotted paths) parsed cleanly.
 */
export function whenValid(...fields: string[]): { when: (payload: z.core.ParsePayload) => boolean } {
    const reads = fields.map((f) => f.split("."));
    const touches = (path: readonly PropertyKey[]) => reads.some((field) => field.every((key, i) => i >= path.length || String(path[i]) === key));
    return {
        when: (payload) => typeof payload.value === "object" && payload.value !== null && payload.issues.every((issue) => (issue.path ?? []).length === 0 || !touches(issue.path ?? [])),
    };
}
