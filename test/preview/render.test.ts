import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import Ajv04 from "ajv-draft-04";
import { render } from "../../preview/src/cli";
import { type PreviewResult } from "../../preview/src/report/model";
import { renderJunit, xmlEscape } from "../../preview/src/report/junit";
import { fingerprint, renderSarif } from "../../preview/src/report/sarif";
import { renderText } from "../../preview/src/report/text";
import { analyzeInlineDetailed, sharedPack } from "../support/analyze";

const PACK = path.join(__dirname, "..", "fixtures", "preview", "packs", "basic");
/** The SARIF 2.1.0 JSON schema as published with the spec (shipped by @microsoft/jest-sarif). */
const SARIF_SCHEMA = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

function program(): void {
  const dlq = new aws.sqs.Queue("dlq", { sqsManagedSseEnabled: true, tags: { role: "dlq" } });
  new aws.sqs.Queue("orders<&>", {
    redrivePolicy: dlq.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn })),
    messageRetentionSeconds: 120,
    tags: { "faultguard:exempt": "ticket \"OPS-1\" <legacy>" },
  });
}

describe("preview report rendering", () => {
  let result: PreviewResult;
  before(async () => {
    await sharedPack(PACK);
    result = (await analyzeInlineDetailed(program, { packDir: PACK, project: "shop", stack: "prod" })).result;
  });

  it("text: lists by pack like Pulumi's policy summary (mandatory first, then by severity), then exemptions and the verdict", () => {
    const text = renderText(result);
    const expectedLines = [
      "faultguard preview: shop/prod, 3 resources",
      "    ❌ faultguard-fixture-pack@v1.2.3 (local: " + result.packs[0].dir + ")",
      "        - [mandatory]  queue-has-alarm  (aws:sqs:Queue: dlq)",
      "          Queue dlq has no alarm.",
      "          urn:pulumi:prod::shop::aws:sqs/queue:Queue::dlq",
      // The SDK's own "can't run … during preview" is an advisory violation, as the engine counts it.
      "        - [advisory, high]  queue-has-dlq  (aws:sqs:Queue: orders<&>)",
      "        - [advisory, medium]  queue-retention  (aws:sqs:Queue: orders<&>)",
      "Exempted (not counted):",
      '      reason: ticket "OPS-1" <legacy>',
      "Result: FAILED (mandatory policy violations)",
    ];
    const lines = text.split("\n");
    for (const line of expectedLines) assert.ok(lines.includes(line), `missing line ${JSON.stringify(line)} in:\n${text}`);
    // Ordered by level, then the rule's severity (high before medium).
    assert.ok(lines.indexOf(expectedLines[5]) < lines.indexOf(expectedLines[6]), text);
    assert.match(text, /^Summary: 2 mandatory, 2 advisory, 1 exempted, 0 not evaluated/m);
  });

  it("json: the report contract", () => {
    const report = JSON.parse(render(result, "json", process.cwd())) as Record<string, unknown>;
    assert.deepEqual(Object.keys(report).sort(), ["exempted", "notEvaluated", "opaqueComponents", "policyPacks", "project", "resourceCount", "ruleErrors", "stack", "structurePasses", "summary", "timings", "verdict", "violations"]);
    assert.deepEqual(Object.keys((report.violations as object[])[0]).sort(), ["description", "enforcementLevel", "kind", "message", "name", "policy", "policyPack", "policyPackVersion", "severity", "type", "urn"]);
    assert.deepEqual(Object.keys(report.timings as object).sort(), ["analysisMs", "packStartMs", "programMs", "totalMs"]);
  });

  it("sarif: valid against the SARIF 2.1.0 schema, one result per violation, rules from pack metadata", () => {
    const sarif = renderSarif(result, path.resolve(__dirname, "..", ".."));
    // unicodeRegExp off: the published schema has a language-tag pattern that is only valid without /u.
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    // The schema's string formats, checked with the WHATWG URL parser (ajv ships no formats itself).
    ajv.addFormat("uri", (s: string) => URL.canParse(s));
    ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "file:///base/"));
    ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, "utf8")) as object);
    assert.ok(validate(JSON.parse(JSON.stringify(sarif))), JSON.stringify(validate.errors, null, 2));
    const run = sarif.runs[0];
    // Results are violations; the SDK's "can't run … during preview" is no alert in code scanning.
    const violations = result.report.violations.filter((v) => v.kind === "violation");
    assert.equal(run.results?.length, violations.length);
    const rules = run.tool.driver.rules ?? [];
    assert.deepEqual(
      rules.map((r) => r.id),
      ["queue-has-dlq", "queue-retention", "queue-encryption", "queue-encryption-fix", "queue-has-alarm", "stack-has-owner-tag"].map((p) => `faultguard-fixture-pack/${p}`),
    );
    const dlqRule = rules[0];
    assert.equal(dlqRule.fullDescription?.text, "SQS queues need a dead-letter queue.");
    assert.match(dlqRule.help?.text ?? "", /Set redrivePolicy with a deadLetterTargetArn\./);
    assert.equal(dlqRule.defaultConfiguration?.level, "error");
    for (const r of run.results ?? []) {
      const finding = violations.find((v) => `${v.policyPack}/${v.policy}` === r.ruleId && v.urn === r.locations?.[0].logicalLocations?.[0].fullyQualifiedName);
      assert.ok(finding, `result ${r.ruleId} matches a violation`);
      assert.equal(r.level, finding.enforcementLevel === "mandatory" ? "error" : "warning");
      assert.equal(r.properties?.["security-severity"], ({ high: "7.0", medium: "5.0" } as Record<string, string>)[finding.severity], "code scanning ranks by the rule's severity");
      assert.equal(r.partialFingerprints?.["faultguardPolicyUrn/v1"], fingerprint(finding.policyPack, finding.policy, finding.urn));
      assert.equal(r.locations?.[0].physicalLocation?.artifactLocation?.uri, "test/preview/render.test.ts", "points at the line that registered the resource");
      assert.ok((r.locations?.[0].physicalLocation?.region?.startLine ?? 0) > 1);
    }
  });

  it("junit: one testcase per checked (policy, resource), failures for violations, escaped XML", () => {
    const xml = renderJunit(result);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites '));
    const cases = xml.match(/<testcase /g) ?? [];
    // Checked pairs, plus the resources a stack policy reported on (its check is recorded on the stack).
    const pairs = [...result.checks, ...result.report.violations, ...result.report.notEvaluated].map((c) => `${c.policy} ${c.urn}`);
    assert.equal(cases.length, new Set(pairs).size);
    assert.equal((xml.match(/<failure /g) ?? []).length, result.report.violations.filter((v) => v.kind === "violation").length);
    assert.match(xml, /<failure message="\[advisory, medium\] messageRetentionSeconds is 120, below 345600\." type="medium">/, "failures are typed by the rule's severity");
    assert.match(xml, /<testsuite name="faultguard-fixture-pack@1.2.3" tests="\d+" failures="3" errors="0" skipped="1"/);
    assert.ok(xml.includes("orders&lt;&amp;&gt;"), "resource names are escaped");
    assert.ok(!/<[^>]*orders<&>/.test(xml), "no raw markup characters inside tags");
    assert.equal(xmlEscape("a\u0001<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
  });
});
