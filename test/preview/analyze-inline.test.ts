import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import { analyzeInline, analyzeInlineDetailed, exemptedOf, notEvaluatedOf, sharedPack, violationsOf } from "../support/analyze";

const PACK = path.join(__dirname, "..", "fixtures", "preview", "packs", "basic");

/** A queue with a DLQ whose ARN is unknown in preview, an alarm linked only through propertyDependencies. */
function queueWithAlarm(): void {
  const dlq = new aws.sqs.Queue("dlq", { messageRetentionSeconds: 1209600, sqsManagedSseEnabled: true, tags: { role: "dlq" } });
  const main = new aws.sqs.Queue("main", {
    redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 5 })),
    messageRetentionSeconds: 3600,
    tags: { "faultguard:exempt": "legacy consumer, JIRA-12" },
  });
  new aws.cloudwatch.MetricAlarm("main-depth", {
    comparisonOperator: "GreaterThanThreshold",
    evaluationPeriods: 1,
    metricName: "ApproximateNumberOfMessagesVisible",
    namespace: "AWS/SQS",
    period: 60,
    statistic: "Maximum",
    threshold: 100,
    dimensions: { QueueName: main.name },
  });
}

describe("preview analyzeInline (shared fixture pack)", () => {
  before(async () => {
    await sharedPack(PACK);
  });

  it("reports exact violations (the SDK's unknown-value advisories counted as the engine counts them), exemptions, and stack findings", async () => {
    const report = await analyzeInline(queueWithAlarm, { packDir: PACK, project: "shop" });
    assert.deepEqual(report.policyPacks, [{ name: "faultguard-fixture-pack", version: "1.2.3" }]);
    assert.equal(report.resourceCount, 4);
    assert.deepEqual(
      report.violations.map((v) => [v.policy, v.enforcementLevel, v.kind, v.name]),
      [
        ["queue-has-alarm", "mandatory", "violation", "dlq"],
        ["queue-has-dlq", "advisory", "could-not-evaluate", "main"],
        ["queue-retention", "advisory", "violation", "main"],
      ],
    );
    assert.equal(violationsOf(report, "queue-retention")[0].message, "SQS queues keep messages long enough to recover from an outage.\nmessageRetentionSeconds is 3600, below 345600.");
    // pkg/engine (analyzer diagnostics → policy violation events): every diagnostic counts at its level,
    // the SDK's "can't run policy … during preview" advisories included; the kind keeps them apart.
    assert.deepEqual(notEvaluatedOf(report, "queue-has-dlq"), []);
    assert.match(violationsOf(report, "queue-has-dlq")[0].message, /can't run policy 'queue-has-dlq' .* during preview: .*redrivePolicy/);
    assert.deepEqual(exemptedOf(report, "queue-encryption").map((f) => [f.name, f.reason]), [["main", "legacy consumer, JIRA-12"]]);
    assert.deepEqual(report.summary, { mandatory: 1, advisory: 2, exempted: 1, ruleErrors: 0 });
  });

  it("re-configures the same pack per call: levels, properties and disabled policies", async () => {
    const before = await sharedPack(PACK);
    const report = await analyzeInline(queueWithAlarm, {
      packDir: PACK,
      policyConfig: { all: "advisory", "queue-retention": { enforcementLevel: "mandatory", minimumSeconds: 60 }, "queue-has-alarm": "disabled" },
    });
    assert.equal(await sharedPack(PACK), before, "the pack process is reused");
    // "all" applies to every policy first, even one the pack disables by default (as in the CLI).
    assert.deepEqual(report.violations.map((v) => [v.policy, v.enforcementLevel, v.name]), [
      ["queue-has-dlq", "advisory", "main"],
      ["stack-has-owner-tag", "advisory", "project-dev"],
    ]);
    assert.deepEqual(report.summary, { mandatory: 0, advisory: 2, exempted: 1, ruleErrors: 0 });
    const strict = await analyzeInline(queueWithAlarm, { packDir: PACK, policyConfig: { "queue-retention": { enforcementLevel: "mandatory", minimumSeconds: 7200 } } });
    assert.deepEqual(violationsOf(strict, "queue-retention").map((v) => [v.enforcementLevel, v.name]), [["mandatory", "main"]]);
  });

  it("runs remediate-level policies first and analyzes the remediated properties, as the engine does", async () => {
    const plain = await analyzeInline(() => new aws.sqs.Queue("q", { tags: { role: "dlq" } }), { packDir: PACK });
    assert.deepEqual(violationsOf(plain, "queue-encryption").map((v) => v.name), ["q"]);
    const remediated = await analyzeInlineDetailed(() => new aws.sqs.Queue("q", { tags: { role: "dlq" } }), { packDir: PACK, policyConfig: { "queue-encryption-fix": "remediate" } });
    assert.deepEqual(violationsOf(remediated.report, "queue-encryption"), []);
  });

  it("rejects policy config the pack's schema does not allow, and unknown policy names", async () => {
    await assert.rejects(analyzeInline(queueWithAlarm, { packDir: PACK, policyConfig: { "queue-retention": { minimumSeconds: 5 } } }), /validating policy config: faultguard-fixture-pack 1\.2\.3 {2}queue-retention: minimumSeconds: Must be greater than or equal to 60/);
    await assert.rejects(analyzeInline(queueWithAlarm, { packDir: PACK, policyConfig: { "no-such-policy": "mandatory" } }), /"no-such-policy" is not a policy of pack faultguard-fixture-pack@1.2.3/);
  });

  it("passes stack tags through ConfigureStack", async () => {
    const config = { "stack-has-owner-tag": "mandatory" } as const;
    const untagged = await analyzeInline(queueWithAlarm, { packDir: PACK, policyConfig: config });
    assert.deepEqual(violationsOf(untagged, "stack-has-owner-tag").map((v) => v.urn), ["urn:pulumi:dev::project::pulumi:pulumi:Stack::project-dev"]);
    const tagged = await analyzeInline(queueWithAlarm, { packDir: PACK, policyConfig: config, stackTags: { owner: "payments" } });
    assert.deepEqual(violationsOf(tagged, "stack-has-owner-tag"), []);
  });

  it("records which (policy, resource) pairs were checked", async () => {
    const { result } = await analyzeInlineDetailed(queueWithAlarm, { packDir: PACK });
    const queueChecks = result.checks.filter((c) => c.urn.endsWith("::main")).map((c) => c.policy).sort();
    assert.deepEqual(queueChecks, ["queue-encryption", "queue-has-dlq", "queue-retention"]);
    assert.ok(result.checks.some((c) => c.policy === "queue-has-alarm" && c.urn.endsWith("pulumi:pulumi:Stack::project-dev")));
  });
});
