// Per-pillar scorecard, for packs whose policies carry rule metadata in the wire protocol's tags
// (policies/lib/wire.ts: `pillar:…`, `resource-type:…`). Read from GetAnalyzerInfo like every other
// policy field, so it works the same for any pack; a pack without such tags has no scorecard.
import { type PackInfo } from "../analyzer/types";
import { type PreviewResult } from "./model";

export interface ScoredRule {
  id: string;
  pillar: string;
  resourceTypes: string[];
}

export interface PillarScore {
  pillar: string;
  passed: number;
  applicable: number;
}

/** The pack's policies that declare a pillar and the resource types they judge. */
export function scoredRules(info: PackInfo): ScoredRule[] {
  return info.policies.flatMap((p) =>
    p.rule?.pillar && p.rule.resourceTypes.length > 0 ? [{ id: p.name, pillar: p.rule.pillar, resourceTypes: p.rule.resourceTypes }] : [],
  );
}

/**
 * applicable = (resource, rule) pairs whose resource type the rule covers; passed = those without a
 * mandatory or advisory violation of that rule on that resource.
 */
export function scorecard(result: PreviewResult, packName: string, rules: ScoredRule[]): PillarScore[] {
  const violated = new Set(
    result.report.violations.filter((v) => v.policyPack === packName).map((v) => `${v.policy}\u0000${v.urn}`),
  );
  const scores = new Map<string, PillarScore>();
  for (const rule of rules) {
    const score = scores.get(rule.pillar) ?? { pillar: rule.pillar, passed: 0, applicable: 0 };
    scores.set(rule.pillar, score);
    const types = new Set(rule.resourceTypes);
    for (const [urn, type] of Object.entries(result.resourceTypes)) {
      if (!types.has(type)) continue;
      score.applicable++;
      if (!violated.has(`${rule.id}\u0000${urn}`)) score.passed++;
    }
  }
  return [...scores.values()].sort((a, b) => a.pillar.localeCompare(b.pillar));
}
