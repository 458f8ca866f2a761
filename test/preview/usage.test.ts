// Usage errors stop `faultguard preview` with exit 2 before any work (issue 11 items 10, 13, 14):
// the fixture program says on stderr when it runs, so "before any work" is observable.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../preview/src/cli";

const REPO = path.resolve(__dirname, "..", "..");
const PROGRAM = path.join(REPO, "test", "fixtures", "preview", "programs", "announces");
const PACK = path.join(REPO, "test", "fixtures", "preview", "packs", "basic");
const RAN = "fixture-announces: the program ran";

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(["preview", PROGRAM, "--policy-pack", PACK, ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: REPO });
  return { code, stdout, stderr };
}

function assertUsageError(run: { code: number; stderr: string }, message: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr, /internal error/);
  assert.ok(!run.stderr.includes(RAN), `the program must not run: ${run.stderr}`);
}

describe("faultguard preview usage errors (before any work)", function () {
  this.timeout(120_000);

  it("rejects a --timeout beyond what a timer can hold (item 10), and accepts the largest one", async () => {
    assertUsageError(await cli("--stack", "dev", "--timeout", "2147484"), /--timeout "2147484": at most 2147483 seconds/);
    assertUsageError(await cli("--stack", "dev", "--timeout", "1e12"), /--timeout "1e12": at most 2147483 seconds/);
    assertUsageError(await cli("--stack", "dev", "--timeout", " "), /--timeout " ": give a positive number/);
  });

  it("validates --stack as Pulumi does and names the stacks found for an unknown one (item 13)", async () => {
    assertUsageError(await cli("--stack", "evil::stack"), /--stack "evil::stack" is not a valid stack name: stack names may only contain alphanumeric/);
    assertUsageError(await cli("--stack", ""), /--stack "" is not a valid stack name/);
    assertUsageError(await cli("--stack", "a/b/c/d"), /is not a valid stack name: a stack reference is NAME, ORG\/NAME or ORG\/PROJECT\/NAME/);
    assertUsageError(await cli("--stack", "acme/other-project/dev"), /names project "other-project", but this project is "fixture-announces"/);
    const unknown = await cli("--stack", "staging");
    assertUsageError(unknown, /no stack named "staging" found: .* has config for "dev", "prod"; pass one of them with --stack/);
  });

  it("runs a qualified stack reference with that stack's config", async () => {
    const run = await cli("--stack", "acme/fixture-announces/prod", "--format", "json");
    assert.notEqual(run.code, 2, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { stack: string }).stack, "prod");
  });

  it("checks --output before the run: a missing folder, a directory, an unwritable place (item 14)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "faultguard-output-"));
    try {
      assertUsageError(await cli("--stack", "dev", "--output", path.join(dir, "missing", "report.json")), /--output .*report\.json: cannot write the report there \(the folder .*missing does not exist\)/);
      assertUsageError(await cli("--stack", "dev", "--output", dir), /cannot write the report there \(it is a directory\)/);
      // /sys refuses new files even to root, so this holds whoever runs the tests.
      assertUsageError(await cli("--stack", "dev", "--output", "/sys/faultguard-report.json"), /cannot write the report there \(it is not writable\)/);
      assert.deepEqual(fs.readdirSync(dir), [], "the checks leave nothing behind");
      const file = path.join(dir, "report.json");
      const ok = await cli("--stack", "dev", "--output", file, "--format", "json");
      assert.notEqual(ok.code, 2, ok.stderr);
      assert.equal((JSON.parse(fs.readFileSync(file, "utf8")) as { stack: string }).stack, "dev");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
