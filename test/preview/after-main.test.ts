// Issue 11 item 1: the program is done when its event loop has drained and every registration has
// settled, as the Node language host decides (@pulumi/pulumi cmd/run/index.js: `beforeExit`, then
// waitForRPCs); an error at any point, also after main returned, fails the run with exit 2.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { main } from "../../preview/src/cli";
import { type Report } from "../../preview/src/report/model";

const REPO = path.resolve(__dirname, "..", "..");
const PROGRAM = path.join(REPO, "test", "fixtures", "preview", "programs", "after-main");
const PACK = path.join(REPO, "test", "fixtures", "preview", "packs", "basic");

async function preview(scenario: string): Promise<{ code: number; report?: Report; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(["preview", PROGRAM, "--stack", "dev", "--policy-pack", PACK, "--format", "json", "--config", `scenario=${scenario}`], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: REPO,
  });
  return { code, stderr, report: stdout ? (JSON.parse(stdout) as Report) : undefined };
}

describe("faultguard preview: work after the main module returns (issue 11 item 1)", function () {
  this.timeout(180_000);

  it("judges a queue created in an async IIFE after an await (not a false 'passed')", async () => {
    const run = await preview("async-iife");
    assert.equal(run.code, 1, run.stderr);
    const judged = run.report!.violations.filter((v) => v.name === "late-jobs").map((v) => v.policy);
    assert.deepEqual(judged.sort(), ["queue-has-alarm", "queue-has-dlq"]);
  });

  it("captures the BucketNotification @pulumi/aws registers in its beforeExit handler (bucket.onObjectCreated)", async () => {
    const run = await preview("bucket-notification");
    assert.notEqual(run.code, 2, run.stderr);
    // The stack, the bucket, the function, the subscription component, its permission and its notification.
    assert.equal(run.report!.resourceCount, 6);
  });

  for (const [scenario, message] of [
    ["late-throw", /late failure after main returned/],
    ["late-rejection", /late rejection after main returned/],
  ] as const) {
    it(`fails with exit 2 on a ${scenario.replace("-", " ")} after main returned`, async () => {
      const run = await preview(scenario);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.report, undefined);
      assert.match(run.stderr, message);
    });
  }
});
