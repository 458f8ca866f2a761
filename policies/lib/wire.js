"use strict";
// The protocol between a CrossGuard pack and `faultguard preview`, carried in the analyzer protocol
// itself, so `pulumi preview` and Pulumi Cloud show the same thing and any pack can speak it:
//
//  - rule metadata travels as policy tags in GetAnalyzerInfo (`pillar:<pillar>`, `scope:<scope>`,
//    `resource-type:<type token>`), next to the policy's own severity, description and level;
//  - each finding travels as an AnalyzeDiagnostic: its severity and description in the diagnostic's
//    own fields, its kind as a marker at the start of the message (the one field every engine display
//    prints). A message without a marker is a plain violation, as from any pack.
//
// The pack encodes with these functions and the CLI decodes with them: no string is defined twice.
// Self-contained (no imports) because both the published pack and the CLI compile it in.
Object.defineProperty(exports, "__esModule", { value: true });
exports.SEVERITIES = exports.FINDING_KINDS = void 0;
exports.severityRank = severityRank;
exports.ruleTags = ruleTags;
exports.parseRuleTags = parseRuleTags;
exports.encodeFinding = encodeFinding;
exports.decodeFinding = decodeFinding;
exports.FINDING_KINDS = ["violation", "exempted", "could-not-evaluate", "rule-error"];
exports.SEVERITIES = ["low", "medium", "high", "critical"];
/** Highest first, for ordering findings; an unknown or missing severity ranks last. */
function severityRank(severity) {
    const i = exports.SEVERITIES.indexOf(severity ?? "");
    return i < 0 ? exports.SEVERITIES.length : exports.SEVERITIES.length - 1 - i;
}
const TAG_PILLAR = "pillar:";
const TAG_SCOPE = "scope:";
const TAG_RESOURCE_TYPE = "resource-type:";
function ruleTags(rule) {
    return [`${TAG_PILLAR}${rule.pillar}`, `${TAG_SCOPE}${rule.scope}`, ...rule.resourceTypes.map((t) => `${TAG_RESOURCE_TYPE}${t}`)];
}
/** The rule metadata in a policy's tags; undefined when the policy carries none of these tags. */
function parseRuleTags(tags) {
    const out = { resourceTypes: [] };
    let any = false;
    for (const tag of tags) {
        if (tag.startsWith(TAG_PILLAR)) {
            out.pillar = tag.slice(TAG_PILLAR.length);
        }
        else if (tag.startsWith(TAG_SCOPE)) {
            const scope = tag.slice(TAG_SCOPE.length);
            if (scope !== "resource" && scope !== "stack") {
                continue;
            }
            out.scope = scope;
        }
        else if (tag.startsWith(TAG_RESOURCE_TYPE)) {
            out.resourceTypes.push(tag.slice(TAG_RESOURCE_TYPE.length));
        }
        else {
            continue;
        }
        any = true;
    }
    return any ? out : undefined;
}
const COULD_NOT_EVALUATE = "could not evaluate: ";
const RULE_ERROR = "rule error: ";
const EXEMPTED = "[exempted] ";
/** What @pulumi/policy itself reports when a policy reads an unknown value (server.js, Analyze). */
const SDK_UNKNOWN = "can't run ";
function encodeFinding(f) {
    switch (f.kind) {
        case "violation":
            return f.text;
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
function decodeFinding(message) {
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
//# sourceMappingURL=wire.js.map