// The second line of defence for secrets: every value the program marked secret (`pulumi.secret`,
// `config.requireSecret`, secret outputs; secret config stand-ins) is hidden from every report
// message before any format is rendered, wholly and in part (policies/lib/redact.ts).
import { secretLeaves, SecretRedactor } from "../../../policies/lib/redact";
import { type CapturedStack } from "../capture/types";
import { type JsonValue, SIG, SPECIAL_SIG_KEY, UNKNOWN_SENTINEL } from "../capture/values";
import { SECRET_PLACEHOLDER } from "../project";
import { type PreviewResult, type Report } from "./model";

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

/** Every string inside `value` (not object keys) through `redact`. */
function redactStrings<T>(value: T, redact: (text: string) => string, depth = 0): T {
  if (typeof value === "string") return redact(value) as T;
  if (depth > 64 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v: unknown) => redactStrings(v, redact, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, redact, depth + 1)])) as T;
}

/**
 * The report with every secret hidden from every string of every finding (messages, reasons, and
 * names and URNs too: a program may name a resource after a secret) and of the resilience section.
 */
function redactWith(report: Report, redactor: SecretRedactor): Report {
  if (redactor.empty) return report;
  const redact = (text: string) => redactor.redact(text);
  return {
    ...report,
    violations: redactStrings(report.violations, redact),
    exempted: redactStrings(report.exempted, redact),
    notEvaluated: redactStrings(report.notEvaluated, redact),
    ruleErrors: redactStrings(report.ruleErrors, redact),
    opaqueComponents: redactStrings(report.opaqueComponents, redact),
    ...(report.resilience ? { resilience: redactStrings(report.resilience, redact) } : {}),
  };
}

/** The preview result with the report redacted, and the checks too (JUnit lists every check by URN). */
export function redactPreviewResult(result: PreviewResult, stack: CapturedStack): PreviewResult {
  const redactor = new SecretRedactor(secretValuesOf(stack), [SECRET_PLACEHOLDER]);
  if (redactor.empty) return result;
  return { ...result, report: redactWith(result.report, redactor), checks: redactStrings(result.checks, (text) => redactor.redact(text)) };
}
