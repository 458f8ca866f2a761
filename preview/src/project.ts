// A Pulumi project on disk: Pulumi.yaml (name, runtime, main, stackConfigDir, project config) and
// its stacks' Pulumi.<stack>.yaml configuration, read the way the Pulumi CLI reads them.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { UsageError } from "./errors";

export interface PulumiProject {
  dir: string;
  name: string;
  runtime: string;
  typescript: boolean;
  nodeargs: string[];
  /** Absolute path of the program entry (file or directory), from `main` (default: the project dir). */
  main: string;
  stackConfigDir: string;
  /** Project-level config defaults (`config:` in Pulumi.yaml), namespaced. */
  configDefaults: Record<string, string>;
}

export interface StackConfig {
  config: Record<string, string>;
  secretKeys: string[];
}

/** Stands in for `secure:` values: the preview never has the stack's secrets provider. */
export const SECRET_PLACEHOLDER = "faultguard-preview-secret";

type Yaml = Record<string, unknown>;

function readYaml(file: string, what: string): Yaml {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`${what} ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw new UsageError(`${file} must be a YAML mapping.`);
  return parsed as Yaml;
}

function projectFile(dir: string): string | undefined {
  for (const name of ["Pulumi.yaml", "Pulumi.yml"]) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** Encodes a config value the way Pulumi stores it for the program: strings as-is, others as JSON. */
function encodeValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function namespaced(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

export function loadProject(dir: string): PulumiProject {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new UsageError(`PROGRAM_DIR ${dir} is not a directory.`);
  const file = projectFile(abs);
  if (!file) throw new UsageError(`${abs} has no Pulumi.yaml; pass the directory of a Pulumi project as PROGRAM_DIR.`);
  const yaml = readYaml(file, "Project file");
  const name = yaml.name;
  if (typeof name !== "string" || name === "") throw new UsageError(`${file}: "name" is required (the project name used in URNs).`);
  const runtimeField = yaml.runtime;
  const runtime = typeof runtimeField === "string" ? runtimeField : ((runtimeField as Yaml | undefined)?.name as string | undefined);
  if (runtime !== "nodejs") {
    throw new UsageError(`${file}: runtime is ${JSON.stringify(runtime ?? null)}; faultguard preview runs nodejs (TypeScript/JavaScript) programs only.`);
  }
  const options = (typeof runtimeField === "object" && runtimeField !== null ? ((runtimeField as Yaml).options as Yaml | undefined) : undefined) ?? {};
  const nodeargs = typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [];
  const main = path.resolve(abs, typeof yaml.main === "string" ? yaml.main : ".");
  if (!fs.existsSync(main) && !fs.existsSync(`${main}.ts`) && !fs.existsSync(`${main}.js`)) {
    throw new UsageError(`${file}: main ${JSON.stringify(yaml.main)} does not exist (${main}).`);
  }
  const configDefaults: Record<string, string> = {};
  const projectConfig = yaml.config;
  if (projectConfig && typeof projectConfig === "object" && !Array.isArray(projectConfig)) {
    for (const [key, spec] of Object.entries(projectConfig as Yaml)) {
      if (spec !== null && typeof spec === "object" && !Array.isArray(spec)) {
        const s = spec as Yaml;
        const value = "value" in s ? s.value : s.default;
        if (value !== undefined) configDefaults[namespaced(name, key)] = encodeValue(value);
      } else if (spec !== undefined && spec !== null) {
        configDefaults[namespaced(name, key)] = encodeValue(spec);
      }
    }
  }
  return {
    dir: abs,
    name,
    runtime,
    typescript: options.typescript !== false,
    nodeargs,
    main,
    stackConfigDir: path.resolve(abs, typeof yaml.stackConfigDir === "string" ? yaml.stackConfigDir : "."),
    configDefaults,
  };
}

export function listStacks(project: PulumiProject): string[] {
  if (!fs.existsSync(project.stackConfigDir)) return [];
  return fs
    .readdirSync(project.stackConfigDir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

// Pulumi's rule for stack names (pkg/backend/httpstate/backend.go and diy/backend.go, validateStackName:
// `^[A-Za-z0-9_.-]{1,100}$`); a stack reference may be qualified as org/name or org/project/name.
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** The stack name of a `--stack` reference (`name`, `org/name` or `org/project/name`), validated as Pulumi does. */
export function parseStackReference(project: PulumiProject, reference: string): string {
  const parts = reference.split("/");
  const name = parts[parts.length - 1];
  const problem =
    parts.length > 3
      ? "a stack reference is NAME, ORG/NAME or ORG/PROJECT/NAME"
      : parts.some((p) => p === "")
        ? "a part of the reference is empty"
        : !STACK_NAME.test(name)
          ? "stack names may only contain alphanumeric characters, hyphens, underscores or periods (at most 100)"
          : parts.length === 3 && parts[1] !== project.name
            ? `it names project "${parts[1]}", but this project is "${project.name}"`
            : undefined;
  if (problem) throw new UsageError(`--stack ${JSON.stringify(reference)} is not a valid stack name: ${problem}.`);
  return name;
}

/**
 * `--stack` if given, else the only stack that has a config file. Offline, the stacks that exist are
 * the ones with a Pulumi.<stack>.yaml: a name that is not among them stops the run, as Pulumi stops
 * for a stack that does not exist (a project without any stack config file takes any valid name).
 */
export function chooseStack(project: PulumiProject, requested: string | undefined): string {
  const stacks = listStacks(project);
  if (requested !== undefined) {
    const name = parseStackReference(project, requested);
    if (stacks.length > 0 && !stacks.includes(name)) {
      throw new UsageError(`no stack named "${name}" found: ${project.stackConfigDir} has config for ${stacks.map((s) => `"${s}"`).join(", ")}; pass one of them with --stack.`);
    }
    return name;
  }
  if (stacks.length === 1) return stacks[0];
  if (stacks.length === 0) {
    throw new UsageError(`No stack given and ${project.stackConfigDir} has no Pulumi.<stack>.yaml; pass --stack NAME.`);
  }
  throw new UsageError(`No stack given and ${project.stackConfigDir} has several stacks (${stacks.join(", ")}); pass --stack NAME.`);
}

function isSecure(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;
}

/**
 * A config value with every `secure:` value in it (at the top or nested in a structured value)
 * replaced by the stand-in; `secret` when there was one, so the whole key is a secret, as Pulumi
 * marks a structured value that holds a secure part.
 */
function withoutCiphertext(value: unknown): { value: unknown; secret: boolean } {
  if (isSecure(value)) return { value: SECRET_PLACEHOLDER, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(withoutCiphertext);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Yaml).map(([k, v]) => [k, withoutCiphertext(v)] as const);
    return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
  }
  return { value, secret: false };
}

export function loadStackConfig(project: PulumiProject, stack: string): StackConfig {
  const config: Record<string, string> = { ...project.configDefaults };
  const secretKeys: string[] = [];
  const candidates = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].map((f) => path.join(project.stackConfigDir, f));
  const file = candidates.find((f) => fs.existsSync(f));
  if (file) {
    const yaml = readYaml(file, "Stack config");
    const entries = yaml.config ?? {};
    if (typeof entries !== "object" || entries === null || Array.isArray(entries)) throw new UsageError(`${file}: "config" must be a mapping of keys to values.`);
    for (const [rawKey, value] of Object.entries(entries as Yaml)) {
      const key = namespaced(project.name, rawKey);
      const { value: plain, secret } = withoutCiphertext(value);
      config[key] = encodeValue(plain);
      if (secret) secretKeys.push(key);
    }
  }
  return { config, secretKeys };
}

/** Applies `--config KEY=VALUE` flags (bare keys namespaced with the project). */
export function applyConfigOverrides(project: PulumiProject, base: StackConfig, overrides: string[]): StackConfig {
  const config = { ...base.config };
  for (const pair of overrides) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--config ${JSON.stringify(pair)}: expected KEY=VALUE, e.g. --config aws:region=eu-west-1.`);
    config[namespaced(project.name, pair.slice(0, eq))] = pair.slice(eq + 1);
  }
  return { config, secretKeys: base.secretKeys.filter((k) => !overrides.some((o) => namespaced(project.name, o.split("=")[0]) === k)) };
}

/**
 * The stack tags a policy pack sees: the automatic `pulumi:project` and `pulumi:runtime` tags, plus
 * the `pulumi:tags` map of the stack config (how Pulumi declares stack tags in `Pulumi.<stack>.yaml`).
 */
export function stackTagsOf(project: PulumiProject, config: Record<string, string>): Record<string, string> {
  const tags: Record<string, string> = { "pulumi:project": project.name, "pulumi:runtime": project.runtime };
  const declared = config["pulumi:tags"];
  if (declared !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(declared);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new UsageError(`Stack config "pulumi:tags" must be a mapping of tag names to strings, e.g. "pulumi:tags: { faultguard:profile: development }".`);
    }
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof value !== "string") {
        throw new UsageError(`Stack config "pulumi:tags.${key}" must be a string (stack tag values are strings).`);
      }
      tags[key] = value;
    }
  }
  return tags;
}
