// --fixtures FILE: answers for provider functions and outputs for resources the mock cannot compute
// (remote components such as awsx:ec2:Vpc), in JSON or YAML:
//   invokes:   { "<token>": <result> }
//   resources: { "<type token | URN | resource name>": { <output>: <value>, id?: "..." } }
import * as fs from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { UsageError } from "../errors";
import { type InvokeFixtures } from "./types";
import { type JsonObject, type JsonValue } from "./values";

export const fixturesSchema = z
  .object({
    invokes: z.record(z.string(), z.json()).optional(),
    resources: z.record(z.string(), z.record(z.string(), z.json())).optional(),
  })
  .strict();

export function loadFixtures(file: string): InvokeFixtures {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`--fixtures ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  let raw: unknown;
  try {
    raw = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new UsageError(`--fixtures ${file}: not valid ${file.endsWith(".json") ? "JSON" : "YAML"} (${(err as Error).message.split("\n")[0]}).`);
  }
  const parsed = fixturesSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join(".") : "(top level)";
    throw new UsageError(`--fixtures ${file}: ${where}: ${issue.message}. Expected "invokes: { <token>: <result> }" and/or "resources: { <type|urn|name>: { <output>: <value> } }".`);
  }
  return {
    invokes: parsed.data.invokes as Record<string, JsonValue> | undefined,
    resources: parsed.data.resources as Record<string, JsonObject> | undefined,
  };
}
