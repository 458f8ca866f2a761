// Issue 11 item 6: no secret value, nor any part of one, reaches any report format. Secrets are
// planted at paths rules read and quote (a Lambda timeout, a redrive policy that fails to parse, an
// exemption reason, Step Functions state names, ECS settings); every format is rendered and searched.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { MIN_SECRET_PART, REDACTED, SecretRedactor } from "../../policies/lib/redact";
import { render } from "../../preview/src/cli";
import { runPreview } from "../../preview/src/preview";
import { type PreviewResult } from "../../preview/src/report/model";

const REPO = path.resolve(__dirname, "..", "..");
const PROGRAM = path.join(REPO, "test", "fixtures", "preview", "programs", "secrets");
const LONG_SECRETS = ["1234", "hunter2-not-json-zebra", "okd Quixotic-Walrus-77", "QuasarVaultPlutonium"];

function parts(secret: string): string[] {
  if (secret.length <= MIN_SECRET_PART) return [secret];
  return Array.from({ length: secret.length - MIN_SECRET_PART + 1 }, (_, i) => secret.slice(i, i + MIN_SECRET_PART));
}

describe("faultguard preview: secrets never reach a report (issue 11 item 6)", function () {
  this.timeout(180_000);
  let result: PreviewResult;

  before(async () => {
    result = await runPreview({ programDir: PROGRAM, stack: "dev", onProgramOutput: () => undefined });
  });

  it("the rules did quote the planted values (so the check below means something), now hidden", () => {
    const messages = [...result.report.violations, ...result.report.exempted, ...result.report.notEvaluated, ...result.report.ruleErrors];
    const about = (name: string) => messages.filter((f) => f.name === name);
    assert.ok(about("secret-timeout").some((f) => f.message.includes(`timeout ${REDACTED}`) || f.message.includes(`timeout is ${REDACTED}`)), JSON.stringify(about("secret-timeout")));
    assert.ok(about("secret-redrive").some((f) => f.message.includes(REDACTED)), JSON.stringify(about("secret-redrive")));
    assert.deepEqual(result.report.exempted.filter((f) => f.name === "secret-exemption").map((f) => f.reason), [REDACTED]);
    assert.ok(about("secret-definition").some((f) => f.message.includes(REDACTED)), JSON.stringify(about("secret-definition")));
    const ecs = about("secret-ecs").map((f) => f.message);
    assert.ok(ecs.some((m) => m.includes(`deploymentMinimumHealthyPercent is ${REDACTED}`)), JSON.stringify(ecs));
    assert.ok(!ecs.some((m) => /\b37\b/.test(m)), JSON.stringify(ecs));
  });

  for (const format of ["text", "json", "sarif", "junit"] as const) {
    it(`${format}: no secret and no part of one`, () => {
      const output = render(result, format, REPO);
      for (const secret of LONG_SECRETS) {
        for (const part of parts(secret)) assert.ok(!output.includes(part), `${format} report contains ${JSON.stringify(part)} of secret ${JSON.stringify(secret)}`);
      }
      assert.ok(output.includes(REDACTED));
    });
  }

  it("hides a secret wholly and in part, a short one only where it stands alone", () => {
    const redactor = new SecretRedactor(["hunter2-zebra", "37"], ["placeholder-word"]);
    assert.equal(redactor.redact('Unexpected token h, "hunter2-ze"... is not valid JSON'), `Unexpected token h, "${REDACTED}"... is not valid JSON`);
    assert.equal(redactor.redact("percent is 37, not 370 or a37"), `percent is ${REDACTED}, not 370 or a37`);
    assert.equal(redactor.redact("placeholder-word and placeholder"), `${REDACTED} and placeholder`);
  });
});
