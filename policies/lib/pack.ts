// Turns rule definitions into CrossGuard policies.
//
// Every rule is its own policy: Pulumi shows, configures and enforces each one by name. The code
// of all of them runs in ONE policy, `faultguard-settings`: per resource in `Analyze` (the resource
// rules for that type) and once in `AnalyzeStack` (the cross-resource rules, over one graph).
// `@pulumi/policy` deserializes every resource again for each policy that runs on it, so sharing
// one dispatcher keeps both passes linear in resources and nearly flat in rules.
import {
    type EnforcementLevel as PulumiEnforcementLevel,
    type Policy,
    type ReportViolation as SdkReportViolation,
    type ResourceValidationArgs,
    type ResourceValidationPolicy,
    type StackValidationArgs,
    type StackValidationPolicy,
} from "@pulumi/policy";
import { z } from "zod";
import { findExemption } from "./exemptions";
import { StackGraph, type PolicyResourceLike } from "./graph";
import { asDiagnosticReporter, type Diagnostic, type ReportDiagnostic } from "./policy-sdk";
import { readsStructure, ResourceView, UnresolvableError } from "./resource";
import { type EnforcementLevel, type Finding, type Profile, type ResourceRule, type Rule, shownByDefault } from "./rule";
import { scrubberFor, secretStore } from "./secrets";
import { configStore, formatZodError, SETTINGS_POLICY, settingsSchema, type Settings } from "./settings";
import { unwrapProps } from "./values";
import { encodeFinding, ruleTags, type WireFinding } from "./wire";

export type { Diagnostic, ReportDiagnostic };

/** JSON Schema of a zod object in the shape Pulumi's `configSchema` takes. */
export function toConfigSchema(schema: z.ZodObject): Policy["configSchema"] {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
        properties?: Record<string, unknown>;
        required?: string[];
    };
    return {
        properties: (json.properties ?? {}) as NonNullable<Policy["configSchema"]>["properties"],
        ...(json.required && json.required.length > 0 ? { required: json.required } : {}),
    };
}

/** A rule's level in a profile: opt-in rules are off except under `thorough`. */
export function profileLevel(rule: Rule, profile: Profile): EnforcementLevel {
    if (!shownByDefault(rule) && profile !== "thorough") {
        return "disabled";
    }
    return profile === "development" ? rule.enforcement.development ?? rule.enforcement.production : rule.enforcement.production;
}

/**
 * The level a finding of `rule` is reported at. The pack advertised `profile`'s levels, so the
 * engine's config holds the user's level or that same default: whatever is configured applies.
 */
export function effectiveLevel(rule: Rule, configured: EnforcementLevel | undefined, profile: Profile): EnforcementLevel {
    return configured ?? profileLevel(rule, profile);
}

interface Pass {
    settings: Settings;
    profile: Profile;
    report: ReportDiagnostic;
    today: string;
    /** Hides the secrets of the resources this pass judges from a finding's text. */
    scrub: (text: string) => string;
}

const parsedConfigs = new WeakMap<object, Map<string, { ok: true; value: unknown } | { ok: false; error: string }>>();
const EMPTY: Record<string, unknown> = {};

function ruleConfig(rule: Rule, raw: Record<string, unknown> | undefined): { ok: true; value: unknown } | { ok: false; error: string } {
    const key = raw ?? EMPTY;
    let cache = parsedConfigs.get(key);
    if (!cache) {
        cache = new Map();
        parsedConfigs.set(key, cache);
    }
    let hit = cache.get(rule.id);
    if (!hit) {
        hit = unknownConfigKeys(rule, key);
    }
    if (!hit) {
        const parsed = rule.config.safeParse(key);
        hit = parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: formatZodError(parsed.error, rule.id) };
        cache.set(rule.id, hit);
    }
    return hit;
}

/**
 * A key the rule does not define (a misspelt threshold) would otherwise be dropped and the default
 * used in silence; the engine does not reject it (configSchema has no additionalProperties).
 */
function unknownConfigKeys(rule: Rule, raw: Record<string, unknown>): { ok: false; error: string } | undefined {
    const known = Object.keys(rule.config.shape);
    const unknown = Object.keys(raw).filter((k) => !known.includes(k));
    if (unknown.length === 0) {
        return undefined;
    }
    const list = (keys: string[]) => keys.map((k) => `"${k}"`).join(", ");
    return {
        ok: false,
        error: `invalid config for policy "${rule.id}": unknown ${unknown.length === 1 ? "key" : "keys"} ${list(unknown)}; ${known.length > 0 ? `its keys are ${list(known)}` : "it takes no properties"}.`,
    };
}

/** A check's outcome, or the framework's note that the check itself threw. */
type Outcome = Finding | { kind: "rule-error"; detail: string; urn?: string };

/** A check's outcomes, and whether it read a structure rendering (see readsStructure). */
interface CheckRun {
    outcomes: Outcome[];
    readStructure: boolean;
}

function runCheck(rule: Rule, subject: ResourceView, call: () => Finding[] | void): CheckRun {
    try {
        const run = readsStructure(call);
        return { outcomes: run.result ?? [], readStructure: run.readStructure };
    } catch (e) {
        if (e instanceof UnresolvableError) {
            return { outcomes: [{ kind: "unresolvable", property: e.property, detail: e.detail }], readStructure: false };
        }
        // A bug in the rule: name the rule and the exception. It keeps the rule's level, so a crashing
        // mandatory rule fails the run unless the user configured the rule's level otherwise.
        const message = e instanceof Error ? `${e.name}: ${e.message}` : `thrown value ${String(e)}`;
        return { outcomes: [{ kind: "rule-error", detail: `${rule.id} failed on ${subject.type} ${subject.name}: ${message}` }], readStructure: false };
    }
}

function toWire(f: Outcome, fromStructure: boolean): WireFinding {
    switch (f.kind) {
        case "violation":
            return fromStructure ? { kind: "violation", text: f.message, fromStructure } : { kind: "violation", text: f.message };
        case "unresolvable":
            return {
                kind: "could-not-evaluate",
                text: `${f.property} is unknown during preview${f.detail ? ` (${f.detail})` : ""}; the rule decides once the value is known`,
            };
        case "rule-error":
            return { kind: "rule-error", text: f.detail };
    }
}

function reportFindings(rule: Rule, subject: ResourceView, run: CheckRun, level: EnforcementLevel, pass: Pass): void {
    // Every finding carries its rule's severity and description in the diagnostic's own fields.
    const meta = { name: rule.id, severity: rule.severity, description: rule.description };
    if (run.readStructure && run.outcomes.length === 0) {
        // Decided, and passed, on a document whose IDs are unknown: say so (offline only, see wire.ts).
        pass.report({ ...meta, urn: subject.urn, enforcementLevel: "advisory", message: encodeFinding({ kind: "structure-pass", text: `${subject.type} ${subject.name}` }) });
        return;
    }
    for (const f of run.outcomes) {
        const urn = f.urn ?? subject.urn;
        // Every text a finding carries is scrubbed here, before it is encoded: whatever a rule quoted.
        const wire = toWire(f, run.readStructure);
        const finding = { ...wire, text: pass.scrub(wire.text) };
        const ex = findExemption(rule.id, subject, pass.settings.exemptions, pass.today);
        if (ex.status === "active") {
            const exemption = { reason: pass.scrub(ex.reason), expires: ex.expires, source: ex.source };
            pass.report({ ...meta, urn, enforcementLevel: "advisory", message: encodeFinding({ kind: "exempted", text: encodeFinding(finding), exemption }) });
            continue;
        }
        const text = encodeFinding(finding);
        const message =
            ex.status === "expired"
                ? `${text} (exemption expired on ${ex.expires}: ${pass.scrub(ex.reason)})`
                : ex.status === "rejected"
                  ? `${text} (exemption not applied: ${ex.source}: ${pass.scrub(ex.problem)})`
                  : text;
        // Violations and rule errors carry the rule's level; a could-not-evaluate is advisory (the
        // preview cannot decide it).
        const reported: PulumiEnforcementLevel = f.kind === "unresolvable" ? "advisory" : (level as PulumiEnforcementLevel);
        pass.report({ ...meta, urn, enforcementLevel: reported, message });
    }
}

function startPass(report: ReportDiagnostic, scrub: Pass["scrub"]): Pass {
    const pass = startPassQuiet(report, scrub);
    for (const message of [...configStore.settings().errors, ...configStore.profile().errors]) {
        report({ name: SETTINGS_POLICY, enforcementLevel: "mandatory", message });
    }
    return pass;
}

/** Level for this rule in this pass, or undefined when disabled; reports invalid rule config. */
function prepare(rule: Rule, pass: Pass): { level: EnforcementLevel; config: unknown } | undefined {
    const configured = configStore.policy(rule.id);
    const level = effectiveLevel(rule, configured?.enforcementLevel, pass.profile);
    if (level === "disabled") {
        return undefined;
    }
    const parsed = ruleConfig(rule, configured?.properties);
    if (!parsed.ok) {
        pass.report({ name: rule.id, severity: rule.severity, description: rule.description, enforcementLevel: "mandatory", message: parsed.error });
        return undefined;
    }
    return { level, config: parsed.value };
}

/** Resource rules by the type tokens they judge. */
export function indexResourceRules(rules: readonly Rule[]): Map<string, ResourceRule[]> {
    const byType = new Map<string, ResourceRule[]>();
    for (const rule of rules) {
        if (rule.scope !== "resource") {
            continue;
        }
        for (const type of rule.resourceTypes) {
            const list = byType.get(type) ?? [];
            list.push(rule);
            byType.set(type, list);
        }
    }
    return byType;
}

/**
 * Evaluates every resource rule that judges `view`'s type. Exported for tests and the benchmark.
 * One call per resource, whatever the number of rules: `@pulumi/policy` deserializes a resource
 * once per policy that runs on it, so the rules share one dispatcher instead of one policy each.
 */
export function evaluateResource(
    rulesByType: ReadonlyMap<string, readonly ResourceRule[]>,
    view: ResourceView,
    report: ReportDiagnostic,
): void {
    const rules = rulesByType.get(view.type);
    if (!rules) {
        return;
    }
    const pass = startPassQuiet(report, scrubberFor([view]));
    for (const rule of rules) {
        const prepared = prepare(rule, pass);
        if (!prepared) {
            continue;
        }
        const run = runCheck(rule, view, () => rule.check(view, { config: prepared.config as never, profile: pass.profile }));
        reportFindings(rule, view, run, prepared.level, pass);
    }
}

/** Like startPass, but settings errors are reported once per stack pass, not per resource. */
function startPassQuiet(report: ReportDiagnostic, scrub: Pass["scrub"]): Pass {
    return { settings: configStore.settings().settings, profile: configStore.profile().profile, report, today: new Date().toISOString().slice(0, 10), scrub };
}

function policyInfo(rule: Rule): Omit<Policy, "enforcementLevel"> & { readonly enforcementLevel: PulumiEnforcementLevel } {
    return {
        name: rule.id,
        displayName: rule.title,
        description: rule.description,
        // Read at every GetAnalyzerInfo (protoutil.js makeAnalyzerInfo): the stack's profile's level.
        get enforcementLevel() {
            return profileLevel(rule, configStore.advertisedProfile) as PulumiEnforcementLevel;
        },
        severity: rule.severity,
        configSchema: toConfigSchema(rule.config),
        remediationSteps: rule.remediation,
        tags: ruleTags(rule),
    };
}

/** Evaluates every stack rule over one graph. Exported for tests and the benchmark. */
export function evaluateStack(rules: readonly Rule[], graph: StackGraph, report: ReportDiagnostic): void {
    const pass = startPass(report, scrubberFor(graph.resources));
    for (const rule of rules) {
        if (rule.scope !== "stack") {
            continue;
        }
        const prepared = prepare(rule, pass);
        if (!prepared) {
            continue;
        }
        const ctx = { config: prepared.config as never, profile: pass.profile, graph };
        for (const subject of graph.ofType(...rule.resourceTypes)) {
            const run = runCheck(rule, subject, () => rule.check(subject, ctx));
            reportFindings(rule, subject, run, prepared.level, pass);
        }
    }
}

export function buildPolicies(rules: readonly Rule[]): Array<ResourceValidationPolicy | StackValidationPolicy> {
    const ids = new Set<string>();
    for (const r of rules) {
        if (ids.has(r.id)) {
            throw new Error(`faultguard: duplicate rule id "${r.id}"`);
        }
        ids.add(r.id);
    }
    const rulesByType = indexResourceRules(rules);
    // The one policy that runs code: per resource in Analyze (the resource rules) and once per stack
    // in AnalyzeStack (the cross-resource rules). Each rule's own policy carries its name, metadata,
    // level and config schema, and is evaluated here under that name.
    const enginePolicy: ResourceValidationPolicy & StackValidationPolicy = {
        name: SETTINGS_POLICY,
        displayName: "faultguard settings and evaluation passes",
        description:
            "Pack settings (exemptions; the profile is the stack's faultguard:profile config or tag). Also evaluates every faultguard-aws rule: resource rules once per resource, cross-resource rules in one pass over the stack graph. Disabling it disables the pack.",
        enforcementLevel: "mandatory",
        configSchema: toConfigSchema(settingsSchema),
        validateResource: (args: ResourceValidationArgs, report: SdkReportViolation) => {
            if (!rulesByType.has(args.type)) {
                return;
            }
            const view = new ResourceView(args.type, args.urn, args.name, unwrapProps(args.props));
            view.secrets = secretStore.of(args.urn);
            evaluateResource(rulesByType, view, asDiagnosticReporter(report));
        },
        validateStack: (args: StackValidationArgs, report: SdkReportViolation) => {
            const graph = StackGraph.fromPolicyResources(args.resources as unknown as PolicyResourceLike[]);
            for (const node of graph.resources) {
                node.secrets = secretStore.of(node.urn);
            }
            evaluateStack(rules, graph, asDiagnosticReporter(report));
        },
    };
    const policies: Array<ResourceValidationPolicy | StackValidationPolicy> = [enginePolicy];
    for (const rule of rules) {
        // Metadata, level and config schema only; evaluated by the engine policy above. (Not a
        // spread: that would freeze the level getter.) Stack rules too are advertised as resource
        // policies with no validation (their scope travels in the `scope:` tag): as stack policies
        // @pulumi/policy 1.21 would change their GetAnalyzerInfo policyType (protoutil.js) and rebuild
        // and deserialize every resource once per such policy in AnalyzeStack (server.js), 41 extra
        // passes over the stack for no diagnostic.
        policies.push(Object.assign(policyInfo(rule), { validateResource: [] }));
    }
    return policies;
}
