// Policy configuration exactly as `pulumi preview --policy-pack-config FILE` handles it:
//   { "all": "advisory", "<policy>": "mandatory", "<policy>": { "enforcementLevel": "...", ...properties } }
// Reconciled like the CLI (policy defaults and schema defaults, then the pack's initialConfig, then
// the user's file; "all" first in each layer), then validated against each policy's configSchema.
import * as fs from "node:fs";
import Ajv from "ajv";
import { type JsonObject, type JsonValue } from "../capture/values";
import { PolicyConfigError, UsageError } from "../errors";
import { gojsonschemaErrors, policyConfigErrorLine } from "./schema-wording";
import { ENFORCEMENT_LEVELS, type EnforcementLevel, type PackInfo, type PolicyConfigEntry } from "./types";

/** A user policy config: what the JSON file contains, after parsing. */
export type PolicyConfigInput = Record<string, unknown>;

interface NormalizedEntry {
  enforcementLevel?: EnforcementLevel;
  properties: JsonObject;
}

function isLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

function levelError(where: string, policy: string, value: unknown): PolicyConfigError {
  return new PolicyConfigError(
    `${where}: "${policy}" has enforcement level ${JSON.stringify(value)}; use one of ${ENFORCEMENT_LEVELS.map((l) => `"${l}"`).join(", ")}.`,
  );
}

/** Parses one config layer (a string level or an object with enforcementLevel + properties per policy). */
export function normalizePolicyConfig(config: PolicyConfigInput, where: string): Record<string, NormalizedEntry> {
  const out: Record<string, NormalizedEntry> = {};
  for (const [policy, value] of Object.entries(config)) {
    if (typeof value === "string") {
      if (!isLevel(value)) throw levelError(where, policy, value);
      out[policy] = { enforcementLevel: value, properties: {} };
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const { enforcementLevel, ...properties } = value as Record<string, JsonValue>;
      if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) throw levelError(where, policy, enforcementLevel);
      if (policy === "all" && Object.keys(properties).length > 0) {
        throw new PolicyConfigError(`${where}: "all" only takes an enforcement level, not properties (${Object.keys(properties).join(", ")}).`);
      }
      out[policy] = { enforcementLevel: enforcementLevel as EnforcementLevel | undefined, properties: properties as JsonObject };
    } else {
      throw new PolicyConfigError(`${where}: "${policy}" must be an enforcement level string or an object, not ${JSON.stringify(value)}.`);
    }
  }
  return out;
}

function applyLayer(result: Record<string, PolicyConfigEntry>, layer: Record<string, NormalizedEntry>): void {
  const all = layer.all?.enforcementLevel;
  if (all) for (const entry of Object.values(result)) entry.enforcementLevel = all;
  for (const [policy, given] of Object.entries(layer)) {
    if (policy === "all") continue;
    const entry = result[policy] ?? { enforcementLevel: "advisory", properties: {} };
    if (given.enforcementLevel) entry.enforcementLevel = given.enforcementLevel;
    entry.properties = { ...entry.properties, ...given.properties };
    result[policy] = entry;
  }
}

/**
 * The configuration to send in Configure: one entry per policy of the pack. Unknown policy names and
 * properties the policy's schema rejects are errors, reported together in one message.
 */
export function reconcilePolicyConfig(info: PackInfo, userConfig: PolicyConfigInput | undefined, where = "policy config"): Record<string, PolicyConfigEntry> {
  const result: Record<string, PolicyConfigEntry> = {};
  for (const policy of info.policies) {
    const defaults: JsonObject = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if (schema && typeof schema === "object" && !Array.isArray(schema) && "default" in schema) defaults[key] = schema.default;
    }
    result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties: defaults };
  }
  const initial: Record<string, NormalizedEntry> = {};
  for (const [name, entry] of Object.entries(info.initialConfig)) initial[name] = { enforcementLevel: entry.enforcementLevel, properties: entry.properties ?? {} };
  applyLayer(result, initial);
  if (userConfig) {
    const layer = normalizePolicyConfig(userConfig, where);
    const known = new Set(info.policies.map((p) => p.name));
    const unknown = Object.keys(layer).filter((name) => name !== "all" && !known.has(name));
    if (unknown.length > 0) {
      throw new PolicyConfigError(
        `${where}: ${unknown.map((n) => `"${n}"`).join(", ")} ${unknown.length === 1 ? "is not a policy" : "are not policies"} of pack ${info.name}@${info.version}. ` +
          `Its policies are: ${[...known].join(", ")}.`,
      );
    }
    applyLayer(result, layer);
  }
  validatePolicyConfig(info, result, where);
  return result;
}

type Validator = ReturnType<Ajv["compile"]>;
/** Each pack's config validators, compiled once per pack (a pack is configured once per analysis). */
const validatorsByPack = new WeakMap<PackInfo, Map<string, Validator>>();

function validatorsOf(info: PackInfo): Map<string, Validator> {
  let validators = validatorsByPack.get(info);
  if (!validators) {
    // verbose: errors carry the failing value, which gojsonschema's wording names the type of.
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    validators = new Map();
    for (const policy of info.policies) {
      if (!policy.configSchema) continue;
      validators.set(policy.name, ajv.compile({ type: "object", properties: policy.configSchema.properties, required: policy.configSchema.required }));
    }
    validatorsByPack.set(info, validators);
  }
  return validators;
}

function validatePolicyConfig(info: PackInfo, config: Record<string, PolicyConfigEntry>, where: string): void {
  const validators = validatorsOf(info);
  const lines: string[] = [];
  for (const policy of info.policies) {
    const validate = validators.get(policy.name);
    if (!validate) continue;
    if (!validate(config[policy.name]?.properties ?? {})) {
      for (const error of gojsonschemaErrors(validate.errors ?? [])) lines.push(policyConfigErrorLine(info.name, info.version, policy.name, error));
    }
  }
  if (lines.length > 0) {
    // One line per policy per error, sorted, as `pulumi preview` prints them.
    throw new PolicyConfigError(`${where} is not valid for pack ${info.name}@${info.version}:\n${lines.sort().join("\n")}`);
  }
}

/** Reads a --policy-pack-config file (JSON, as Pulumi accepts). */
export function loadPolicyConfigFile(file: string): PolicyConfigInput {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`--policy-pack-config ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--policy-pack-config ${file}: not valid JSON (${(err as Error).message}).`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--policy-pack-config ${file}: must be a JSON object mapping policy names (or "all") to a level or an object.`);
  }
  return parsed as PolicyConfigInput;
}
