// The second line of defence for secrets: every value the program marked secret (`pulumi.secret`,
// `config.requireSecret`, secret outputs; secret config stand-ins) is hidden from every report
// message before any format is rendered, wholly and in part (policies/lib/redact.ts).
import { secretLeaves, SecretRedactor } from "../../../policies/lib/redact";
import { type CapturedStack } from "../capture/types";
import { type JsonValue, SIG, SPECIAL_SIG_KEY, UNKNOWN_SENTINEL } from "../capture/values";
import { SECRET_PLACEHOLDER } from "../project";
import { type Report } from "./model";

function collectSecrets(value: JsonValue, out: Set<string>, depth = 0): void {
  if (depth > 64 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const v of value) collectSecrets(v, out, depth + 1);
    return;
  }
  if (value[SPECIAL_SIG_KEY] === SIG.secret) {
    secretLeaves(value.value ?? null, out);
    return;
  }
  for (const v of Object.values(value)) collectSecrets(v, out, depth + 1);
}

/** Every secret value in the captured stack's resources. */
export function secretValuesOf(stack: CapturedStack): Set<string> {
  const out = new Set<string>();
  for (const r of stack.resources) {
    collectSecrets(r.wireInputs, out);
    collectSecrets(r.wireOutputs, out);
  }
  out.delete(UNKNOWN_SENTINEL);
  // The stand-in for secure config is no secret itself; its parts are ordinary words.
  out.delete(SECRET_PLACEHOLDER);
  return out;
}

/** The report with every secret hidden from every text a finding carries. */
export function redactReport(report: Report, stack: CapturedStack): Report {
  const redactor = new SecretRedactor(secretValuesOf(stack), [SECRET_PLACEHOLDER]);
  const clean = <T extends { message: string; description: string; reason?: string }>(f: T): T => ({
    ...f,
    message: redactor.redact(f.message),
    description: redactor.redact(f.description),
    ...(f.reason !== undefined ? { reason: redactor.redact(f.reason) } : {}),
  });
  return {
    ...report,
    violations: report.violations.map(clean),
    exempted: report.exempted.map(clean),
    notEvaluated: report.notEvaluated.map(clean),
    ruleErrors: report.ruleErrors.map(clean),
  };
}
