// Engine parity: a pack sees under `faultguard preview` what it sees under `pulumi preview`. One
// scenario family per block, each written from the engine's behaviour as its sources show it
// (pulumi/pulumi, named per test; no code copied), with our own small programs and packs (./packs).
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import Ajv from "ajv";
import { reconcilePolicyConfig } from "../../preview/src/analyzer/config";
import { checkPackDir, PolicyPackProcess } from "../../preview/src/analyzer/pack";
import { gojsonschemaErrors } from "../../preview/src/analyzer/schema-wording";
import { runPreview } from "../../preview/src/preview";
import { buildPreviewResult, detailOf, type Finding } from "../../preview/src/report/model";
import { displayType, renderText } from "../../preview/src/report/text";
import { closeConformancePacks, CONFORMANCE_PACKS, only, runConformance } from "./support";

/** The JSON a probe policy reported (the message after the policy description the SDK prefixes). */
function echoed<T>(f: Finding): T {
  return JSON.parse(detailOf(f.message, f.description)) as T;
}

/** A dynamic resource (type pulumi-nodejs:dynamic:Resource), as `pulumi.dynamic` programs make them. */
class ProbeDynamic extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, pulumi.Input<number>>) {
    super({ create: async () => ({ id: "probe" }) }, name, props);
  }
}

function byName(findings: Finding[]): Record<string, Finding> {
  return Object.fromEntries(findings.map((f) => [f.name, f]));
}

describe("engine parity (conformance packs and programs)", function () {
  this.timeout(300_000);
  after(closeConformancePacks);

  describe("pack environment: stack identity and config (sdk/nodejs/cmd/pulumi-language-nodejs/main.go RunPlugin, sdk/policy_proxy.go)", () => {
    const expected = { owner: "team-a", region: "eu-west-1", project: "shop", stack: "staging", organization: "organization", dryRun: true };

    it("a pack that reads new pulumi.Config() at load sees the stack config, getProject(), getStack(), getOrganization() and isDryRun()", async () => {
      const { report } = await runConformance("identity", () => new aws.sqs.Queue("orders", {}), {
        project: "shop",
        stack: "staging",
        config: { owner: "team-a", "aws:region": "eu-west-1" },
      });
      assert.deepEqual(report.violations.map((f) => [f.policy, echoed(f)]), [["identity", expected]]);
    });

    it("faultguard preview starts packs with the program's identity and stack config (Pulumi.<stack>.yaml)", async () => {
      const result = await runPreview({
        programDir: path.join(__dirname, "programs", "identity"),
        stack: "staging",
        policyPacks: [path.join(CONFORMANCE_PACKS, "identity")],
        onProgramOutput: () => undefined,
      });
      assert.deepEqual(result.report.violations.map((f) => [f.policy, echoed(f)]), [["identity", expected]]);
    });
  });

  describe("URN attribution (pkg/resource/deploy/analyze_snapshot.go analyzeResource, resolveStackPolicyViolationURN)", () => {
    it("an Analyze diagnostic belongs to the analyzed resource, whatever URN the policy passed", async () => {
      const { report, stack } = await runConformance("probe", () => new aws.sqs.Queue("probe-urn", {}), { policyConfig: { all: "disabled", "own-urn": "mandatory" } });
      const queue = stack.resources.find((r) => r.name === "probe-urn")!;
      assert.deepEqual(report.violations.map((f) => [f.policy, f.enforcementLevel, f.urn, f.type, f.name]), [["own-urn", "mandatory", queue.urn, "aws:sqs/queue:Queue", "probe-urn"]]);
    });
  });

  describe("AnalyzeStack resources (pkg/resource/plugin/analyzer_plugin.go AnalyzeStack; sdk/go/common/resource/plugin/rpc.go SkipInternalKeys; step_generator.go AnalyzeResources)", () => {
    it("property dependencies without URNs are skipped, top-level internal keys such as __provider never reach the pack; parents, dependencies and stack tags do", async () => {
      const { report } = await runConformance(
        "probe",
        () => {
          const dlq = new aws.sqs.Queue("probe-dlq", {});
          new aws.sqs.Queue("probe-main", { delaySeconds: 5, redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 3 })) });
          new ProbeDynamic("probe-dynamic", { size: 1 });
        },
        { policyConfig: only("echo-stack"), stackTags: { owner: "payments" } },
      );
      interface StackEcho {
        keys: string[];
        propertyDependencies: Record<string, string[]>;
        parent: string | null;
        dependencies: string[];
        stackTags: Record<string, string>;
      }
      const seen = Object.fromEntries(report.violations.map((f) => [f.name, echoed<StackEcho>(f)]));
      assert.deepEqual([seen["probe-main"].parent, seen["probe-main"].dependencies, seen["probe-main"].stackTags], ["conformance-dev", ["probe-dlq"], { owner: "payments" }]);
      assert.deepEqual(seen["probe-main"].propertyDependencies, { redrivePolicy: ["probe-dlq"] });
      assert.deepEqual(seen["probe-dlq"].propertyDependencies, {});
      assert.ok(!seen["probe-dynamic"].keys.some((k) => k.startsWith("__")), `internal keys reached the pack: ${seen["probe-dynamic"].keys.join(", ")}`);
      assert.ok(seen["probe-dynamic"].keys.includes("size"));
    });
  });

  describe("resource options and providers (pkg/resource/deploy/step_generator.go analyzeAll; source_eval.go; target.go GetPackageConfig)", () => {
    interface Echo {
      aliases: string[];
      provider: { type: string; name: string; props: Record<string, unknown> } | null;
      keys: string[];
    }

    it("aliases: only an alias that matched a resource of the previous deployment is sent, so none in a new stack", async () => {
      const { report } = await runConformance("probe", () => new aws.sqs.Queue("probe-aliased", {}, { aliases: [{ name: "old-name" }] }), { policyConfig: only("echo-resource") });
      assert.deepEqual(echoed<Echo>(byName(report.violations)["probe-aliased"]).aliases, []);
    });

    it("an explicit provider's inputs carry its plugin version; a dynamic provider gets the whole stack config, keys namespaced", async () => {
      const { report } = await runConformance(
        "probe",
        () => {
          const provider = new aws.Provider("probe-provider", { region: "ap-southeast-2" });
          new aws.sqs.Queue("probe-explicit", {}, { provider });
          new aws.sqs.Queue("probe-default", {});
          new ProbeDynamic("probe-dynamic", {});
        },
        { policyConfig: only("echo-resource"), config: { owner: "team-a", "aws:region": "eu-west-1" } },
      );
      const seen = Object.fromEntries(report.violations.map((f) => [f.name, echoed<Echo>(f)]));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const awsVersion = (require("@pulumi/aws/package.json") as { version: string }).version;
      assert.deepEqual(
        [seen["probe-explicit"].provider?.type, seen["probe-explicit"].provider?.props.region, seen["probe-explicit"].provider?.props.version],
        ["pulumi:providers:aws", "ap-southeast-2", awsVersion],
      );
      assert.deepEqual([seen["probe-default"].provider?.props.region, seen["probe-default"].provider?.props.version], ["eu-west-1", awsVersion]);
      const dynamic = seen["probe-dynamic"].provider;
      assert.equal(dynamic?.type, "pulumi:providers:pulumi-nodejs");
      assert.deepEqual([dynamic?.props["conformance:owner"], dynamic?.props["aws:region"]], ["team-a", "eu-west-1"]);
    });
  });

  describe("counts (analyze_snapshot.go analyzeResource: every diagnostic is a policy violation at its level)", () => {
    it("@pulumi/policy's \"can't run policy … during preview\" is an advisory violation: counts, summary, pack line and listing agree with the engine", async () => {
      const run = await runConformance(
        "probe",
        () => {
          const dlq = new aws.sqs.Queue("probe-dlq", {});
          new aws.sqs.Queue("probe-unknown", { redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 3 })) });
        },
        { policyConfig: { all: "disabled", "unknown-read": "mandatory" } },
      );
      const { report } = run;
      assert.deepEqual(report.violations.map((f) => [f.policy, f.enforcementLevel, f.kind, f.name]), [["unknown-read", "advisory", "could-not-evaluate", "probe-unknown"]]);
      assert.match(report.violations[0].message, /^can't run policy 'unknown-read' from policy pack 'conformance-probe@v2\.0\.0' during preview/);
      assert.deepEqual([report.summary.mandatory, report.summary.advisory, report.notEvaluated.length], [0, 1, 0]);
      const text = renderText(buildPreviewResult(run.stack, [run.analysis], report));
      assert.match(text, /^ {4}⚠️ conformance-probe@v2\.0\.0/m, "the pack line shows a warning, as Pulumi's does");
      assert.match(text, /^ {8}- \[advisory\] {2}unknown-read {2}\(aws:sqs:Queue: probe-unknown\)$/m);
      assert.match(text, /^Summary: 0 mandatory, 1 advisory/m);
    });

    it("a policy's level and severity reach the report unchanged (validate-resource family)", async () => {
      const { report } = await runConformance("probe", () => new aws.sqs.Queue("probe-level", {}), { policyConfig: { all: "disabled", levels: "mandatory" } });
      assert.deepEqual(report.violations.map((f) => [f.policy, f.enforcementLevel, f.severity, f.kind, f.description]), [
        ["levels", "mandatory", "critical", "violation", "A finding at the policy's own level and severity."],
      ]);
      assert.equal(report.summary.mandatory, 1);
    });
  });

  describe("policy-config errors (pkg/resource/analyzer/config.go validatePolicyConfig with gojsonschema; pkg/engine/update.go loadPolicyPlugins)", () => {
    it("one line per policy per error, \"validating policy config: <pack> <version>  <policy>: <error>\", in gojsonschema's words, sorted", async () => {
      const pack = await PolicyPackProcess.start(path.join(CONFORMANCE_PACKS, "probe"), { startTimeoutMs: 120_000 });
      let message = "";
      try {
        reconcilePolicyConfig(pack.info, { schema: { code: "abcd", tier: "bronze", count: "x", names: [] } }, "config.json");
      } catch (e) {
        message = (e as Error).message;
      } finally {
        await pack.close();
      }
      assert.deepEqual(message.split("\n"), [
        "config.json is not valid for pack conformance-probe@2.0.0:",
        "validating policy config: conformance-probe 2.0.0  schema: code: String length must be less than or equal to 3",
        "validating policy config: conformance-probe 2.0.0  schema: count: Invalid type. Expected: integer, given: string",
        "validating policy config: conformance-probe 2.0.0  schema: names: Array must have at least 1 items",
        'validating policy config: conformance-probe 2.0.0  schema: tier: tier must be one of the following: "gold", "silver"',
      ]);
    });

    it("root errors lose gojsonschema's \"(root): \" prefix, as the engine trims it (pulumi-test-language policy_config_schema.go)", () => {
      const validate = new Ajv({ allErrors: true, strict: false, verbose: true }).compile({ type: "object", properties: { names: { type: "array" }, value: { type: "boolean" } }, required: ["names"] });
      validate({ value: 3 });
      assert.deepEqual(gojsonschemaErrors(validate.errors ?? []).sort(), ["names is required", "value: Invalid type. Expected: boolean, given: integer"]);
    });
  });

  describe("type display (sdk/go/common/tokens/tokens.go Type.DisplayName, used by pkg/backend/display)", () => {
    it("shows pkg:module:Name when the token's last module segment is the camelCased name, else the token", () => {
      const cases: Record<string, string> = {
        "random:index/randomUuid:RandomUuid": "random:index:RandomUuid",
        "aws:sqs/queue:Queue": "aws:sqs:Queue",
        "aws:s3/bucketV2:BucketV2": "aws:s3:BucketV2",
        "kubernetes:apps/v1:Deployment": "kubernetes:apps/v1:Deployment",
        "pulumi:pulumi:Stack": "pulumi:pulumi:Stack",
        "pulumi:providers:aws": "pulumi:providers:aws",
        "faultguard:aws:QueueWorker": "faultguard:aws:QueueWorker",
      };
      assert.deepEqual(Object.fromEntries(Object.keys(cases).map((t) => [t, displayType(t)])), cases);
    });
  });

  describe("python packs (PulumiPolicy.yaml runtime)", () => {
    it("are recognised before anything starts and refused plainly: only Node.js packs run offline", () => {
      assert.throws(() => checkPackDir(path.join(CONFORMANCE_PACKS, "python")), /PulumiPolicy\.yaml says runtime: python; faultguard preview runs only Node\.js policy packs \(runtime: nodejs\) offline/);
    });
  });
});
