// JUnit XML: one testsuite per policy pack, one testcase per (policy, resource) the pack checked;
// violations are failures (typed by the rule's severity when it has one), rule errors are errors,
// findings that could not be evaluated in preview are skipped.
import { type Finding, type PreviewResult } from "./model";

/** Escapes text for XML 1.0 content and attributes, dropping characters XML cannot carry. */
export function xmlEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

interface Case {
  policy: string;
  urn: string;
  failures: Finding[];
  errors: Finding[];
  skipped: Finding[];
}

function levelAndSeverity(f: Finding): string {
  return f.severity ? `${f.enforcementLevel}, ${f.severity}` : f.enforcementLevel;
}

export function renderJunit(result: PreviewResult): string {
  const { report } = result;
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalErrors = 0;
  let totalSkipped = 0;
  for (const pack of report.policyPacks) {
    const cases = new Map<string, Case>();
    const caseFor = (policy: string, urn: string): Case => {
      const key = `${policy}\u0000${urn}`;
      let c = cases.get(key);
      if (!c) {
        c = { policy, urn, failures: [], errors: [], skipped: [] };
        cases.set(key, c);
      }
      return c;
    };
    for (const check of result.checks.filter((c) => c.policyPack === pack.name)) caseFor(check.policy, check.urn);
    for (const v of report.violations.filter((f) => f.policyPack === pack.name)) {
      // The SDK's "can't run … during preview" counts as an advisory violation, but judged nothing.
      if (v.kind === "could-not-evaluate") caseFor(v.policy, v.urn).skipped.push(v);
      else caseFor(v.policy, v.urn).failures.push(v);
    }
    for (const n of report.notEvaluated.filter((f) => f.policyPack === pack.name)) caseFor(n.policy, n.urn).skipped.push(n);
    for (const e of report.ruleErrors.filter((f) => f.policyPack === pack.name)) caseFor(e.policy, e.urn).errors.push(e);
    const list = [...cases.values()].sort((a, b) => `${a.policy} ${a.urn}`.localeCompare(`${b.policy} ${b.urn}`));
    const failures = list.filter((c) => c.failures.length > 0).length;
    const errors = list.filter((c) => c.failures.length === 0 && c.errors.length > 0).length;
    const skipped = list.filter((c) => c.failures.length === 0 && c.errors.length === 0 && c.skipped.length > 0).length;
    totalTests += list.length;
    totalFailures += failures;
    totalErrors += errors;
    totalSkipped += skipped;
    const body = list.map((c) => {
      const attrs = `classname="${xmlEscape(`${pack.name}.${c.policy}`)}" name="${xmlEscape(`${c.policy} ${c.urn}`)}" time="0"`;
      if (c.failures.length > 0) {
        const inner = c.failures
          .map((f) => `      <failure message="${xmlEscape(`[${levelAndSeverity(f)}] ${f.message.split("\n").pop() ?? ""}`)}" type="${xmlEscape(f.severity || f.enforcementLevel)}">${xmlEscape(`${f.message}\n${f.urn}`)}</failure>`)
          .join("\n");
        return `    <testcase ${attrs}>\n${inner}\n    </testcase>`;
      }
      if (c.errors.length > 0) {
        const inner = c.errors.map((f) => `      <error message="${xmlEscape(f.message.split("\n").pop() ?? "")}" type="rule-error">${xmlEscape(`${f.message}\n${f.urn}`)}</error>`).join("\n");
        return `    <testcase ${attrs}>\n${inner}\n    </testcase>`;
      }
      if (c.skipped.length > 0) return `    <testcase ${attrs}>\n      <skipped message="${xmlEscape(c.skipped[0].message)}"/>\n    </testcase>`;
      return `    <testcase ${attrs}/>`;
    });
    suites.push(
      `  <testsuite name="${xmlEscape(`${pack.name}@${pack.version}`)}" tests="${list.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(report.timings.analysisMs / 1000).toFixed(3)}">\n${body.join("\n")}\n  </testsuite>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="faultguard preview ${xmlEscape(`${report.project}/${report.stack}`)}" tests="${totalTests}" failures="${totalFailures}" errors="${totalErrors}" skipped="${totalSkipped}">\n` +
    `${suites.join("\n")}\n</testsuites>\n`
  );
}
