// Issue 11 item 6: no secret value, nor any part of one, reaches any report format. Secrets are
// planted at paths rules read and quote (a Lambda timeout, a redrive policy that fails to parse, an
// exemption reason, Step Functions state names, ECS settings) and in a resource's name; every format
// (and the resilience section) is rendered and searched. Rules alone must not leak either: the pack
// knows which properties are secret and prints "[secret]", checked without the CLI's redaction.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { SECRET_SIG, secretsOnWire, SPECIAL_SIG_KEY } from "../../policies/lib/policy-sdk";
import { MIN_SECRET_PART, REDACTED, SecretRedactor } from "../../policies/lib/redact";
import { ResourceView } from "../../policies/lib/resource";
import { scrubberFor } from "../../policies/lib/secrets";
import { render } from "../../preview/src/cli";
import { runPreview } from "../../preview/src/preview";
import { type PreviewResult } from "../../preview/src/report/model";
import { analyzeInlineDetailed, sharedPack } from "../support/analyze";
import { plantRuleSecrets, SECRET_IN_NAME } from "../fixtures/preview/programs/secrets/plant";

const REPO = path.resolve(__dirname, "..", "..");
const PROGRAM = path.join(REPO, "test", "fixtures", "preview", "programs", "secrets");
const RULE_SECRETS = ["1234", "hunter2-not-json-zebra", "okd Quixotic-Walrus-77", "QuasarVaultPlutonium"];
const FORMATS = ["text", "json", "sarif", "junit", "html"] as const;

function parts(secret: string): string[] {
  if (secret.length <= MIN_SECRET_PART) return [secret];
  return Array.from({ length: secret.length - MIN_SECRET_PART + 1 }, (_, i) => secret.slice(i, i + MIN_SECRET_PART));
}

function assertNoSecret(output: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    for (const part of parts(secret)) assert.ok(!output.includes(part), `${where} contains ${JSON.stringify(part)} of secret ${JSON.stringify(secret)}`);
  }
}

/** The planted values were quoted by the rules (so searching for them means something), as "[secret]". */
function assertRulesQuotedSecrets(result: PreviewResult): void {
  const messages = [...result.report.violations, ...result.report.exempted, ...result.report.notEvaluated, ...result.report.ruleErrors];
  const about = (name: string) => messages.filter((f) => f.name === name);
  assert.ok(about("secret-timeout").some((f) => f.message.includes(`timeout ${REDACTED}`) || f.message.includes(`timeout is ${REDACTED}`)), JSON.stringify(about("secret-timeout")));
  assert.ok(about("secret-redrive").some((f) => f.message.includes(REDACTED)), JSON.stringify(about("secret-redrive")));
  assert.deepEqual(result.report.exempted.filter((f) => f.name === "secret-exemption").map((f) => f.reason), [REDACTED]);
  assert.ok(about("secret-definition").some((f) => f.message.includes(REDACTED)), JSON.stringify(about("secret-definition")));
  const ecs = about("secret-ecs").map((f) => f.message);
  assert.ok(ecs.some((m) => m.includes(`deploymentMinimumHealthyPercent is ${REDACTED}`)), JSON.stringify(ecs));
  assert.ok(!ecs.some((m) => /\b37\b/.test(m)), JSON.stringify(ecs));
}

describe("faultguard preview: secrets never reach a report (issue 11 item 6)", function () {
  this.timeout(180_000);
  let result: PreviewResult;

  before(async () => {
    result = await runPreview({ programDir: PROGRAM, stack: "dev", onProgramOutput: () => undefined });
  });

  it("the rules did quote the planted values (so the check below means something), now hidden", () => {
    assertRulesQuotedSecrets(result);
  });

  it("the resilience section and every finding's name and URN hide a secret the program named a resource after", () => {
    const resilience = JSON.stringify(result.report.resilience);
    assert.ok(resilience.includes(`db-${REDACTED}`), "the database is in the resilience section, its name hidden");
    assert.ok(result.report.violations.some((f) => f.name === `db-${REDACTED}` && f.urn.endsWith(`::db-${REDACTED}`)));
    assertNoSecret(resilience, [SECRET_IN_NAME], "resilience section");
  });

  for (const format of FORMATS) {
    it(`${format}: no secret and no part of one`, () => {
      const output = render(result, format, REPO);
      assertNoSecret(output, [...RULE_SECRETS, SECRET_IN_NAME], `${format} report`);
      assert.ok(output.includes(REDACTED));
    });
  }

  describe("rules alone, without the CLI's redaction (the pack knows which properties are secret)", () => {
    for (const inProcess of [true, false]) {
      describe(inProcess ? "in-process pack" : "pack process", () => {
        let bare: PreviewResult;
        before(async () => {
          await sharedPack();
          // analyzeInline builds the report straight from the pack's diagnostics: no redactPreviewResult.
          bare = (await analyzeInlineDetailed(plantRuleSecrets, { inProcess, config: { "aws:region": "eu-west-1" } })).result;
        });

        it("the rules print [secret] where they quote a secret property", () => {
          assertRulesQuotedSecrets(bare);
        });

        for (const format of FORMATS) {
          it(`${format}: no secret and no part of one`, () => {
            assertNoSecret(render(bare, format, REPO), RULE_SECRETS, `${format} report`);
          });
        }
      });
    }
  });

  it("the adapter reads secret paths from the wire before @pulumi/policy unwraps them; show() prints [secret] for them and around them", () => {
    const wire = structproto.Struct.fromJavaScript({
      timeout: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: 1234 },
      tags: { owner: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: "team-QuasarVault" }, env: "dev" },
      items: [1, { [SPECIAL_SIG_KEY]: SECRET_SIG, value: { a: "b" } }],
    });
    const secrets = secretsOnWire(wire);
    assert.deepEqual([...secrets.keys()].sort(), ["items.1", "tags.owner", "timeout"]);
    const view = new ResourceView("t", "urn:t", "t", { timeout: 1234, tags: { owner: "team-QuasarVault", env: "dev" }, items: [1, { a: "b" }] });
    view.secrets = secrets;
    assert.deepEqual(
      ["timeout", "tags", "tags.owner", "tags.env", "items.1.a", "items.0"].map((p) => view.show(p)),
      [REDACTED, REDACTED, REDACTED, '"dev"', REDACTED, "1"],
    );
    assert.equal(scrubberFor([view])("owner team-QuasarVault, timeout 1234"), `owner ${REDACTED}, timeout ${REDACTED}`);
  });

  it("hides a secret wholly and in part, a short one only where it stands alone", () => {
    const redactor = new SecretRedactor(["hunter2-zebra", "37"], ["placeholder-word"]);
    assert.equal(redactor.redact('Unexpected token h, "hunter2-ze"... is not valid JSON'), `Unexpected token h, "${REDACTED}"... is not valid JSON`);
    assert.equal(redactor.redact("percent is 37, not 370 or a37"), `percent is ${REDACTED}, not 370 or a37`);
    assert.equal(redactor.redact("placeholder-word and placeholder"), `${REDACTED} and placeholder`);
  });
});
