// fast-check generators for malformed stacks: property bags of the right resource types filled
// with wrong types, nulls, empty and huge arrays, JSON strings that are not JSON, secrets and
// unknown values at any path, linked at random through dependencies and propertyDependencies.
//
// The property names come from where rules actually look: every path-like string literal in the
// rule and link-helper sources (so a new rule's properties are fuzzed without touching this file),
// plus the top-level property names of each type's *Args interface in @pulumi/aws.
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { specialArchiveSig, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { type JsonObject, type JsonValue, UNKNOWN_SENTINEL } from "../../preview/src/capture/values";

const REPO = path.resolve(__dirname, "..", "..");
const POLICY_SOURCES = [path.join(REPO, "policies", "rules"), path.join(REPO, "policies", "lib", "links")];

function tsFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? tsFiles(full) : e.name.endsWith(".ts") ? [full] : [];
    });
}

/** "redrivePolicy", "vpcConfig.subnetIds", "healthCheck.path": string literals that look like property paths. */
export function propertyPathsFromRuleSources(): string[] {
    return propertyPathsIn(POLICY_SOURCES.flatMap(tsFiles));
}

/** The path-like string literals of some source files (e.g. one rule's own file). */
export function propertyPathsIn(files: readonly string[]): string[] {
    const paths = new Set<string>();
    const literal = /["'`]([a-z][A-Za-z0-9]*(?:\.(?:[A-Za-z][A-Za-z0-9]*|\d+))*)["'`]/g;
    for (const file of files.filter((f) => fs.existsSync(f))) {
        for (const match of fs.readFileSync(file, "utf8").matchAll(literal)) {
            // Skip words that are clearly not property names (module specifiers, prose).
            if (match[1].length > 1 && match[1].length < 60) {
                paths.add(match[1]);
            }
        }
    }
    return [...paths].sort();
}

/** The source file of a rule, by the one-rule-per-file convention. */
export function ruleSourceFile(pillar: string, id: string): string {
    return path.join(REPO, "policies", "rules", pillar, `${id}.ts`);
}

const argsKeysCache = new Map<string, string[]>();

/** Top-level input property names of a type from @pulumi/aws's `<Name>Args` interface. */
export function argsKeysOf(type: string): string[] {
    let keys = argsKeysCache.get(type);
    if (keys) {
        return keys;
    }
    keys = [];
    const match = /^aws:([^/]+)\/([^:]+):(\w+)$/.exec(type);
    if (match) {
        const file = path.join(REPO, "node_modules", "@pulumi", "aws", match[1], `${match[2]}.d.ts`);
        if (fs.existsSync(file)) {
            const text = fs.readFileSync(file, "utf8");
            const start = text.indexOf(`export interface ${match[3]}Args {`);
            if (start >= 0) {
                const body = text.slice(start, text.indexOf("\n}", start));
                keys = [...body.matchAll(/^\s+readonly (\w+)\??:/gm)].map((m) => m[1]);
            }
        }
    }
    argsKeysCache.set(type, keys);
    return keys;
}

function secret(value: JsonValue): JsonObject {
    return { [specialSigKey]: specialSecretSig, value };
}

const NOT_JSON = ['{"deadLetterTargetArn":', "[1,2", "{'a': 1}", "undefined", "NaN", "{", "]", '{"a":1}}', "\u0000", "<xml/>", "null null"];
const ODD_STRINGS = ["", " ", "0", "-1", "30", "1e999", "true", "false", "null", "us-east-1a", "*", "$Latest", "arn:aws:sqs:us-east-1:123456789012:q", "arn:", "::", "a".repeat(20_000)];

/** Leaves: every primitive shape a property could wrongly have. */
export const leafArb: fc.Arbitrary<JsonValue> = fc.oneof(
    fc.constant(null),
    fc.constant(UNKNOWN_SENTINEL),
    fc.boolean(),
    fc.integer(),
    fc.constantFrom(0, -1, 1, 3, 30, 900, 1e308, -1e308, 0.5, Number.MAX_SAFE_INTEGER),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 40 }),
    fc.constantFrom(...ODD_STRINGS),
    fc.constantFrom(...NOT_JSON),
    fc.constant(JSON.stringify({ deadLetterTargetArn: UNKNOWN_SENTINEL, maxReceiveCount: "5" })),
    fc.constant(`{"deadLetterTargetArn":"${UNKNOWN_SENTINEL}",`),
);

/** Any value, nested: leaves, arrays (empty, huge, of unknowns), objects with property-like keys, secrets. */
export function valueArb(keys: readonly string[]): fc.Arbitrary<JsonValue> {
    const keyArb = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys.map((k) => k.split(".")[0])), fc.string({ maxLength: 12 })) : fc.string({ maxLength: 12 });
    const { value } = fc.letrec<{ value: JsonValue }>((tie) => ({
        value: fc.oneof(
            { depthSize: "small", withCrossShrink: true },
            { arbitrary: leafArb, weight: 6 },
            { arbitrary: fc.array(tie("value"), { maxLength: 4 }), weight: 2 },
            { arbitrary: fc.dictionary(keyArb, tie("value"), { maxKeys: 4 }) as fc.Arbitrary<JsonValue>, weight: 2 },
            { arbitrary: tie("value").map((v) => secret(v)), weight: 1 },
            // Fresh objects per value: bags are built by mutation, constants must not be shared.
            { arbitrary: fc.constant(null).map((): JsonValue => []), weight: 1 },
            { arbitrary: fc.constant(null).map((): JsonValue => ({})), weight: 1 },
            { arbitrary: fc.constant(null).map((): JsonValue => Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? UNKNOWN_SENTINEL : `subnet-${i}`))), weight: 1 },
            { arbitrary: fc.constant(null).map((): JsonValue => ({ [specialSigKey]: specialArchiveSig, path: "./dist/fn.zip" })), weight: 1 },
        ),
    }));
    return value;
}

function setPath(target: JsonObject, dotted: string, value: JsonValue): void {
    const parts = dotted.split(".");
    let current: JsonObject | JsonValue[] = target;
    for (let i = 0; i < parts.length - 1; i++) {
        const key = parts[i];
        const nextIsIndex = /^\d+$/.test(parts[i + 1]);
        const existing: JsonValue | undefined = Array.isArray(current) ? current[Number(key)] : current[key];
        let next: JsonObject | JsonValue[];
        if (existing !== null && typeof existing === "object") {
            next = existing as JsonObject | JsonValue[];
        } else {
            next = nextIsIndex ? [] : {};
            if (Array.isArray(current)) {
                current[Number(key)] = next;
            } else {
                current[key] = next;
            }
        }
        current = next;
    }
    const last = parts[parts.length - 1];
    if (Array.isArray(current)) {
        current[Number(last)] = value;
        // Holes are not representable on the wire.
        for (let i = 0; i < current.length; i++) {
            if (current[i] === undefined) {
                current[i] = null;
            }
        }
    } else {
        current[last] = value;
    }
}

/** A property bag for `type`: random values at rule-read paths and Args keys. */
export function propsArb(type: string, rulePaths: readonly string[], focusPaths: readonly string[] = []): fc.Arbitrary<JsonObject> {
    const keys = [...new Set([...rulePaths, ...argsKeysOf(type)])];
    const entry = fc.tuple(fc.constantFrom(...keys), valueArb(keys));
    // Besides random values, the unknown sentinel exactly at paths rules read (nested ones
    // included), preferably those of the rule under test.
    const unknownAt = fc.array(fc.constantFrom(...(focusPaths.length > 0 ? focusPaths : keys)), { maxLength: 2 });
    return fc.tuple(fc.array(entry, { maxLength: 8 }), unknownAt).map(([entries, unknownPaths]) => {
        const props: JsonObject = {};
        for (const [key, value] of entries) {
            // fast-check may hand the same value to several runs while shrinking; never mutate it.
            setPath(props, key, structuredClone(value));
        }
        for (const key of unknownPaths) {
            setPath(props, key, UNKNOWN_SENTINEL);
        }
        return props;
    });
}

/** One resource of a generated stack; links are indexes into the stack's resource list. */
export interface GeneratedResource {
    type: string;
    name: string;
    inputs: JsonObject;
    outputs: JsonObject;
    /** Index of the parent (a component), or undefined for the root stack. */
    parent?: number;
    dependencies: number[];
    propertyDependencies: Record<string, number[]>;
}

export interface StackShape {
    /** Types of the resources the rule under test judges. */
    subjectTypes: readonly string[];
    /** Types other rules judge: candidate link targets (queues, functions, subnets, …). */
    otherTypes: readonly string[];
    rulePaths: readonly string[];
    /** Paths the rule under test reads (its own source), where subjects get unknowns most. */
    focusPaths?: readonly string[];
}

const COMPONENT_TYPES = ["faultguard:aws:QueueWorker", "awsx:ec2:Vpc", "awsx:lb:ApplicationLoadBalancer", "my:component:Opaque"];

/**
 * A small stack around 1–3 subjects: other resources of link-target types and components, every
 * bag malformed at random, with random parents, dependencies and propertyDependencies (including
 * cycles and self-links), as no real program would produce but a broken one could.
 */
export function stackArb(shape: StackShape): fc.Arbitrary<GeneratedResource[]> {
    const resourceArb = (types: readonly string[], focus: readonly string[] = []) =>
        fc.constantFrom(...types).chain((type) =>
            fc.record({ type: fc.constant(type), inputs: propsArb(type, shape.rulePaths, focus), extraOutputs: propsArb(type, shape.rulePaths, focus) }),
        );
    const others = shape.otherTypes.length > 0 ? shape.otherTypes : shape.subjectTypes;
    return fc
        .tuple(
            fc.array(resourceArb(shape.subjectTypes, shape.focusPaths), { minLength: 1, maxLength: 2 }),
            fc.array(resourceArb(others), { maxLength: 3 }),
            fc.array(fc.constantFrom(...COMPONENT_TYPES), { maxLength: 2 }),
        )
        .chain(([subjects, neighbours, components]) => {
            const all = [
                ...components.map((type) => ({ type, inputs: {} as JsonObject, extraOutputs: {} as JsonObject })),
                ...subjects,
                ...neighbours,
            ];
            const n = all.length;
            const linkKeys = [...new Set([...shape.rulePaths.map((p) => p.split(".")[0]), "dependsOnly"])];
            const linksArb = fc.array(
                fc.record({
                    parent: fc.option(fc.nat({ max: Math.max(0, components.length - 1) }), { nil: undefined }),
                    deps: fc.array(fc.nat({ max: n - 1 }), { maxLength: 3 }),
                    propDeps: fc.dictionary(fc.constantFrom(...linkKeys), fc.array(fc.nat({ max: n - 1 }), { maxLength: 3 }), { maxKeys: 3 }),
                    outputsKnown: fc.boolean(),
                }),
                { minLength: n, maxLength: n },
            );
            return linksArb.map((links) =>
                all.map((r, i): GeneratedResource => {
                    const link = links[i];
                    const isComponent = i < components.length;
                    const identity: JsonObject = link.outputsKnown
                        ? { id: `id-${i}`, arn: `arn:aws:fuzz:us-east-1:123456789012:r${i}`, name: `r${i}`, arnSuffix: `app/r${i}/1`, url: `https://sqs/r${i}` }
                        : { id: UNKNOWN_SENTINEL, arn: UNKNOWN_SENTINEL, name: UNKNOWN_SENTINEL };
                    return {
                        type: r.type,
                        name: `r${i}`,
                        inputs: r.inputs,
                        outputs: isComponent ? {} : { ...identity, ...r.inputs, ...r.extraOutputs },
                        parent: components.length > 0 && !isComponent && link.parent !== undefined ? link.parent : undefined,
                        dependencies: link.deps,
                        propertyDependencies: link.propDeps,
                    };
                }),
            );
        });
}
