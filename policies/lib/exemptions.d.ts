import { type Exemption } from "./settings";
/** Resource tag that exempts it from one rule: `faultguard:exempt:<rule-id>` = `<reason> [expires=YYYY-MM-DD]`. */
export declare const EXEMPT_TAG_PREFIX = "faultguard:exempt:";
export interface ExemptionSubject {
    urn: string;
    name: string;
    type: string;
    tags: Readonly<Record<string, string>>;
}
export type ExemptionStatus = {
    status: "none";
} | {
    status: "active";
    reason: string;
    expires?: string;
    source: string;
} | {
    status: "expired";
    reason: string;
    expires: string;
    source: string;
}
/** An exemption that does not say clearly what it exempts until when: rejected, never widened. */
 | {
    status: "rejected";
    problem: string;
    source: string;
};
/** The shortest reason accepted (the settings schema's `reason` has the same minimum). */
export declare const MIN_REASON_LENGTH = 3;
/** True for an ISO date (YYYY-MM-DD) that exists in the calendar. */
export declare function isCalendarDate(text: string): boolean;
/**
 * Parses a tag value `<reason> [expires=YYYY-MM-DD]`. Anything that reads like an expiry but is not
 * one at the end in ISO form (another date format, text after it, an impossible date) and a reason
 * shorter than MIN_REASON_LENGTH are problems: such an exemption must not become permanent.
 */
export declare function parseExemptionTag(value: string): {
    reason: string;
    expires?: string;
} | {
    problem: string;
};
export declare function findExemption(ruleId: string, subject: ExemptionSubject, configured: readonly Exemption[], today?: string): ExemptionStatus;
