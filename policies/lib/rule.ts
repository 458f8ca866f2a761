// What a rule is: metadata (the catalog, the policy info Pulumi shows) plus a pure check.
import { type z } from "zod";
import { type GraphResource, type StackGraph } from "./graph";
import { type ResourceView } from "./resource";
import { type StructureInput } from "./wire";

export const PILLARS = [
    "redundancy",
    "timeouts",
    "alarms",
    "dead-letter-queues",
    "retries",
    "idempotency",
    "circuit-breakers",
    "bulkheads",
    "health-checks",
    "durability",
    "observability",
    "graceful-degradation",
] as const;
export type Pillar = (typeof PILLARS)[number];

export type EnforcementLevel = "advisory" | "mandatory" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";
/**
 * `production` and `development` set each rule's level; `thorough` is production plus the opt-in
 * rules (those whose `byDefault.shown` is false).
 */
export const PROFILES = ["production", "development", "thorough"] as const;
export type Profile = (typeof PROFILES)[number];

/**
 * Whether a rule reports unless someone turns it on, and why: a rule is shown by default only when
 * a reliability reviewer would act on its findings in most stacks (advisories nobody acts on teach
 * users to ignore the report). The catalog states the reason for every rule.
 */
export type DefaultVisibility = { shown: true; why: string } | { shown: false; why: string };

/** False for an opt-in rule. */
export function shownByDefault(rule: { byDefault?: DefaultVisibility }): boolean {
    return rule.byDefault?.shown ?? true;
}

/** The rules in other tools that check the same thing, so users coming from them recognise it. */
export interface Anchors {
    cdkNag?: string[];
    checkov?: string[];
    awsConfig?: string[];
    securityHub?: string[];
    awsguard?: string[];
    /** pulumi/compliance-policies, awslabs/serverless-rules and others, as "PCP ...", "SR ...". */
    other?: string[];
    /** Well-Architected Reliability best practices, e.g. "REL10-BP01". */
    wellArchitected?: string[];
    /** True when none of the anchor rule sets checks this (a GAP row of the anchor table). */
    gap?: boolean;
}

/** A config object schema; `{}` when the rule takes no properties. */
export type ConfigSchema = z.ZodObject;

interface RuleBase<C extends ConfigSchema> {
    /** Policy name: kebab-case, unique, stable (users reference it in config and exemptions). */
    id: string;
    title: string;
    pillar: Pillar;
    /** One sentence: what must hold. */
    description: string;
    /** What to change, naming the Pulumi property, with a TypeScript snippet. */
    remediation: string;
    severity: Severity;
    /** Default level per profile. Development defaults to production's unless said otherwise. */
    enforcement: { production: Exclude<EnforcementLevel, "disabled">; development?: EnforcementLevel };
    /** Why this level: the harm when the rule is broken (shown in the catalog). */
    rationale: string;
    /**
     * Shown by default, or opt-in (profile `thorough`, or any level set for it in the policy config).
     * Every rule of the pack states it (test/policies/catalog.test.ts); absent means shown.
     */
    byDefault?: DefaultVisibility;
    /** Pulumi type tokens of the resources the rule judges. */
    resourceTypes: readonly string[];
    /**
     * JSON-document properties (of the judged or linked resources) the rule can judge by their
     * structure while some leaves are unknown: offline, the preview then sends them as structure
     * renderings (policies/lib/wire.ts StructureInput). Every rule that reads such a property and
     * declares it must treat each unknown leaf it needs as "could not evaluate".
     */
    structureInputs?: readonly StructureInput[];
    anchors: Anchors;
    /** Rule properties (thresholds); every field has a default. */
    config: C;
}

/** A rule that needs only the resource itself: runs in `Analyze`, per resource. */
export interface ResourceRule<C extends ConfigSchema = ConfigSchema> extends RuleBase<C> {
    scope: "resource";
    check(resource: ResourceView, ctx: RuleContext<z.infer<C>>): Finding[] | void;
}

/** A rule that follows links between resources: runs in `AnalyzeStack`, once per subject. */
export interface StackRule<C extends ConfigSchema = ConfigSchema> extends RuleBase<C> {
    scope: "stack";
    check(resource: GraphResource, ctx: StackRuleContext<z.infer<C>>): Finding[] | void;
}

export type Rule = ResourceRule | StackRule;

export interface RuleContext<Config> {
    config: Config;
    profile: Profile;
}

export interface StackRuleContext<Config> extends RuleContext<Config> {
    graph: StackGraph;
}

/** The outcome of a check for one resource. No finding means the resource passes. */
export type Finding =
    | { kind: "violation"; message: string; urn?: string }
    | { kind: "unresolvable"; property: string; detail?: string; urn?: string };

export function violation(message: string, urn?: string): Finding {
    return { kind: "violation", message, urn };
}

/** The rule cannot decide because `property` is unknown in this preview (advisory, never silent). */
export function unresolvable(property: string, detail?: string, urn?: string): Finding {
    return { kind: "unresolvable", property, detail, urn };
}

/** Identity helpers that keep the config type attached to the check. */
export function resourceRule<C extends ConfigSchema>(rule: Omit<ResourceRule<C>, "scope">): ResourceRule<C> {
    return { ...rule, scope: "resource" };
}

export function stackRule<C extends ConfigSchema>(rule: Omit<StackRule<C>, "scope">): StackRule<C> {
    return { ...rule, scope: "stack" };
}
