"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIN_REASON_LENGTH = exports.EXEMPT_TAG_PREFIX = void 0;
exports.isCalendarDate = isCalendarDate;
exports.parseExemptionTag = parseExemptionTag;
exports.findExemption = findExemption;
// Exemptions: a named rule switched off for named resources, always with a reason, optionally
// until a date. Never silent: exempted findings are still reported (as advisory, marked), and an
// expired exemption turns the finding back into a violation.
const minimatch_1 = require("minimatch");
/** Resource tag that exempts it from one rule: `faultguard:exempt:<rule-id>` = `<reason> [expires=YYYY-MM-DD]`. */
exports.EXEMPT_TAG_PREFIX = "faultguard:exempt:";
/** The shortest reason accepted (the settings schema's `reason` has the same minimum). */
exports.MIN_REASON_LENGTH = 3;
/** True for an ISO date (YYYY-MM-DD) that exists in the calendar. */
function isCalendarDate(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
        return false;
    }
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
const EXPIRES_AT_END = /\s*\bexpires=(\S+)\s*$/;
const MENTIONS_EXPIRES = /\bexpires?\b/i;
/**
 * Parses a tag value `<reason> [expires=YYYY-MM-DD]`. Anything that reads like an expiry but is not
 * one at the end in ISO form (another date format, text after it, an impossible date) and a reason
 * shorter than MIN_REASON_LENGTH are problems: such an exemption must not become permanent.
 */
function parseExemptionTag(value) {
    const m = EXPIRES_AT_END.exec(value);
    const reason = (m ? value.slice(0, m.index) : value).trim();
    if (m && !isCalendarDate(m[1])) {
        return { problem: `expires=${m[1]} is not a date; write expires=YYYY-MM-DD (a real calendar date) at the end of the value` };
    }
    if (MENTIONS_EXPIRES.test(reason)) {
        return { problem: "an expiry must be the last part of the value, written expires=YYYY-MM-DD" };
    }
    if (reason.length < exports.MIN_REASON_LENGTH) {
        return { problem: `give a reason (at least ${exports.MIN_REASON_LENGTH} characters) before any expires=YYYY-MM-DD` };
    }
    return m ? { reason, expires: m[1] } : { reason };
}
function statusFor(reason, expires, source, today) {
    if (expires !== undefined && expires < today) {
        return { status: "expired", reason, expires, source };
    }
    return { status: "active", reason, expires, source };
}
// URNs and type tokens contain "/" but are not paths: let "*" span it by mapping "/" to a
// character globs give no meaning, on both sides.
const NOT_A_SEPARATOR = "\u2215";
function matches(pattern, value) {
    if (pattern === value) {
        return true;
    }
    const flat = (s) => s.split("/").join(NOT_A_SEPARATOR);
    return (0, minimatch_1.minimatch)(flat(value), flat(pattern), { nocomment: true, nonegate: true, noext: true, dot: true });
}
function findExemption(ruleId, subject, configured, today = new Date().toISOString().slice(0, 10)) {
    const tag = subject.tags[exports.EXEMPT_TAG_PREFIX + ruleId];
    if (tag !== undefined) {
        const source = `tag ${exports.EXEMPT_TAG_PREFIX}${ruleId}`;
        const parsed = parseExemptionTag(tag);
        return "problem" in parsed ? { status: "rejected", problem: parsed.problem, source } : statusFor(parsed.reason, parsed.expires, source, today);
    }
    for (const e of configured) {
        if (!matches(e.rule, ruleId)) {
            continue;
        }
        if (matches(e.resource, subject.urn) || matches(e.resource, subject.name) || e.resource === subject.type) {
            return statusFor(e.reason, e.expires, `faultguard-settings exemption for "${e.resource}"`, today);
        }
    }
    return { status: "none" };
}
//# sourceMappingURL=exemptions.js.map