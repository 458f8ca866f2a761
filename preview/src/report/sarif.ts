// SARIF 2.1.0 for GitHub code scanning: one run, rules described from the packs' GetAnalyzerInfo
// metadata, one result per violation with the resource URN as a logical location and the line that
// registered the resource (or the program's entry file) as the physical location code scanning needs.
import { createHash } from "node:crypto";
import * as path from "node:path";
import type * as Sarif from "sarif";
import { type PolicyMetadata } from "../analyzer/types";
import { type Finding, type PreviewResult, type StructurePass } from "./model";

const TOOL_VERSION = "0.1.0";
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.0", high: "7.0", medium: "5.0", low: "3.0" };

function ruleId(pack: string, policy: string): string {
  return `${pack}/${policy}`;
}

/**
 * A mandatory finding blocks the deployment: always an error. Below that the rule's severity ranks
 * it: a low-severity advisory is a note, any other advisory a warning.
 */
function levelOf(enforcementLevel: string, severity: string): Sarif.Result.level {
  if (enforcementLevel === "mandatory" || enforcementLevel === "remediate") return "error";
  if (enforcementLevel === "disabled") return "none";
  return severity === "low" ? "note" : "warning";
}

/** Code scanning's 0–10 severity score and SARIF's 0–100 rank, from the rule's severity. */
function severityProperties(severity: string): { "security-severity"?: string; severity?: string } {
  return SECURITY_SEVERITY[severity] ? { severity, "security-severity": SECURITY_SEVERITY[severity] } : {};
}

function isAbsoluteUri(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text);
}

function describeRule(pack: string, policy: PolicyMetadata): Sarif.ReportingDescriptor {
  const rule: Sarif.ReportingDescriptor = {
    id: ruleId(pack, policy.name),
    name: policy.name,
    shortDescription: { text: policy.displayName || policy.name },
    fullDescription: { text: policy.description || policy.displayName || policy.name },
    help: { text: [policy.description, policy.message, policy.remediationSteps].filter(Boolean).join("\n\n") || policy.name },
    defaultConfiguration: { level: levelOf(policy.enforcementLevel, policy.severity), enabled: policy.enforcementLevel !== "disabled" },
    properties: {
      tags: [...policy.tags, "pulumi-policy", pack],
      enforcementLevel: policy.enforcementLevel,
      ...severityProperties(policy.severity),
    },
  };
  if (policy.url && isAbsoluteUri(policy.url)) rule.helpUri = policy.url;
  return rule;
}

function artifactUri(file: string, baseDir: string): string {
  const rel = path.relative(baseDir, file);
  return (rel.startsWith("..") || path.isAbsolute(rel) ? file : rel).split(path.sep).join("/");
}

export function fingerprint(policyPack: string, policy: string, urn: string): string {
  return createHash("sha256").update(`${policyPack}\u0000${policy}\u0000${urn}`).digest("hex");
}

export function renderSarif(result: PreviewResult, baseDir: string = process.cwd()): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = [];
  const index = new Map<string, number>();
  for (const { info } of result.packs) {
    for (const policy of info.policies) {
      index.set(ruleId(info.name, policy.name), rules.length);
      rules.push(describeRule(info.name, policy));
    }
  }
  const location = (f: Finding | StructurePass): Sarif.Location => {
    const source = result.sources[f.urn];
    const file = source?.file ?? result.programFile;
    const loc: Sarif.Location = {
      logicalLocations: [{ fullyQualifiedName: f.urn, name: f.name, kind: "resource" }],
    };
    if (file) {
      loc.physicalLocation = {
        artifactLocation: { uri: artifactUri(file, baseDir), uriBaseId: "%SRCROOT%" },
        region: { startLine: Math.max(1, source?.line ?? 1) },
      };
    }
    return loc;
  };
  // Alerts are what a rule judged; the SDK's "can't run … during preview" judged nothing.
  const results: Sarif.Result[] = result.report.violations.filter((f) => f.kind === "violation").map((f) => {
    const id = ruleId(f.policyPack, f.policy);
    const res: Sarif.Result = {
      ruleId: id,
      level: levelOf(f.enforcementLevel, f.severity),
      ...(SECURITY_SEVERITY[f.severity] ? { rank: Number(SECURITY_SEVERITY[f.severity]) * 10 } : {}),
      message: { text: `${f.message}\n(${f.type}: ${f.name})` },
      locations: [location(f)],
      partialFingerprints: { "faultguardPolicyUrn/v1": fingerprint(f.policyPack, f.policy, f.urn) },
      properties: {
        enforcementLevel: f.enforcementLevel,
        kind: f.kind,
        ...severityProperties(f.severity),
        policyPack: f.policyPack,
        policyPackVersion: f.policyPackVersion,
        urn: f.urn,
        ...(f.decidedFromStructure ? { decidedFromStructure: true } : {}),
      },
    };
    const ruleIndex = index.get(id);
    if (ruleIndex !== undefined) res.ruleIndex = ruleIndex;
    return res;
  });
  // A pass decided on a document's structure is worth showing: `pulumi preview` cannot evaluate it.
  for (const p of result.report.structurePasses) {
    const id = ruleId(p.policyPack, p.policy);
    const res: Sarif.Result = {
      ruleId: id,
      kind: "pass",
      level: "none",
      message: { text: `Passed on the document's structure; its IDs are unknown until deployment.\n(${p.type}: ${p.name})` },
      locations: [location(p)],
      properties: { policyPack: p.policyPack, urn: p.urn, decidedFromStructure: true },
    };
    const ruleIndex = index.get(id);
    if (ruleIndex !== undefined) res.ruleIndex = ruleIndex;
    results.push(res);
  }
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "faultguard-preview",
            fullName: "faultguard preview (offline Pulumi CrossGuard analysis)",
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            rules,
          },
          extensions: result.packs.map(({ info }) => ({ name: info.name, version: info.version })),
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: `${new URL(`file://${path.resolve(baseDir)}/`).href}` } },
        results,
        // An incomplete verdict is about the run, not a resource: one notification, plus the verdict.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.report.opaqueComponents.map((c) => ({
              level: "warning" as const,
              descriptor: { id: "incomplete" },
              message: {
                text: `Incomplete: ${c.type} ${c.name} is built by a provider plugin; its resources are not visible offline and ${c.judgedByInputs ? "policies judged only its inputs" : "no policy judged it"} (${c.urn}).`,
              },
            })),
          },
        ],
        properties: { project: result.report.project, stack: result.report.stack, resourceCount: result.report.resourceCount, verdict: result.report.verdict },
      },
    ],
  };
}
