// The protocol between a CrossGuard pack and `faultguard preview`, carried in the analyzer protocol
// itself, so `pulumi preview` and Pulumi Cloud show the same thing and any pack can speak it:
//
//  - rule metadata travels as policy tags in GetAnalyzerInfo (`pillar:<pillar>`, `scope:<scope>`,
//    `resource-type:<type token>`), next to the policy's own severity, description and level;
//  - each finding travels as an AnalyzeDiagnostic: its severity and description in the diagnostic's
//    own fields, its kind as a marker at the start of the message (the one field every engine display
//    prints). A message without a marker is a plain violation, as from any pack;
//  - offline only, a verdict decided from a document's structure rendering (its IDs unknown; see
//    preview/src/capture/probe.ts) is marked so, a violation and a pass alike. The engine never sends
//    such a rendering, so `pulumi preview` never sees these marks.
//
// The pack encodes with these functions and the CLI decodes with them: no string is defined twice.
// Self-contained (no imports) because both the published pack and the CLI compile it in.

export const FINDING_KINDS = ["violation", "exempted", "could-not-evaluate", "rule-error"] as const;
/**
 * violation: the rule is broken. exempted: it is broken, but an exemption with a reason covers it.
 * could-not-evaluate: a value the rule needs is unknown until deployment. rule-error: the rule threw.
 */
export type FindingKind = (typeof FINDING_KINDS)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Highest first, for ordering findings; an unknown or missing severity ranks last. */
export function severityRank(severity: string | undefined): number {
    const i = (SEVERITIES as readonly string[]).indexOf(severity ?? "");
    return i < 0 ? SEVERITIES.length : SEVERITIES.length - 1 - i;
}

export type RuleScope = "resource" | "stack";

/** The engine's wire sentinel for a value unknown during preview (pulumi/sdk `UnknownStringValue`):
 *  the one definition, for the pack (policies/lib/values `isUnknown`) and the CLI's capture. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * A JSON-document property (e.g. a state machine's `definition`) whose structure the rule can judge
 * while some leaves are unknown: offline, such a property may arrive as a structure rendering (a JSON
 * string whose unknown leaves are the engine's unknown value) instead of one wholly unknown value.
 */
export interface StructureInput {
    type: string;
    property: string;
}

/** What a policy's tags say about the rule behind it. */
export interface RuleTags {
    pillar?: string;
    scope?: RuleScope;
    /** Pulumi type tokens the rule judges; empty when the pack does not say. */
    resourceTypes: string[];
    /** Properties the rule accepts as structure renderings; empty when it accepts none. */
    structureInputs: StructureInput[];
}

const TAG_PILLAR = "pillar:";
const TAG_SCOPE = "scope:";
const TAG_RESOURCE_TYPE = "resource-type:";
/** `structure-input:<type token>#<property>` (type tokens contain colons, property names never contain `#`). */
const TAG_STRUCTURE_INPUT = "structure-input:";

export function ruleTags(rule: { pillar: string; scope: RuleScope; resourceTypes: readonly string[]; structureInputs?: readonly StructureInput[] }): string[] {
    return [
        `${TAG_PILLAR}${rule.pillar}`,
        `${TAG_SCOPE}${rule.scope}`,
        ...rule.resourceTypes.map((t) => `${TAG_RESOURCE_TYPE}${t}`),
        ...(rule.structureInputs ?? []).map((s) => `${TAG_STRUCTURE_INPUT}${s.type}#${s.property}`),
    ];
}

/** The rule metadata in a policy's tags; undefined when the policy carries none of these tags. */
export function parseRuleTags(tags: readonly string[]): RuleTags | undefined {
    const out: RuleTags = { resourceTypes: [], structureInputs: [] };
    let any = false;
    for (const tag of tags) {
        if (tag.startsWith(TAG_PILLAR)) {
            out.pillar = tag.slice(TAG_PILLAR.length);
        } else if (tag.startsWith(TAG_SCOPE)) {
            const scope = tag.slice(TAG_SCOPE.length);
            if (scope !== "resource" && scope !== "stack") {
                continue;
            }
            out.scope = scope;
        } else if (tag.startsWith(TAG_RESOURCE_TYPE)) {
            out.resourceTypes.push(tag.slice(TAG_RESOURCE_TYPE.length));
        } else if (tag.startsWith(TAG_STRUCTURE_INPUT)) {
            const value = tag.slice(TAG_STRUCTURE_INPUT.length);
            const cut = value.lastIndexOf("#");
            if (cut <= 0 || cut === value.length - 1) {
                continue;
            }
            out.structureInputs.push({ type: value.slice(0, cut), property: value.slice(cut + 1) });
        } else {
            continue;
        }
        any = true;
    }
    return any ? out : undefined;
}

export interface ExemptionNote {
    reason: string;
    /** Last day (ISO date) the exemption holds; absent when it has no expiry. */
    expires?: string;
    /** Where the exemption was declared (a resource tag or a settings entry). */
    source: string;
}

export type WireFinding =
    /** `fromStructure`: decided from a structure rendering of a document whose IDs are unknown (offline only). */
    | { kind: "violation"; text: string; fromStructure?: boolean }
    | { kind: "could-not-evaluate"; text: string }
    | { kind: "rule-error"; text: string }
    /** `text` is the finding the exemption covers, itself encoded (a violation or a could-not-evaluate). */
    | { kind: "exempted"; text: string; exemption: ExemptionNote };

/**
 * Offline only: a rule that read a structure rendering and found nothing wrong says so, so that the
 * pass is shown as decided that way (a diagnostic the engine path never produces: it never sends a
 * structure rendering). Not a finding: the report lists it apart from violations.
 */
export interface StructurePass {
    kind: "structure-pass";
    text: string;
}

const COULD_NOT_EVALUATE = "could not evaluate: ";
const FROM_STRUCTURE = "[decided from structure] ";
const STRUCTURE_PASS = "[passed on structure] ";
const RULE_ERROR = "rule error: ";
const EXEMPTED = "[exempted] ";
/** What @pulumi/policy itself reports when a policy reads an unknown value (server.js, Analyze). */
const SDK_UNKNOWN = "can't run ";

export function encodeFinding(f: WireFinding | StructurePass): string {
    switch (f.kind) {
        case "violation":
            return f.fromStructure ? FROM_STRUCTURE + f.text : f.text;
        case "structure-pass":
            return STRUCTURE_PASS + f.text;
        case "could-not-evaluate":
            return COULD_NOT_EVALUATE + f.text;
        case "rule-error":
            return RULE_ERROR + f.text;
        case "exempted": {
            const { reason, expires, source } = f.exemption;
            // One line of reason, so the decoder can find where it ends.
            const oneLine = reason.replace(/\s+/g, " ").trim();
            return `${EXEMPTED}${oneLine} (${expires ? `until ${expires}` : "no expiry"}; ${source}): ${f.text}`;
        }
    }
}

const EXEMPTED_FORM = /^\[exempted\] ([^\n]*?) \((no expiry|until (\d{4}-\d{2}-\d{2})); ([^\n]*?)\): ([\s\S]*)$/;

/**
 * The kind of a diagnostic from its message (after any policy-description prefix the SDK's string
 * form adds). `fromSdk` marks @pulumi/policy's own "can't run policy … during preview": a
 * could-not-evaluate no pack declared, which the engine counts as an advisory violation.
 */
export function decodeFinding(message: string): (WireFinding | StructurePass) & { fromSdk: boolean } {
    if (message.startsWith(STRUCTURE_PASS)) {
        return { kind: "structure-pass", text: message.slice(STRUCTURE_PASS.length), fromSdk: false };
    }
    if (message.startsWith(FROM_STRUCTURE)) {
        return { kind: "violation", text: message.slice(FROM_STRUCTURE.length), fromStructure: true, fromSdk: false };
    }
    if (message.startsWith(EXEMPTED)) {
        const m = EXEMPTED_FORM.exec(message);
        if (m) {
            return { kind: "exempted", text: m[5], exemption: { reason: m[1], ...(m[3] ? { expires: m[3] } : {}), source: m[4] }, fromSdk: false };
        }
        // A pack that only says "[exempted] <reason>".
        return { kind: "exempted", text: "", exemption: { reason: message.slice(EXEMPTED.length).trim(), source: "" }, fromSdk: false };
    }
    if (message.startsWith(COULD_NOT_EVALUATE)) {
        return { kind: "could-not-evaluate", text: message.slice(COULD_NOT_EVALUATE.length), fromSdk: false };
    }
    if (message.startsWith(RULE_ERROR)) {
        return { kind: "rule-error", text: message.slice(RULE_ERROR.length), fromSdk: false };
    }
    if (message.startsWith(SDK_UNKNOWN) && / during preview: /.test(message)) {
        return { kind: "could-not-evaluate", text: message, fromSdk: true };
    }
    return { kind: "violation", text: message, fromSdk: false };
}
