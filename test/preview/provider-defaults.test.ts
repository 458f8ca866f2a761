// The AWS provider defaults faultguard preview fills in, as the provider's Check does before the
// engine calls Analyze (issue 14 item 1).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { captureInline } from "../../preview/src/capture/inline";
import { applyProviderDefaults, AWS_PROVIDER_DEFAULTS, fillDefaults, isBlock, NOT_FILLED, type ProviderEntry } from "../../preview/src/capture/provider-defaults";
import { SIG, SPECIAL_SIG_KEY, UNKNOWN_SENTINEL } from "../../preview/src/capture/values";
import { TERRAFORM_BLOCK_DEFAULTS } from "../../policies/lib/target-group-health-check";

const AWS_PACKAGE = path.dirname(require.resolve("@pulumi/aws/package.json"));

/** The body of `interface <name> {` in a .d.ts text (top level or inside a namespace). */
function interfaceBody(text: string, name: string, where: string): string {
  const start = text.search(new RegExp(`\\binterface ${name} \\{`));
  assert.ok(start >= 0, `interface ${name} not found in ${where}`);
  const end = text.indexOf("\n}", start);
  const nested = text.indexOf("\n    }\n", start);
  return text.slice(start, nested >= 0 && nested < end ? nested : end);
}

/** The doc comment and the declared type of `property` in an interface body. */
function documentedProperty(body: string, property: string, where: string): { doc: string; type: string } {
  const match = new RegExp(`\\n\\s+(readonly )?${property}\\?: ([^\\n]*)`).exec(body);
  assert.ok(match, `${where}: no input ${property}`);
  const before = body.slice(0, match.index);
  return { doc: before.slice(before.lastIndexOf("/**")), type: match[2] };
}

const INPUT_TYPES = fs.readFileSync(path.join(AWS_PACKAGE, "types", "input.d.ts"), "utf8");

/** The `<Resource>Args` interface of `type` in the installed @pulumi/aws. */
function argsInterface(type: string): string {
  const [, module, resource] = /^aws:([^:]+):(\w+)$/.exec(type) ?? [];
  const file = path.join(AWS_PACKAGE, `${module}.d.ts`);
  return interfaceBody(fs.readFileSync(file, "utf8"), `${resource}Args`, file);
}

/** The interface a block property's declared type names (`inputs.lb.TargetGroupHealthCheck`), from types/input.d.ts. */
function blockInterface(declared: string, where: string): string {
  const [, namespace, name] = /inputs\.(\w+)\.(\w+)/.exec(declared) ?? [];
  assert.ok(namespace && name, `${where}: ${declared} is not a nested input type`);
  const at = INPUT_TYPES.indexOf(`export declare namespace ${namespace} {`);
  assert.ok(at >= 0, `namespace ${namespace} not in types/input.d.ts`);
  return interfaceBody(INPUT_TYPES.slice(at), name, `types/input.d.ts ${namespace}`);
}

/** Every leaf default with its path and the interface body it is declared in, following nested blocks through the package's types. */
function* leaves(entries: readonly ProviderEntry[], body: string, prefix: string): Generator<{ path: string; value: unknown; doc: string }> {
  for (const entry of entries) {
    const where = `${prefix}${entry.property}`;
    const declared = documentedProperty(body, entry.property, where);
    if (isBlock(entry)) yield* leaves(entry.block, blockInterface(declared.type, where), `${where}.`);
    else yield { path: where, value: entry.value, doc: declared.doc };
  }
}

describe("preview: AWS provider defaults (as the provider's Check fills them in)", () => {
  it("every default in the table, nested blocks included, is the one the installed @pulumi/aws documents for that input", () => {
    let checked = 0;
    for (const [type, defaults] of Object.entries(AWS_PROVIDER_DEFAULTS)) {
      for (const leaf of leaves(defaults, argsInterface(type), "")) {
        const doc = leaf.doc.replace(/[`,"]/g, "");
        // The value must follow the word "default" in the same sentence ("Defaults to 30.", "Default is `HTTP`.").
        const value = String(leaf.value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        assert.match(doc, new RegExp(`default[^.]*?(?<![\\w-])${value}(?![\\w-])`, "i"), `${type} ${leaf.path}: documented default is not ${String(leaf.value)}:\n${doc}`);
        checked++;
      }
    }
    assert.ok(checked >= 20, `only ${checked} defaults checked`);
  });

  it("the rules' model of a declared target-group healthCheck block uses the same provider defaults as the capture", () => {
    const block = AWS_PROVIDER_DEFAULTS["aws:lb/targetGroup:TargetGroup"].find((e) => e.property === "healthCheck");
    assert.ok(block && isBlock(block));
    const table = Object.fromEntries(block.block.map((e) => [e.property, isBlock(e) ? undefined : e.value]));
    for (const [key, value] of Object.entries(TERRAFORM_BLOCK_DEFAULTS)) assert.equal(table[key], value, `healthCheck.${key}`);
  });

  it("properties AWS computes after create (no Terraform Default) exist in the package, are not in the table and are not filled", () => {
    for (const [type, paths] of Object.entries(NOT_FILLED)) {
      const filledPaths = new Set([...leaves(AWS_PROVIDER_DEFAULTS[type] ?? [], argsInterface(type), "")].map((l) => l.path));
      for (const p of paths) {
        const [block, property] = p.split(".");
        documentedProperty(blockInterface(documentedProperty(argsInterface(type), block, p).type, p), property, p);
        assert.ok(!filledPaths.has(p), `${type} ${p} is Optional+Computed in the Terraform schema: the provider does not fill it`);
      }
    }
    const { inputs } = applyProviderDefaults("aws:lb/targetGroup:TargetGroup", { healthCheck: { path: "/health" } });
    assert.deepEqual(Object.keys(inputs["healthCheck"] as object).sort(), ["enabled", "healthyThreshold", "interval", "path", "port", "protocol", "unhealthyThreshold"]);
  });

  it("fills a present nested block (and each element of a list of blocks), keeps explicit and unknown sub-values, and never creates an absent block", () => {
    const type = "aws:lb/targetGroup:TargetGroup";
    const partial = applyProviderDefaults(type, { healthCheck: { path: "/health", interval: 10, unhealthyThreshold: UNKNOWN_SENTINEL } });
    assert.deepEqual(partial.inputs["healthCheck"], { path: "/health", interval: 10, unhealthyThreshold: UNKNOWN_SENTINEL, enabled: true, healthyThreshold: 3, port: "traffic-port", protocol: "HTTP" });
    assert.deepEqual(partial.filled, ["targetType", "healthCheck.enabled", "healthCheck.healthyThreshold", "healthCheck.port", "healthCheck.protocol"]);
    const absent = applyProviderDefaults(type, { port: 80 });
    assert.equal(absent.inputs["healthCheck"], undefined, "an absent block is not created: AWS's own defaults apply after create");
    assert.deepEqual(applyProviderDefaults(type, { healthCheck: UNKNOWN_SENTINEL }).inputs["healthCheck"], UNKNOWN_SENTINEL);
    assert.deepEqual(applyProviderDefaults(type, { healthCheck: null }).inputs["healthCheck"], null);
    const secret = { [SPECIAL_SIG_KEY]: SIG.secret, value: { path: "/s" } };
    assert.deepEqual(applyProviderDefaults(type, { healthCheck: secret }).inputs["healthCheck"], { ...secret, value: { path: "/s", enabled: true, healthyThreshold: 3, interval: 30, port: "traffic-port", protocol: "HTTP", unhealthyThreshold: 3 } });
    // A list of blocks (e.g. a TypeSet of nested resources) gets the defaults in each element.
    const list = fillDefaults({ blocks: [{ a: 1 }, { b: 2 }, UNKNOWN_SENTINEL] }, [{ property: "blocks", source: "test", block: [{ property: "b", value: 7, source: "test" }] }]);
    assert.deepEqual(list.inputs, { blocks: [{ a: 1, b: 7 }, { b: 2 }, UNKNOWN_SENTINEL] });
    assert.deepEqual(list.filled, ["blocks[0].b"]);
  });

  it("fills absent and null properties, keeps explicit and unknown ones, and never fills a falsy default (the bridge suppresses those)", () => {
    const type = "aws:sqs/queue:Queue";
    const { inputs, filled } = applyProviderDefaults(type, { visibilityTimeoutSeconds: 120, messageRetentionSeconds: UNKNOWN_SENTINEL, maxMessageSize: null });
    assert.deepEqual(inputs, { visibilityTimeoutSeconds: 120, messageRetentionSeconds: UNKNOWN_SENTINEL, maxMessageSize: 262_144 });
    assert.deepEqual(filled, ["maxMessageSize"]);
    assert.deepEqual(applyProviderDefaults("aws:sqs/queueUnknown:Nothing", {}).filled, []);
    const all = (entries: readonly ProviderEntry[]): unknown[] => entries.flatMap((e) => (isBlock(e) ? all(e.block) : [e.value]));
    for (const defaults of Object.values(AWS_PROVIDER_DEFAULTS)) for (const value of all(defaults)) assert.ok(Boolean(value), "falsy defaults are never filled");
  });

  it("the capture hands policies the checked inputs: an ALB without idleTimeout has 60, a Lambda without timeout has 3", async () => {
    const stack = await captureInline(() => {
      new aws.lb.LoadBalancer("web", { subnets: ["subnet-a", "subnet-b"] });
      new aws.lambda.Function("fn", { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}) });
      new aws.lb.TargetGroup("tg", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { path: "/health", interval: 10 } });
      new aws.lambda.Function("chosen", { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), timeout: 30 });
    });
    const byName = new Map(stack.resources.map((r) => [r.name, r]));
    assert.equal(byName.get("web")?.inputs["idleTimeout"], 60);
    assert.equal(byName.get("web")?.inputs["loadBalancerType"], "application");
    assert.equal(byName.get("web")?.wireOutputs["idleTimeout"], 60, "AnalyzeStack sees the same value");
    assert.equal(byName.get("fn")?.inputs["timeout"], 3);
    assert.equal(byName.get("fn")?.inputs["reservedConcurrentExecutions"], -1);
    assert.equal(byName.get("chosen")?.inputs["timeout"], 30);
    assert.deepEqual(byName.get("tg")?.inputs["healthCheck"], { path: "/health", interval: 10, enabled: true, healthyThreshold: 3, port: "traffic-port", protocol: "HTTP", unhealthyThreshold: 3 });
  });
});
