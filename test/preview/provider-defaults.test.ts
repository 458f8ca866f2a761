// The AWS provider defaults faultguard preview fills in, as the provider's Check does before the
// engine calls Analyze (issue 14 item 1).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { captureInline } from "../../preview/src/capture/inline";
import { applyProviderDefaults, AWS_PROVIDER_DEFAULTS } from "../../preview/src/capture/provider-defaults";
import { UNKNOWN_SENTINEL } from "../../preview/src/capture/values";

const AWS_PACKAGE = path.dirname(require.resolve("@pulumi/aws/package.json"));

/** The doc comment of `property` in the `<Resource>Args` interface of the installed @pulumi/aws. */
function documentedArg(type: string, property: string): string {
  const [, module, resource] = /^aws:([^:]+):(\w+)$/.exec(type) ?? [];
  const file = path.join(AWS_PACKAGE, `${module}.d.ts`);
  const text = fs.readFileSync(file, "utf8");
  const start = text.indexOf(`export interface ${resource}Args {`);
  assert.ok(start >= 0, `${resource}Args not found in ${file}`);
  const body = text.slice(start, text.indexOf("\n}\n", start));
  const at = body.search(new RegExp(`\\n\\s+(readonly )?${property}\\?:`));
  assert.ok(at >= 0, `${type}: no input ${property}`);
  const before = body.slice(0, at);
  return before.slice(before.lastIndexOf("/**"));
}

describe("preview: AWS provider defaults (as the provider's Check fills them in)", () => {
  it("every default in the table is the one the installed @pulumi/aws documents for that input", () => {
    for (const [type, defaults] of Object.entries(AWS_PROVIDER_DEFAULTS)) {
      for (const d of defaults) {
        const doc = documentedArg(type, d.property).replace(/[`,]/g, "");
        assert.match(doc, /default/i, `${type} ${d.property}: the documentation names no default`);
        assert.ok(doc.includes(String(d.value)), `${type} ${d.property}: documented default is not ${String(d.value)}:\n${doc}`);
      }
    }
  });

  it("fills absent and null properties, keeps explicit and unknown ones, and never fills a falsy default (the bridge suppresses those)", () => {
    const type = "aws:sqs/queue:Queue";
    const { inputs, filled } = applyProviderDefaults(type, { visibilityTimeoutSeconds: 120, messageRetentionSeconds: UNKNOWN_SENTINEL, maxMessageSize: null });
    assert.deepEqual(inputs, { visibilityTimeoutSeconds: 120, messageRetentionSeconds: UNKNOWN_SENTINEL, maxMessageSize: 262_144 });
    assert.deepEqual(filled, ["maxMessageSize"]);
    assert.deepEqual(applyProviderDefaults("aws:sqs/queueUnknown:Nothing", {}).filled, []);
    for (const defaults of Object.values(AWS_PROVIDER_DEFAULTS)) for (const d of defaults) assert.ok(Boolean(d.value), `${d.property}: falsy defaults are never filled`);
  });

  it("the capture hands policies the checked inputs: an ALB without idleTimeout has 60, a Lambda without timeout has 3", async () => {
    const stack = await captureInline(() => {
      new aws.lb.LoadBalancer("web", { subnets: ["subnet-a", "subnet-b"] });
      new aws.lambda.Function("fn", { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}) });
      new aws.lambda.Function("chosen", { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), timeout: 30 });
    });
    const byName = new Map(stack.resources.map((r) => [r.name, r]));
    assert.equal(byName.get("web")?.inputs["idleTimeout"], 60);
    assert.equal(byName.get("web")?.inputs["loadBalancerType"], "application");
    assert.equal(byName.get("web")?.wireOutputs["idleTimeout"], 60, "AnalyzeStack sees the same value");
    assert.equal(byName.get("fn")?.inputs["timeout"], 3);
    assert.equal(byName.get("fn")?.inputs["reservedConcurrentExecutions"], -1);
    assert.equal(byName.get("chosen")?.inputs["timeout"], 30);
  });
});
