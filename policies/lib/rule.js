"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PROFILES = exports.PILLARS = void 0;
exports.shownByDefault = shownByDefault;
exports.violation = violation;
exports.unresolvable = unresolvable;
exports.resourceRule = resourceRule;
exports.stackRule = stackRule;
exports.PILLARS = [
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
];
/**
 * `production` and `development` set each rule's level; `thorough` is production plus the opt-in
 * rules (those whose `byDefault.shown` is false).
 */
exports.PROFILES = ["production", "development", "thorough"];
/** False for an opt-in rule. */
function shownByDefault(rule) {
    return rule.byDefault?.shown ?? true;
}
function violation(message, urn) {
    return { kind: "violation", message, urn };
}
/** The rule cannot decide because `property` is unknown in this preview (advisory, never silent). */
function unresolvable(property, detail, urn) {
    return { kind: "unresolvable", property, detail, urn };
}
/** Identity helpers that keep the config type attached to the check. */
function resourceRule(rule) {
    return { ...rule, scope: "resource" };
}
function stackRule(rule) {
    return { ...rule, scope: "stack" };
}
//# sourceMappingURL=rule.js.map