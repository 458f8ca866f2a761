import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { reconcilePolicyConfig } from "../../preview/src/analyzer/config";
import { type PackInfo } from "../../preview/src/analyzer/types";
import { captureProgram } from "../../preview/src/capture/program";
import { ourSdkRoot } from "../../preview/src/capture/sdk";
import { UsageError } from "../../preview/src/errors";
import { applyConfigOverrides, chooseStack, loadProject, loadStackConfig, SECRET_PLACEHOLDER } from "../../preview/src/project";

const PROGRAMS = path.join(__dirname, "..", "fixtures", "preview", "programs");
const OWN_SDK = path.join(PROGRAMS, "own-sdk");

describe("preview projects and stack config", () => {
  it("reads Pulumi.yaml: name, main, stackConfigDir, project config defaults", () => {
    const project = loadProject(OWN_SDK);
    assert.equal(project.name, "own-sdk");
    assert.equal(project.main, path.join(OWN_SDK, "src"));
    assert.equal(project.stackConfigDir, path.join(OWN_SDK, "config"));
    assert.deepEqual(loadProject(path.join(PROGRAMS, "queues")).configDefaults, { "fixture-queues:retentionSeconds": "3600" });
  });

  it("reads Pulumi.<stack>.yaml like the CLI: namespaced keys, JSON-encoded structured values, secure values as secrets", () => {
    const project = loadProject(OWN_SDK);
    const stack = loadStackConfig(project, "staging");
    assert.deepEqual(stack.config, {
      "aws:region": "ap-southeast-2",
      "own-sdk:replicas": "3",
      "own-sdk:sizing": '{"min":2,"max":6}',
      "own-sdk:dbPassword": SECRET_PLACEHOLDER,
    });
    assert.deepEqual(stack.secretKeys, ["own-sdk:dbPassword"]);
    const overridden = applyConfigOverrides(project, stack, ["replicas=5", "aws:region=eu-central-1"]);
    assert.equal(overridden.config["own-sdk:replicas"], "5");
    assert.equal(overridden.config["aws:region"], "eu-central-1");
  });

  it("chooses the only stack, and otherwise asks for --stack listing the candidates", () => {
    assert.equal(chooseStack(loadProject(path.join(PROGRAMS, "queues")), undefined), "dev");
    assert.throws(() => chooseStack(loadProject(OWN_SDK), undefined), (err: Error) => err instanceof UsageError && /several stacks \(other, staging\); pass --stack NAME/.test(err.message));
  });
});

describe("preview policy config reconciliation", () => {
  const info: PackInfo = {
    name: "pack",
    version: "1.0.0",
    displayName: "",
    description: "",
    supportsConfig: true,
    policies: [
      { name: "a", displayName: "", description: "", message: "", enforcementLevel: "mandatory", severity: "", policyType: "resource", remediationSteps: "", url: "", tags: [], configSchema: { properties: { limit: { type: "number", default: 3 } }, required: [] } },
      { name: "b", displayName: "", description: "", message: "", enforcementLevel: "advisory", severity: "", policyType: "stack", remediationSteps: "", url: "", tags: [] },
    ],
    initialConfig: { b: { enforcementLevel: "disabled", properties: {} } },
  };

  it("layers policy defaults, schema defaults, the pack's initialConfig, then the user's file", () => {
    assert.deepEqual(reconcilePolicyConfig(info, undefined), {
      a: { enforcementLevel: "mandatory", properties: { limit: 3 } },
      b: { enforcementLevel: "disabled", properties: {} },
    });
    assert.deepEqual(reconcilePolicyConfig(info, { all: "advisory", a: { limit: 9 } }), {
      a: { enforcementLevel: "advisory", properties: { limit: 9 } },
      b: { enforcementLevel: "advisory", properties: {} },
    });
  });

  it("rejects unknown policies, bad levels and properties the schema rejects, naming each", () => {
    assert.throws(() => reconcilePolicyConfig(info, { c: "mandatory" }, "cfg.json"), /cfg\.json: "c" is not a policy of pack pack@1\.0\.0\. Its policies are: a, b\./);
    assert.throws(() => reconcilePolicyConfig(info, { a: "strict" }, "cfg.json"), /cfg\.json: "a" has enforcement level "strict"; use one of "advisory", "mandatory", "remediate", "disabled"\./);
    // One line per policy per error in the engine's (gojsonschema's) words: pkg/engine/update.go.
    assert.throws(
      () => reconcilePolicyConfig(info, { a: { limit: "x" } }, "cfg.json"),
      (e: Error) => e.message === "cfg.json is not valid for pack pack@1.0.0:\nvalidating policy config: pack 1.0.0  a: limit: Invalid type. Expected: number, given: string",
    );
  });
});

describe("preview captureProgram (child process)", function () {
  this.timeout(120_000);
  const ownCopy = path.join(OWN_SDK, "node_modules", "@pulumi", "pulumi");

  before(() => {
    // A program with its own @pulumi/pulumi: a real copy (not a symlink, which Node would resolve
    // back to ours). Its dependencies resolve up to the repository's node_modules.
    if (!fs.existsSync(path.join(ownCopy, "package.json"))) fs.cpSync(ourSdkRoot(), ownCopy, { recursive: true });
  });

  it("runs a program with its own @pulumi/pulumi in mock mode, honouring main, stackConfigDir and config", async () => {
    const { stack } = await captureProgram(OWN_SDK, { stack: "staging", onOutput: () => undefined });
    assert.equal(fs.realpathSync(stack.sdkRoot), fs.realpathSync(ownCopy));
    assert.deepEqual(
      stack.resources.map((r) => r.urn),
      ["urn:pulumi:staging::own-sdk::pulumi:pulumi:Stack::own-sdk-staging", "urn:pulumi:staging::own-sdk::aws:sqs/queue:Queue::jobs"],
    );
    const jobs = stack.resources[1];
    assert.equal(jobs.inputs.delaySeconds, 3);
    assert.deepEqual(jobs.inputs.tags, { min: "2", max: "6", region: "ap-southeast-2" });
    assert.equal(jobs.inputs.kmsDataKeyReusePeriodSeconds, SECRET_PLACEHOLDER.length, "secrets are placeholders, unwrapped in the JSON form");
    assert.deepEqual(stack.resources[0].wireOutputs, { queueId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }, "the function export's result is the stack's outputs; IDs are unknown");
  });
});
