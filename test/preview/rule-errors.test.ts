// Issue 11 item 2: a rule that throws is a rule error naming the rule and the exception, at the
// rule's level: a crashing mandatory rule fails the run (exit 2) unless the user set its level.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { main } from "../../preview/src/cli";
import { type Report } from "../../preview/src/report/model";

const REPO = path.resolve(__dirname, "..", "..");
const FIXTURES = path.join(REPO, "test", "fixtures", "preview");
const ARGS = ["preview", path.join(FIXTURES, "programs", "announces"), "--stack", "dev", "--policy-pack", path.join(FIXTURES, "packs", "crashing-rule"), "--format", "json"];

async function cli(...extra: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main([...ARGS, ...extra], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: REPO });
  return { code, stderr, report: JSON.parse(stdout) as Report };
}

describe("faultguard preview: a crashing rule (issue 11 item 2)", function () {
  this.timeout(120_000);

  it("is a mandatory rule error naming the rule and the exception, and fails the run with exit 2", async () => {
    const run = await cli();
    assert.equal(run.code, 2, run.stderr);
    assert.deepEqual(run.report.notEvaluated, [], "not disguised as 'unknown during preview'");
    assert.equal(run.report.ruleErrors.length, 1);
    const [error] = run.report.ruleErrors;
    assert.equal(error.policy, "queue-buggy");
    assert.equal(error.enforcementLevel, "mandatory");
    assert.match(error.message, /rule error: queue-buggy failed on aws:sqs\/queue:Queue jobs: TypeError: Cannot read properties of undefined \(reading 'maxReceiveCount'\)/);
    assert.match(run.stderr, /error: 1 mandatory rule crashed \(queue-buggy\); the verdict is incomplete/);
  });

  it("does not fail the run when the user set the rule to advisory, and still reports it", async () => {
    const run = await cli("--policy-pack-config", path.join(FIXTURES, "policy-config", "buggy-advisory.json"));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.report.ruleErrors.map((f) => [f.policy, f.enforcementLevel]), [["queue-buggy", "advisory"]]);
  });
});
