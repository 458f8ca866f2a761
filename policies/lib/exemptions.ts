// Exemptions: a named rule switched off for named resources, always with a reason, optionally
// until a date. Never silent: exempted findings are still reported (as advisory, marked), and an
// expired exemption turns the finding back into a violation.
import { minimatch } from "minimatch";
import { type Exemption } from "./settings";

/** Resource tag that exempts it from one rule: `faultguard:exempt:<rule-id>` = `<reason> [expires=YYYY-MM-DD]`. */
export const EXEMPT_TAG_PREFIX = "faultguard:exempt:";

export interface ExemptionSubject {
    urn: string;
    name: string;
    type: string;
    tags: Readonly<Record<string, string>>;
}

export type ExemptionStatus =
    | { status: "none" }
    | { status: "active"; reason: string; expires?: string; source: string }
    | { status: "expired"; reason: string; expires: string; source: string };

const EXPIRES_IN_TAG = /\s*\bexpires=(\d{4}-\d{2}-\d{2})\s*$/;

function statusFor(reason: string, expires: string | undefined, source: string, today: string): ExemptionStatus {
    if (expires !== undefined && expires < today) {
        return { status: "expired", reason, expires, source };
    }
    return { status: "active", reason, expires, source };
}

// URNs and type tokens contain "/" but are not paths: let "*" span it by mapping "/" to a
// character globs give no meaning, on both sides.
const NOT_A_SEPARATOR = "\u2215";

function matches(pattern: string, value: string): boolean {
    if (pattern === value) {
        return true;
    }
    const flat = (s: string) => s.split("/").join(NOT_A_SEPARATOR);
    return minimatch(flat(value), flat(pattern), { nocomment: true, nonegate: true, noext: true, dot: true });
}

export function findExemption(
    ruleId: string,
    subject: ExemptionSubject,
    configured: readonly Exemption[],
    today: string = new Date().toISOString().slice(0, 10),
): ExemptionStatus {
    const tag = subject.tags[EXEMPT_TAG_PREFIX + ruleId];
    if (tag !== undefined && tag.trim() !== "") {
        const m = EXPIRES_IN_TAG.exec(tag);
        const reason = (m ? tag.slice(0, m.index) : tag).trim() || "(no reason given)";
        return statusFor(reason, m?.[1], `tag ${EXEMPT_TAG_PREFIX}${ruleId}`, today);
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

/** Message prefix that marks an exempted finding (faultguard preview lists these separately). */
export const EXEMPTED_PREFIX = "[exempted]";
