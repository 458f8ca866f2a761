// The rule catalog as data: what the generated README lists and tools read without starting the
// pack. faultguard preview reads the same metadata from the pack's policy tags (lib/wire.ts).
import { allRules } from "./rules";

export { allRules };

/** One entry per rule: the fields tools need without the check functions. */
export const rules = allRules.map((r) => ({
    id: r.id,
    title: r.title,
    pillar: r.pillar,
    scope: r.scope,
    severity: r.severity,
    enforcement: r.enforcement,
    resourceTypes: [...r.resourceTypes],
}));
