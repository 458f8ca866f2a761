// Human-readable report, laid out like the policy section of `pulumi preview`: per pack,
// "[level, severity]  policy  (type: name)", then the message and the URN; mandatory first, then by
// the rule's severity.
import { byImportance, type Finding, type PreviewResult } from "./model";
import { scorecard, scoredRules } from "./scorecard";
import { renderResilienceText } from "./resilience";

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => (line ? prefix + line : line))
    .join("\n");
}

/**
 * A type token as the Pulumi CLI displays it (sdk/go/common/tokens/tokens.go, Type.DisplayName):
 * `pkg:mod/file:Name` becomes `pkg:mod:Name` when `file` is `Name` in camelCase; anything else stays.
 */
export function displayType(type: string): string {
  const parts = type.split(":");
  if (parts.length !== 3 || parts[2] === "") return type;
  const [pkg, module, name] = parts;
  const slash = module.lastIndexOf("/");
  if (slash < 0) return type;
  const camel = name[0].toLowerCase() + name.slice(1);
  return module.slice(slash + 1) === camel ? `${pkg}:${module.slice(0, slash)}:${name}` : type;
}

function findingLines(f: Finding, extra?: string): string {
  // The rule's severity, when the pack declares one, ranks findings of the same level.
  const head = `- [${f.enforcementLevel}${f.severity ? `, ${f.severity}` : ""}]  ${f.policy}  (${displayType(f.type)}: ${f.name})`;
  // A verdict decided from a document's structure carries the wire marker "[decided from structure]" in its message.
  return [head, indent(f.message, "  "), extra ? `  ${extra}` : "", `  ${f.urn}`].filter(Boolean).join("\n");
}

export function renderText(result: PreviewResult): string {
  const { report } = result;
  const out: string[] = [];
  out.push(`faultguard preview: ${report.project}/${report.stack}, ${report.resourceCount} resources`);
  out.push("");
  out.push("Policies:");
  for (const pack of report.policyPacks) {
    const violations = report.violations.filter((v) => v.policyPack === pack.name).sort(byImportance);
    const failed = violations.some((v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate");
    const mark = failed ? "❌" : violations.length ? "⚠️" : "✅";
    const dir = result.packs.find((p) => p.info.name === pack.name)?.dir;
    out.push(`    ${mark} ${pack.name}@v${pack.version}${dir ? ` (local: ${dir})` : ""}`);
    for (const f of violations) out.push(indent(findingLines(f), "        "));
  }
  const sections: Array<[string, Finding[], (f: Finding) => string | undefined]> = [
    ["Exempted (not counted)", report.exempted, (f) => ("reason" in f && typeof f.reason === "string" ? `reason: ${f.reason}` : undefined)],
    ["Not evaluated during preview (values unknown until deployment)", report.notEvaluated, () => undefined],
    ["Rule errors (the rule threw; its verdict on the resource is unknown)", report.ruleErrors, () => undefined],
  ];
  for (const [title, findings, extra] of sections) {
    if (findings.length === 0) continue;
    out.push("", `${title}:`);
    for (const f of [...findings].sort(byImportance)) out.push(indent(findingLines(f, extra(f)), "    "));
  }
  if (report.structurePasses.length > 0) {
    out.push("", "Passed on the document's structure (its IDs are unknown until deployment; `pulumi preview` cannot evaluate these):");
    for (const p of report.structurePasses) out.push(`    - ${p.policy}  (${displayType(p.type)}: ${p.name})  ${p.urn}`);
  }
  if (report.opaqueComponents.length > 0) {
    out.push("", "Opaque components (built by a provider plugin; their children are not visible offline — supply outputs with --fixtures):");
    for (const c of report.opaqueComponents) out.push(`    - ${displayType(c.type)}: ${c.name}  ${c.urn}${c.judgedByInputs ? "  (judged by its inputs)" : ""}`);
  }
  for (const pack of result.packs) {
    const scores = scorecard(result, pack.info.name, scoredRules(pack.info)).filter((s) => s.applicable > 0);
    if (scores.length === 0) continue;
    out.push("", `Scorecard (${pack.info.name}):`);
    for (const s of scores) out.push(`    ${s.pillar}: ${s.passed}/${s.applicable}`);
  }
  if (report.resilience) out.push("", renderResilienceText(report.resilience));
  const { summary, timings } = report;
  out.push("");
  out.push(
    `Summary: ${summary.mandatory} mandatory, ${summary.advisory} advisory, ${summary.exempted} exempted, ${report.notEvaluated.length} not evaluated` +
      (summary.ruleErrors > 0 ? `, ${summary.ruleErrors} rule errors` : "") +
      ` — program ${timings.programMs} ms, pack start ${timings.packStartMs} ms, analysis ${timings.analysisMs} ms, total ${timings.totalMs} ms`,
  );
  const opaque = report.opaqueComponents.length;
  if (opaque > 0) {
    const judged = report.opaqueComponents.filter((c) => c.judgedByInputs).length;
    const partly = judged === 0 ? "" : ` (${judged === opaque ? (opaque === 1 ? "it was" : "all were") : `${judged} of them were`} judged by their inputs only)`;
    out.push(`Incomplete: ${opaque} opaque component${opaque === 1 ? "" : "s"} hide${opaque === 1 ? "s" : ""} resources no policy saw (listed above)${partly}; the stack was not fully checked.`);
  }
  const crashed = report.ruleErrors.some((f) => f.enforcementLevel === "mandatory" || f.enforcementLevel === "remediate");
  const results: Record<typeof report.verdict, string> = {
    failed: "Result: FAILED (mandatory policy violations)",
    incomplete: "Result: INCOMPLETE (no mandatory policy violations among the resources seen; opaque components were not checked)",
    passed: "Result: passed (no mandatory policy violations)",
  };
  out.push(crashed ? "Result: FAILED (a mandatory rule crashed; the verdict is incomplete)" : results[report.verdict]);
  return `${out.join("\n")}\n`;
}
