// The report: a JSON contract read by CI, other tools and tests. Field names are stable.
import { type PackAnalysis, type PolicyCheck } from "../analyzer/analyze";
import { type EnforcementLevel, type PackInfo, type Severity } from "../analyzer/types";
import { opaqueComponents } from "../capture/stack";
import { type CapturedStack } from "../capture/types";
import { nameOfUrn, typeOfUrn } from "../capture/urn";
import { loadCatalog } from "./scorecard";

export interface Finding {
  policyPack: string;
  policyPackVersion: string;
  policy: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  /** The diagnostic message as the engine shows it (policy description, newline, detail). */
  message: string;
  urn: string;
  type: string;
  name: string;
}

export interface ExemptedFinding extends Finding {
  reason?: string;
}

export interface Report {
  project: string;
  stack: string;
  policyPacks: Array<{ name: string; version: string }>;
  resourceCount: number;
  violations: Finding[];
  exempted: ExemptedFinding[];
  notEvaluated: Finding[];
  opaqueComponents: Array<{ urn: string; type: string; name: string }>;
  summary: { mandatory: number; advisory: number; exempted: number };
  timings: { programMs: number; packStartMs: number; analysisMs: number; totalMs: number };
}

/** Everything the renderers need: the report plus the metadata behind it. */
export interface PreviewResult {
  report: Report;
  packs: Array<{ info: PackInfo; dir: string }>;
  checks: PolicyCheck[];
  /** The program's entry file, for SARIF locations. */
  programFile?: string;
  /** Resource URN → where the program registered it. */
  sources: Record<string, { file: string; line: number }>;
  /** (type of each resource) for scorecards. */
  resourceTypes: Record<string, string>;
}

const EXEMPTED = "[exempted]";
const NOT_EVALUATED = ["could not evaluate:", "can't run policy"];

/** The part of a diagnostic message after the policy description the SDK prefixes to it. */
export function detailOf(message: string, description: string): string {
  return description && message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
}

// faultguard-aws writes "[exempted] <reason> (until YYYY-MM-DD|no expiry; <source>): <finding>".
const EXEMPTION_PARTS = /^(.*?) \((?:until \d{4}-\d{2}-\d{2}|no expiry); .*?\): /s;

/** The reason of an exempted finding: without the expiry, source and finding text that follow it. */
export function exemptionReason(afterPrefix: string): string {
  return EXEMPTION_PARTS.exec(afterPrefix)?.[1].trim() ?? afterPrefix;
}

export function buildReport(
  stack: CapturedStack,
  analyses: PackAnalysis[],
  timings: Omit<Report["timings"], "totalMs"> & { totalMs?: number },
): Report {
  const violations: Finding[] = [];
  const exempted: ExemptedFinding[] = [];
  const notEvaluated: Finding[] = [];
  const seen = new Set<string>();
  for (const analysis of analyses) {
    for (const d of analysis.diagnostics) {
      const key = JSON.stringify([d.policyPackName, d.policyPackVersion, d.policyName, d.enforcementLevel, d.urn, d.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      const finding: Finding = {
        policyPack: d.policyPackName || analysis.info.name,
        policyPackVersion: d.policyPackVersion || analysis.info.version,
        policy: d.policyName,
        enforcementLevel: d.enforcementLevel,
        severity: d.severity,
        message: d.message,
        urn: d.urn,
        type: typeOfUrn(d.urn),
        name: nameOfUrn(d.urn),
      };
      const detail = detailOf(d.message, d.description).trimStart();
      if (detail.startsWith(EXEMPTED) || d.message.startsWith(EXEMPTED)) {
        const reason = exemptionReason((detail.startsWith(EXEMPTED) ? detail : d.message).slice(EXEMPTED.length).trim());
        exempted.push(reason ? { ...finding, reason } : finding);
      } else if (d.enforcementLevel === "advisory" && NOT_EVALUATED.some((p) => detail.startsWith(p) || d.message.startsWith(p))) {
        notEvaluated.push(finding);
      } else {
        violations.push(finding);
      }
    }
  }
  const order = (f: Finding): string => `${f.policyPack}\u0000${f.urn}\u0000${f.policy}\u0000${f.message}`;
  for (const list of [violations, exempted, notEvaluated]) list.sort((a, b) => order(a).localeCompare(order(b)));
  const analysisMs = timings.analysisMs;
  return {
    project: stack.project,
    stack: stack.stack,
    policyPacks: analyses.map((a) => ({ name: a.info.name, version: a.info.version })),
    resourceCount: stack.resources.length,
    violations,
    exempted,
    notEvaluated,
    opaqueComponents: opaqueComponents(stack).map((r) => ({ urn: r.urn, type: r.type, name: r.name })),
    summary: {
      mandatory: violations.filter((v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate").length,
      advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
      exempted: exempted.length,
    },
    timings: {
      programMs: timings.programMs,
      packStartMs: timings.packStartMs,
      analysisMs,
      totalMs: timings.totalMs ?? timings.programMs + timings.packStartMs + analysisMs,
    },
  };
}

/**
 * The (rule, resource) pairs a pack with a rule catalog judges: a resource whose type the rule
 * covers. More precise than "every policy that did not say not-applicable", which counts a pack
 * that evaluates all its rules in one dispatcher policy (as faultguard-aws does) on every resource.
 */
function catalogChecks(analysis: PackAnalysis, stack: CapturedStack): PolicyCheck[] | undefined {
  const rules = loadCatalog(analysis.dir);
  if (!rules) return undefined;
  const byType = new Map<string, string[]>();
  for (const rule of rules) {
    for (const type of rule.resourceTypes) byType.set(type, [...(byType.get(type) ?? []), rule.id]);
  }
  return stack.resources.flatMap((r) => (byType.get(r.type) ?? []).map((policy) => ({ policyPack: analysis.info.name, policy, urn: r.urn })));
}

export function buildPreviewResult(stack: CapturedStack, analyses: PackAnalysis[], report: Report, programFile?: string): PreviewResult {
  const sources: PreviewResult["sources"] = {};
  const resourceTypes: PreviewResult["resourceTypes"] = {};
  for (const r of stack.resources) {
    if (r.source) sources[r.urn] = r.source;
    resourceTypes[r.urn] = r.type;
  }
  return {
    report,
    packs: analyses.map((a) => ({ info: a.info, dir: a.dir })),
    checks: analyses.flatMap((a) => catalogChecks(a, stack) ?? a.checks),
    programFile,
    sources,
    resourceTypes,
  };
}

export function hasMandatoryViolations(report: Report): boolean {
  return report.summary.mandatory > 0;
}
