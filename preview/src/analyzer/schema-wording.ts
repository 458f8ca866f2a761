// Policy-config errors in the engine's words. `pulumi preview` validates each policy's config with
// gojsonschema (pkg/resource/analyzer/config.go validatePolicyConfig: `err.String()` with a leading
// "(root): " trimmed) and prints one line per policy per error (pkg/engine/update.go
// loadPolicyPlugins: "validating policy config: <pack> <version>  <policy>: <error>", sorted).
// Users grep CI logs for these lines, so ajv's errors are rephrased into gojsonschema's default
// locale (locales.go of xeipuuv/gojsonschema): "<field>: <description>".
import { type ErrorObject } from "ajv";

/** gojsonschema's name for a JSON value's type ("integer" for whole numbers). */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** gojsonschema's JsonContext: "(root)" then the path, dot-separated. */
function fieldOf(instancePath: string): string {
  if (!instancePath) return "(root)";
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

function expectedTypes(type: unknown): string {
  const types = Array.isArray(type) ? type.map(String) : [String(type)];
  return types.length > 1 ? `[${types.join(",")}]` : types[0];
}

/** The description gojsonschema gives for the keyword that failed, or ajv's own message. */
function describe(e: ErrorObject, field: string): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `${String(p.missingProperty)} is required`;
    case "type":
      return `Invalid type. Expected: ${expectedTypes(p.type)}, given: ${typeName(e.data)}`;
    case "enum":
      return `${field} must be one of the following: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "maxLength":
      return `String length must be less than or equal to ${String(p.limit)}`;
    case "minLength":
      return `String length must be greater than or equal to ${String(p.limit)}`;
    case "pattern":
      return `Does not match pattern '${String(p.pattern)}'`;
    case "format":
      return `Does not match format '${String(p.format)}'`;
    case "maximum":
      return `Must be less than or equal to ${String(p.limit)}`;
    case "minimum":
      return `Must be greater than or equal to ${String(p.limit)}`;
    case "exclusiveMaximum":
      return `Must be less than ${String(p.limit)}`;
    case "exclusiveMinimum":
      return `Must be greater than ${String(p.limit)}`;
    case "multipleOf":
      return `Must be a multiple of ${String(p.multipleOf)}`;
    case "maxItems":
      return `Array must have at most ${String(p.limit)} items`;
    case "minItems":
      return `Array must have at least ${String(p.limit)} items`;
    case "uniqueItems":
      return "array items must be unique";
    case "maxProperties":
      return `Must have at most ${String(p.limit)} properties`;
    case "minProperties":
      return `Must have at least ${String(p.limit)} properties`;
    case "additionalProperties":
      return `Additional property ${String(p.additionalProperty)} is not allowed`;
    case "anyOf":
      return "Must validate at least one schema (anyOf)";
    case "oneOf":
      return "Must validate one and only one schema (oneOf)";
    case "allOf":
      return "Must validate all the schemas (allOf)";
    case "not":
      return "Must not validate the schema (not)";
    default:
      return e.message ?? "invalid";
  }
}

/**
 * One policy's ajv errors as gojsonschema's `err.String()` with "(root): " trimmed. Needs the
 * validator compiled with `verbose: true` (the failing value names the given type).
 */
export function gojsonschemaErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((e) => {
    const field = fieldOf(e.instancePath);
    const line = `${field}: ${describe(e, field)}`;
    return line.startsWith("(root): ") ? line.slice("(root): ".length) : line;
  });
}

/** The engine's line for one error of one policy. */
export function policyConfigErrorLine(pack: string, version: string, policy: string, error: string): string {
  return `validating policy config: ${pack} ${version}  ${policy}: ${error}`;
}
