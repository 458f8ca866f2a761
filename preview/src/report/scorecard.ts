// Per-pillar scorecard, for packs that ship a rule catalog (catalog.ts / catalog.js exporting
// `rules: Array<{ id, pillar, resourceTypes }>`, rule id = policy name). Loaded lazily; a pack
// without a catalog simply has no scorecard.
import * as fs from "node:fs";
import * as path from "node:path";
import type * as TsNode from "ts-node";
import { type PreviewResult } from "./model";

export interface CatalogRule {
  id: string;
  pillar: string;
  resourceTypes: string[];
}

export interface PillarScore {
  pillar: string;
  passed: number;
  applicable: number;
}

function isCatalogRule(value: unknown): value is CatalogRule {
  const r = value as CatalogRule;
  return typeof r === "object" && r !== null && typeof r.id === "string" && typeof r.pillar === "string" && Array.isArray(r.resourceTypes);
}

const compiledDirs = new Set<string>();

/** Lets `require` compile the pack's TypeScript (transpile only, commonjs), scoped to the pack. */
function compileTypeScriptIn(packDir: string): void {
  if (compiledDirs.has(packDir)) return;
  compiledDirs.add(packDir);
  const tsconfig = path.join(packDir, "tsconfig.json");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tsnode = require("ts-node") as typeof TsNode;
  tsnode.register({
    transpileOnly: true,
    scope: true,
    scopeDir: packDir,
    project: fs.existsSync(tsconfig) ? tsconfig : undefined,
    skipProject: !fs.existsSync(tsconfig),
    compilerOptions: { module: "commonjs" },
  });
}

export function loadCatalog(packDir: string): CatalogRule[] | undefined {
  const file = ["catalog.ts", "catalog.js"].map((f) => path.join(packDir, f)).find((f) => fs.existsSync(f));
  if (!file) return undefined;
  try {
    if (file.endsWith(".ts")) compileTypeScriptIn(packDir);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { rules?: unknown };
    return Array.isArray(mod.rules) ? mod.rules.filter(isCatalogRule) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * applicable = (resource, rule) pairs whose resource type the rule covers; passed = those without a
 * mandatory or advisory violation of that rule on that resource.
 */
export function scorecard(result: PreviewResult, packName: string, rules: CatalogRule[]): PillarScore[] {
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
