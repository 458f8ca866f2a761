// The resilience section of the report. The assessment is the faultguard-aws pack's own code
// (policies/resilience.ts), run here on exactly the resources and policy config that pack received
// in AnalyzeStack and Configure — one implementation for the pack's resiliency-policy findings and
// for this report (the CLI already shares policies/lib/wire.ts with the pack the same way). Secret
// values are replaced by the unknown sentinel first: no secret can reach the report through a zone
// name or an identifier.
import type { Assessment, Verdict } from "../../../policies/lib/resilience/model";
import { assessResources, PACK_NAME } from "../../../policies/resilience";
import { analyzedResources, type PackAnalysis } from "../analyzer/analyze";
import { type CapturedStack } from "../capture/types";
import { type JsonObject, type JsonValue, SIG, SPECIAL_SIG_KEY, UNKNOWN_SENTINEL } from "../capture/values";

export type { Assessment } from "../../../policies/lib/resilience/model";

interface PlainResource {
  type: string;
  urn: string;
  name: string;
  props: JsonObject;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}

/** Wire value → what a policy sees, with every secret turned into "unknown". */
function withoutSecrets(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== "object" || value === null) return value;
  if (value[SPECIAL_SIG_KEY] === SIG.secret) return UNKNOWN_SENTINEL;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = withoutSecrets(v);
  return out;
}

export function plainResources(stack: CapturedStack): PlainResource[] {
  return analyzedResources(stack).map((r) => ({
    type: r.type,
    urn: r.urn,
    name: r.name,
    props: withoutSecrets(r.outputs) as JsonObject,
    parent: r.parent,
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
  }));
}

/** The assessment when the faultguard-aws pack ran, with the config that pack was given; undefined otherwise. */
export function assessStack(stack: CapturedStack, analyses: PackAnalysis[], stackTags: Record<string, string>): { assessment: Assessment; ms: number } | undefined {
  const analysis = analyses.find((a) => a.info.name === PACK_NAME);
  if (!analysis) return undefined;
  const started = Date.now();
  const assessment = assessResources(plainResources(stack), analysis.config, { config: stack.config, tags: stackTags });
  return { assessment, ms: Date.now() - started };
}

// ------------------------------------------------------------------------------------------------
// Text
// ------------------------------------------------------------------------------------------------

const MARK: Record<Verdict["state"], string> = { survives: "ok", degraded: "degraded", down: "DOWN", unknown: "unknown" };

/** The matrix columns: each AZ, then one column per kind of per-resource disruption. */
export function matrixColumns(a: Assessment): Array<{ key: string; label: string; match: (disruption: string) => boolean }> {
  const cols = a.zones.map((z) => ({ key: `az:${z}`, label: z, match: (d: string) => d === `az:${z}` }));
  const kinds: Array<[string, string]> = [
    ["instance", "1 instance"],
    ["primary", "DB primary"],
    ["nat", "1 NAT"],
    ["dependency", "dependency"],
    ["poison", "poison msg"],
    ["region", "Region"],
  ];
  for (const [kind, label] of kinds) {
    if (a.disruptions.some((d) => d.kind === kind)) cols.push({ key: kind, label, match: (d: string) => d === kind || d.startsWith(`${kind}:`) });
  }
  return cols;
}

const ORDER: Record<Verdict["state"], number> = { survives: 0, unknown: 1, degraded: 2, down: 3 };

/** The worst verdict of a subject in a column (a column may gather several per-resource disruptions). */
export function cell(byKey: Map<string, Verdict[]>, subject: string, match: (d: string) => boolean): Verdict | undefined {
  let worst: Verdict | undefined;
  for (const v of byKey.get(subject) ?? []) {
    if (match(v.disruption) && (!worst || ORDER[v.state] > ORDER[worst.state])) worst = v;
  }
  return worst;
}

export function verdictsBySubject(a: Assessment): Map<string, Verdict[]> {
  const map = new Map<string, Verdict[]>();
  for (const v of a.verdicts) map.set(v.subject, [...(map.get(v.subject) ?? []), v]);
  return map;
}

export function cellText(v: Verdict | undefined): string {
  if (!v) return "-";
  if (v.state === "degraded" && v.capacity) return `${Math.round(v.capacity.fraction * 100)}%`;
  return MARK[v.state];
}

export function renderResilienceText(a: Assessment, formatEstimate: (e: Verdict["rto"]) => string = defaultFormat): string {
  const out: string[] = [];
  const cols = matrixColumns(a);
  const by = verdictsBySubject(a);
  const rows = a.subjects.map((s) => [`${s.name} (${s.kind})`, ...cols.map((c) => cellText(cell(by, s.urn, c.match)))]);
  const header = ["", ...cols.map((c) => c.label)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `    ${cells.map((c, i) => c.padEnd(widths[i])).join("  ")}`.trimEnd();
  const policy = Object.entries(a.policy)
    .map(([k, t]) => `${k}: RTO ≤ ${t?.rtoSeconds ?? "-"} s, RPO ≤ ${t?.rpoSeconds ?? "-"} s`)
    .join("; ");
  out.push(`Resilience (${a.profile} policy${policy ? `: ${policy}` : ": no targets"}; zones: ${a.zones.join(", ") || "none found"}):`);
  out.push(line(header));
  rows.forEach((r) => out.push(line(r)));
  const notable = a.verdicts.filter((v) => v.state === "down" || v.state === "unknown");
  if (notable.length > 0) {
    out.push("", "  Why (down / unknown):");
    for (const v of notable) out.push(`    - ${v.reason}; RTO ${formatEstimate(v.rto)}${v.rpo ? `, RPO ${formatEstimate(v.rpo)}` : ""}`);
  }
  if (a.misses.length > 0) {
    out.push("", "  Missed targets:");
    for (const m of a.misses) out.push(`    - [${m.certainty}] ${m.category} ${m.objective.toUpperCase()}: ${m.message}`);
  }
  return out.join("\n");
}

function defaultFormat(e: Verdict["rto"]): string {
  if (!e.automatic) return "no automatic recovery";
  if (e.upperSeconds === null) return `≥ ${e.lowerSeconds} s (+ unsourced)`;
  return e.lowerSeconds === e.upperSeconds ? `${e.upperSeconds} s` : `${e.lowerSeconds}–${e.upperSeconds} s`;
}
