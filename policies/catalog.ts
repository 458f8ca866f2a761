// The rule catalog as data: what `faultguard preview` reads for its per-pillar scorecard and what
// the generated README lists. Importing it does not start a policy pack.
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
