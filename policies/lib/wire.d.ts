export declare const FINDING_KINDS: readonly ["violation", "exempted", "could-not-evaluate", "rule-error"];
/**
 * violation: the rule is broken. exempted: it is broken, but an exemption with a reason covers it.
 * could-not-evaluate: a value the rule needs is unknown until deployment. rule-error: the rule threw.
 */
export type FindingKind = (typeof FINDING_KINDS)[number];
export declare const SEVERITIES: readonly ["low", "medium", "high", "critical"];
export type Severity = (typeof SEVERITIES)[number];
/** Highest first, for ordering findings; an unknown or missing severity ranks last. */
export declare function severityRank(severity: string | undefined): number;
export type RuleScope = "resource" | "stack";
/** What a policy's tags say about the rule behind it. */
export interface RuleTags {
    pillar?: string;
    scope?: RuleScope;
    /** Pulumi type tokens the rule judges; empty when the pack does not say. */
    resourceTypes: string[];
}
export declare function ruleTags(rule: {
    pillar: string;
    scope: RuleScope;
    resourceTypes: readonly string[];
}): string[];
/** The rule metadata in a policy's tags; undefined when the policy carries none of these tags. */
export declare function parseRuleTags(tags: readonly string[]): RuleTags | undefined;
export interface ExemptionNote {
    reason: string;
    /** Last day (ISO date) the exemption holds; absent when it has no expiry. */
    expires?: string;
    /** Where the exemption was declared (a resource tag or a settings entry). */
    source: string;
}
export type WireFinding = {
    kind: "violation";
    text: string;
} | {
    kind: "could-not-evaluate";
    text: string;
} | {
    kind: "rule-error";
    text: string;
}
/** `text` is the finding the exemption covers, itself encoded (a violation or a could-not-evaluate). */
 | {
    kind: "exempted";
    text: string;
    exemption: ExemptionNote;
};
export declare function encodeFinding(f: WireFinding): string;
/**
 * The kind of a diagnostic from its message (after any policy-description prefix the SDK's string
 * form adds). `fromSdk` marks @pulumi/policy's own "can't run policy … during preview": a
 * could-not-evaluate no pack declared, which the engine counts as an advisory violation.
 */
export declare function decodeFinding(message: string): WireFinding & {
    fromSdk: boolean;
};
