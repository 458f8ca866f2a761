// The report: a JSON contract read by CI, other tools and tests. Field names are stable.
import { type PackAnalysis, type PolicyCheck } from "../analyzer/analyze";
import { type EnforcementLevel, type PackInfo, type Severity } from "../analyzer/types";
import { opaqueComponents } from "../capture/stack";
import { type CapturedStack } from "../capture/types";
import { nameOfUrn, typeOfUrn } from "../capture/urn";
import { decodeFinding, type FindingKind, severityRank } from "../../../policies/lib/wire";
import { type Assessment } from "./resilience";

export interface Finding {
  policyPack: string;
  policyPackVersion: string;
  policy: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  /**
   * What the finding is, from the wire protocol (policies/lib/wire.ts). In `violations`, a
   * "could-not-evaluate" is @pulumi/policy's own "can't run policy … during preview", which the
   * engine counts as an advisory violation.
   */
  kind: FindingKind;
  /** The description of the rule behind the finding, as the diagnostic carries it. */
  description: string;
  /** The diagnostic message as the engine shows it (policy description, newline, detail). */
  message: string;
  urn: string;
  type: string;
  name: string;
  /**
   * Decided from a structure rendering: the document (e.g. a state machine definition) was built
   * from values unknown until deployment, and the rule judged only its structure (see
   * preview/src/capture/probe.ts). Offline only; `pulumi preview` says "could not evaluate" there.
   */
  decidedFromStructure?: true;
}

/** A rule that passed on a structure rendering (see Finding.decidedFromStructure). */
export interface StructurePass {
  policyPack: string;
  policy: string;
  urn: string;
  type: string;
  name: string;
}

export interface ExemptedFinding extends Finding {
  reason?: string;
  /** Last day the exemption holds (ISO date), when it has one. */
  expires?: string;
}

export interface Report {
  project: string;
  stack: string;
  policyPacks: Array<{ name: string; version: string }>;
  resourceCount: number;
  violations: Finding[];
  exempted: ExemptedFinding[];
  notEvaluated: Finding[];
  /** Findings of rules that threw: the rule's verdict on that resource is unknown. */
  ruleErrors: Finding[];
  /** Rules that passed on a document judged by its structure alone (its IDs unknown until deployment). */
  structurePasses: StructurePass[];
  /**
   * Components built by a provider plugin, whose children the offline run cannot see;
   * `judgedByInputs` when an enabled policy of a pack judges that component type by its inputs.
   */
  opaqueComponents: Array<{ urn: string; type: string; name: string; judgedByInputs: boolean }>;
  /**
   * `failed`: mandatory violations. `incomplete`: none among the resources seen, but opaque
   * components hide resources from the packs: also those some policy judges by their inputs, since
   * inputs decide a few properties, never the resources built from them (issue 14: no green verdict
   * on an unseen stack). `passed`: otherwise.
   */
  verdict: Verdict;
  summary: { mandatory: number; advisory: number; exempted: number; ruleErrors: number };
  /** `structureProbeMs`: the second program run of capture/probe.ts, when one was needed. */
  timings: { programMs: number; packStartMs: number; analysisMs: number; totalMs: number; resilienceMs?: number; structureProbeMs?: number };
  /** The pack's resilience assessment (schema: policies/lib/resilience/model.ts, README "Resilience assessment"), when the faultguard-aws pack ran. */
  resilience?: Assessment;
}

export type Verdict = "failed" | "incomplete" | "passed";

/** Component types that some enabled policy of a pack judges by their inputs (rule metadata in the wire protocol). */
function typesJudged(analyses: PackAnalysis[]): Set<string> {
  const types = new Set<string>();
  for (const a of analyses) {
    for (const policy of a.info.policies) {
      if (a.config[policy.name]?.enforcementLevel === "disabled") continue;
      for (const type of policy.rule?.resourceTypes ?? []) types.add(type);
    }
  }
  return types;
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

/** The part of a diagnostic message after the policy description the SDK prefixes to it. */
export function detailOf(message: string, description: string): string {
  return description && message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
}

const LEVEL_ORDER: Record<string, number> = { mandatory: 0, remediate: 0, advisory: 1, disabled: 2 };

/** For the text report: mandatory before advisory, then by the rule's severity (critical first), then resource and policy. */
export function byImportance(a: Finding, b: Finding): number {
  return (
    (LEVEL_ORDER[a.enforcementLevel] ?? 3) - (LEVEL_ORDER[b.enforcementLevel] ?? 3) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    `${a.urn}\u0000${a.policy}\u0000${a.message}`.localeCompare(`${b.urn}\u0000${b.policy}\u0000${b.message}`)
  );
}

export function buildReport(
  stack: CapturedStack,
  analyses: PackAnalysis[],
  timings: Omit<Report["timings"], "totalMs"> & { totalMs?: number },
): Report {
  const violations: Finding[] = [];
  const exempted: ExemptedFinding[] = [];
  const notEvaluated: Finding[] = [];
  const ruleErrors: Finding[] = [];
  const structurePasses: StructurePass[] = [];
  const seen = new Set<string>();
  for (const analysis of analyses) {
    for (const d of analysis.diagnostics) {
      const key = JSON.stringify([d.policyPackName, d.policyPackVersion, d.policyName, d.enforcementLevel, d.urn, d.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      const wire = decodeFinding(detailOf(d.message, d.description).trimStart());
      if (wire.kind === "structure-pass") {
        structurePasses.push({ policyPack: d.policyPackName || analysis.info.name, policy: d.policyName, urn: d.urn, type: typeOfUrn(d.urn), name: nameOfUrn(d.urn) });
        continue;
      }
      const finding: Finding = {
        policyPack: d.policyPackName || analysis.info.name,
        policyPackVersion: d.policyPackVersion || analysis.info.version,
        policy: d.policyName,
        enforcementLevel: d.enforcementLevel,
        severity: d.severity,
        kind: wire.kind,
        description: d.description,
        message: d.message,
        urn: d.urn,
        type: typeOfUrn(d.urn),
        name: nameOfUrn(d.urn),
        ...(wire.kind === "violation" && wire.fromStructure ? { decidedFromStructure: true as const } : {}),
      };
      if (wire.kind === "exempted") {
        const { reason, expires } = wire.exemption;
        exempted.push({ ...finding, ...(reason ? { reason } : {}), ...(expires ? { expires } : {}) });
      } else if (wire.kind === "rule-error") {
        ruleErrors.push(finding);
      } else if (wire.kind === "could-not-evaluate" && !wire.fromSdk && d.enforcementLevel === "advisory") {
        notEvaluated.push(finding);
      } else {
        // Counted as the engine counts it, @pulumi/policy's own "can't run … during preview" included.
        violations.push(finding);
      }
    }
  }
  const order = (f: Finding): string => `${f.policyPack}\u0000${f.urn}\u0000${f.policy}\u0000${f.message}`;
  for (const list of [violations, exempted, notEvaluated, ruleErrors]) list.sort((a, b) => order(a).localeCompare(order(b)));
  structurePasses.sort((a, b) => `${a.policyPack}\u0000${a.urn}\u0000${a.policy}`.localeCompare(`${b.policyPack}\u0000${b.urn}\u0000${b.policy}`));
  const analysisMs = timings.analysisMs;
  const judged = typesJudged(analyses);
  const opaque = opaqueComponents(stack).map((r) => ({ urn: r.urn, type: r.type, name: r.name, judgedByInputs: judged.has(r.type) }));
  const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate").length;
  return {
    project: stack.project,
    stack: stack.stack,
    policyPacks: analyses.map((a) => ({ name: a.info.name, version: a.info.version })),
    resourceCount: stack.resources.length,
    violations,
    exempted,
    notEvaluated,
    ruleErrors,
    structurePasses,
    opaqueComponents: opaque,
    verdict: mandatory > 0 ? "failed" : opaque.length > 0 ? "incomplete" : "passed",
    summary: {
      mandatory,
      advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
      exempted: exempted.length,
      ruleErrors: ruleErrors.length,
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
 * The (rule, resource) pairs a pack judges, when its policies declare their resource types in the
 * wire protocol's tags. More precise than "every policy that did not say not-applicable", which
 * counts a pack that evaluates all its rules in one dispatcher policy (as faultguard-aws does) on
 * every resource.
 */
function declaredChecks(analysis: PackAnalysis, stack: CapturedStack): PolicyCheck[] | undefined {
  const byType = new Map<string, string[]>();
  for (const policy of analysis.info.policies) {
    if (analysis.config[policy.name]?.enforcementLevel === "disabled") continue;
    for (const type of policy.rule?.resourceTypes ?? []) byType.set(type, [...(byType.get(type) ?? []), policy.name]);
  }
  if (byType.size === 0) return undefined;
  // Read resources (`Resource.get`) are never analyzed (see analyzedResources).
  return stack.resources.filter((r) => r.operation !== "read").flatMap((r) => (byType.get(r.type) ?? []).map((policy) => ({ policyPack: analysis.info.name, policy, urn: r.urn })));
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
    checks: analyses.flatMap((a) => declaredChecks(a, stack) ?? a.checks),
    programFile,
    sources,
    resourceTypes,
  };
}

export function hasMandatoryViolations(report: Report): boolean {
  return report.summary.mandatory > 0;
}
