// The example stack's configuration: one zod schema over the stack config file
// (stacks/Pulumi.<stack>.yaml), checked before a single resource is registered. A missing, misspelt
// or invalid key stops the program with ONE error that lists every problem by its config key, with
// the fix (`pulumi config set ...`).
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/** The project name in Pulumi.yaml: the namespace of this stack's own config keys. */
export const PROJECT = "faultguard-example";

/** Keys under `faultguard-example:`. Every field has a default except `profile`. */
export const stackConfigSchema = z
    .strictObject({
        /** `production`: redundant and protected. `development`: cheaper, not redundant (see components/lib/profile.ts). */
        profile: z.enum(["production", "development"], 'must be "production" or "development"'),
        /** Extra tags on every resource (on top of the components' own). */
        tags: z.record(z.string().min(1), z.string()).default({}),
        // Every other key is optional: left out, the component's own default applies (see README).
        network: z
            .strictObject({
                cidrBlock: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'must be an IPv4 CIDR block such as "10.0.0.0/16"').optional(),
                availabilityZoneCount: z.number().int().min(2, "must be at least 2 (3 recommended)").max(6, "must be at most 6").optional(),
            })
            .default({}),
        web: z
            .strictObject({
                instanceTypes: z.array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9]+$/, 'must be EC2 instance types such as "m7i.large"')).min(1).optional(),
                minSize: z.number().int().min(1, "must be at least 1").optional(),
                maxSize: z.number().int().min(1, "must be at least 1").optional(),
                /** ACM certificate for HTTPS (recommended). Without it the load balancer serves plain HTTP. */
                certificateArn: z.string().startsWith("arn:", "must be an ACM certificate ARN (arn:aws:acm:...)").optional(),
                /** Port the application listens on, on each instance. */
                port: z.number().int().min(1).max(65535, "must be a TCP port").default(8080),
            })
            .default({ port: 8080 }),
        database: z
            .strictObject({
                engine: z.enum(["postgres", "mysql"], 'must be "postgres" or "mysql"').default("postgres"),
                instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an RDS instance class such as "db.m7g.large"').optional(),
                allocatedStorageGb: z.number().int().min(20, "must be at least 20 GiB").max(65536, "must be at most 65536 GiB").optional(),
                readReplicas: z.number().int().min(0).max(5, "must be 0–5").optional(),
            })
            .default({ engine: "postgres" }),
        worker: z
            .strictObject({
                runtime: z.enum(["nodejs20.x", "nodejs22.x"], 'must be "nodejs20.x" or "nodejs22.x"').default("nodejs20.x"),
                timeoutSeconds: z.number().int().min(1, "must be 1–900 seconds").max(900, "must be 1–900 seconds").optional(),
                reservedConcurrency: z.number().int().min(2, "must be at least 2").max(1000, "must be at most 1000").optional(),
            })
            .default({ runtime: "nodejs20.x" }),
    })
    .superRefine((config, ctx) => {
        const { minSize, maxSize } = config.web;
        if (minSize !== undefined && maxSize !== undefined && maxSize < minSize) {
            ctx.addIssue({ code: "custom", path: ["web", "maxSize"], message: `(${maxSize}) is below web.minSize (${minSize}); raise it to at least ${minSize}` });
        }
    });

export type StackConfig = z.output<typeof stackConfigSchema> & { region: string };

/** Thrown when the stack config is invalid; a RunError, so Pulumi prints the message without a stack trace. */
export class StackConfigError extends pulumi.RunError {
    override readonly name = "StackConfigError";
}

function plain(value: string): unknown {
    // Pulumi hands every config value over as a string; structured values (objects, lists,
    // numbers, booleans) are their JSON text.
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

/** How to fix the problem at `key`: a `pulumi config` command, or where the key is misspelt. */
function fix(key: string, issue: z.core.$ZodIssue, stack: string): string {
    if (issue.code === "unrecognized_keys") {
        return `remove it from stacks/Pulumi.${stack}.yaml or fix the spelling (known keys here: ${knownKeys(key)})`;
    }
    const value = key === "profile" ? "production" : "<value>";
    const path = key.includes(".") ? "--path " : "";
    return `pulumi config set ${path}'${PROJECT}:${key}' ${value} --stack ${stack}`;
}

function knownKeys(key: string): string {
    const parent = key.includes(".") ? key.slice(0, key.lastIndexOf(".")) : "";
    let shape: z.ZodType = stackConfigSchema;
    for (const part of parent.split(".").filter(Boolean)) {
        const inner = unwrapObject(shape);
        shape = inner?.shape[part] ?? shape;
    }
    const obj = unwrapObject(shape);
    return obj ? Object.keys(obj.shape).join(", ") : "";
}

function unwrapObject(schema: z.ZodType): z.ZodObject | undefined {
    let current: z.ZodType = schema;
    while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
    return current instanceof z.ZodObject ? current : undefined;
}

function valueAt(value: unknown, keys: readonly PropertyKey[]): unknown {
    return keys.reduce<unknown>((v, k) => (typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);
}

function describe(issue: z.core.$ZodIssue, own: Record<string, unknown>): string {
    if (issue.code === "unrecognized_keys") return "is not a known key";
    if (issue.code !== "custom" && valueAt(own, issue.path) === undefined) return "is required";
    return issue.message;
}

/**
 * Validates the stack's config (`raw`: every config key, as `pulumi.runtime.allConfig()` returns
 * it) and returns it typed, with defaults applied; throws one StackConfigError otherwise.
 */
export function parseStackConfig(raw: Record<string, string>, stack: string): StackConfig {
    const own: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
        if (key.startsWith(`${PROJECT}:`)) own[key.slice(PROJECT.length + 1)] = plain(value);
    }
    const problems: string[] = [];
    const region = raw["aws:region"];
    if (region === undefined || region === "") {
        problems.push(`aws:region is required; fix: pulumi config set aws:region eu-west-1 --stack ${stack}`);
    }
    const result = stackConfigSchema.safeParse(own);
    if (!result.success) {
        for (const issue of result.error.issues) {
            const keys = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path.map(String), k].join(".")) : [issue.path.map(String).join(".")];
            for (const key of keys) {
                problems.push(`${PROJECT}:${key} ${describe(issue, own)}; fix: ${fix(key, issue, stack)}`);
            }
        }
    }
    if (!result.success || region === undefined || problems.length > 0) {
        throw new StackConfigError(
            `invalid stack config for stack "${stack}" (stacks/Pulumi.${stack}.yaml), ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
                problems.map((p) => `  - ${p}`).join("\n"),
        );
    }
    return { ...result.data, region };
}

/** The current stack's config, validated. */
export function loadStackConfig(): StackConfig {
    return parseStackConfig(pulumi.runtime.allConfig(), pulumi.getStack());
}
