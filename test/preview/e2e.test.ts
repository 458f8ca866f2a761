// End to end: fixture programs on disk run in a child process (as `faultguard preview` runs any
// program), evaluated by real policy packs started the way the engine starts them.
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../preview/src/cli";
import { commandLine, processesWithEnv } from "../support/process-tree";
import { type Report } from "../../preview/src/report/model";

const REPO = path.resolve(__dirname, "..", "..");
const FIXTURES = path.join(REPO, "test", "fixtures", "preview");
const PROGRAMS = path.join(FIXTURES, "programs");
const PACKS = path.join(FIXTURES, "packs");
const BIN = path.join(REPO, "preview", "bin", "faultguard.js");

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process (same code path as the bin, minus the process-level signal handlers). */
async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(["preview", ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: REPO });
  return { code, stdout, stderr };
}

/**
 * Marks every process this file starts (children inherit the environment), so the checks below see
 * only this file's processes, not those of test files running meanwhile in another mocha worker.
 */
const RUN_MARK = "FAULTGUARD_E2E_RUN";

/** Live processes this file started whose command line contains `text`. */
function processesMentioning(text: string): string[] {
  return processesWithEnv(RUN_MARK, String(process.pid))
    .map((pid) => `${pid} ${commandLine(pid)}`)
    .filter((line) => line.includes(text));
}

describe("faultguard preview end to end", function () {
  this.timeout(180_000);
  before(() => {
    process.env[RUN_MARK] = String(process.pid);
  });
  after(() => {
    delete process.env[RUN_MARK];
  });

  it("reports the exact violations of a program: unknown-dependent property counted as the engine counts it, stack policy through propertyDependencies", async () => {
    const run = await cli(path.join(PROGRAMS, "queues"), "--policy-pack", path.join(PACKS, "basic"), "--format", "json");
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    const urn = (name: string): string => `urn:pulumi:dev::fixture-queues::aws:sqs/queue:Queue::${name}`;
    assert.deepEqual(report.policyPacks, [{ name: "faultguard-fixture-pack", version: "1.2.3" }]);
    assert.equal(report.resourceCount, 4);
    assert.deepEqual(report.violations.filter((f) => f.kind === "violation"), [
      {
        policyPack: "faultguard-fixture-pack",
        policyPackVersion: "1.2.3",
        policy: "queue-has-alarm",
        enforcementLevel: "mandatory",
        severity: "",
        kind: "violation",
        description: "Every SQS queue has a CloudWatch alarm.",
        message: "Every SQS queue has a CloudWatch alarm.\nQueue dlq has no alarm.",
        urn: urn("dlq"),
        type: "aws:sqs/queue:Queue",
        name: "dlq",
      },
      {
        policyPack: "faultguard-fixture-pack",
        policyPackVersion: "1.2.3",
        policy: "queue-retention",
        enforcementLevel: "advisory",
        severity: "medium",
        kind: "violation",
        description: "SQS queues keep messages long enough to recover from an outage.",
        // 3600 is the project-level config default from Pulumi.yaml.
        message: "SQS queues keep messages long enough to recover from an outage.\nmessageRetentionSeconds is 3600, below 345600.",
        urn: urn("main"),
        type: "aws:sqs/queue:Queue",
        name: "main",
      },
    ]);
    // main's redrivePolicy is built from the DLQ's ARN: unknown in a first preview, as in `pulumi preview`,
    // whose engine counts the SDK's "can't run policy … during preview" as an advisory violation.
    const cantRun = report.violations.filter((f) => f.kind === "could-not-evaluate");
    assert.deepEqual(cantRun.map((f) => [f.policy, f.enforcementLevel, f.severity, f.name]), [["queue-has-dlq", "advisory", "high", "main"]]);
    assert.match(cantRun[0].message, /^can't run policy 'queue-has-dlq' from policy pack 'faultguard-fixture-pack@v1.2.3' during preview: .*redrivePolicy/);
    assert.deepEqual(report.notEvaluated, []);
    assert.deepEqual(report.summary, { mandatory: 1, advisory: 2, exempted: 0, ruleErrors: 0 });
  });

  it("applies a --policy-pack-config file (levels, properties, disabled) and --config overrides", async () => {
    const run = await cli(
      path.join(PROGRAMS, "queues"),
      "--stack",
      "dev",
      "--policy-pack",
      path.join(PACKS, "basic"),
      "--policy-pack-config",
      path.join(FIXTURES, "policy-config", "retention-mandatory.json"),
      "--config",
      "retentionSeconds=600",
      "--format",
      "json",
    );
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.deepEqual(
      report.violations.map((v) => [v.policy, v.enforcementLevel, v.name, v.message.split("\n")[1]]),
      [
        // The SDK's own "can't run … during preview" (one line), counted as the engine counts it.
        ["queue-has-dlq", "advisory", "main", undefined],
        ["queue-retention", "mandatory", "main", "messageRetentionSeconds is 600, below 7200."],
        // "all" applies to every policy first, so the pack's disabled-by-default stack policy runs too.
        ["stack-has-owner-tag", "advisory", "fixture-queues-dev", "The stack has no owner tag."],
      ],
    );
  });

  it("rejects a policy config the pack's schema does not allow, before analysing (exit 2)", async () => {
    const run = await cli(path.join(PROGRAMS, "queues"), "--policy-pack", path.join(PACKS, "basic"), "--policy-pack-config", path.join(FIXTURES, "policy-config", "bad-property.json"));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /bad-property\.json is not valid for pack faultguard-fixture-pack@1\.2\.3:\n.*validating policy config: faultguard-fixture-pack 1\.2\.3 {2}queue-retention: minimumSeconds: Invalid type\. Expected: integer, given: string$/m);
  });

  it("fails with exit 2 and the user's own stack frame when the program throws", async () => {
    const run = await cli(path.join(PROGRAMS, "throws"), "--policy-pack", path.join(PACKS, "basic"));
    assert.equal(run.code, 2);
    const error = run.stderr.split("\n").filter((l) => l.startsWith("faultguard preview: error:"));
    assert.equal(error.length, 1, run.stderr);
    assert.match(error[0], /instanceCount must be at least 2 for multi-AZ, got 1/);
    assert.match(error[0], /programs\/throws\/sizing\.ts:2:\d+/);
    assert.doesNotMatch(error[0], /node_modules/);
  });

  it("stops on a provider function without an answer, and runs once a fixtures file supplies it", async () => {
    const dir = path.join(PROGRAMS, "missing-invoke");
    const failed = await cli(dir, "--policy-pack", path.join(PACKS, "basic"));
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, /provider function "aws:ec2\/getSecurityGroup:getSecurityGroup".*--fixtures FILE/s);
    // Two packs side by side (the second in plain JavaScript).
    const fixed = await cli(dir, "--policy-pack", path.join(PACKS, "basic"), "--policy-pack", path.join(PACKS, "tags"), "--fixtures", path.join(dir, "fixtures.yaml"), "--format", "json");
    assert.equal(fixed.code, 1, fixed.stderr);
    const report = JSON.parse(fixed.stdout) as Report;
    assert.deepEqual(report.policyPacks, [
      { name: "faultguard-fixture-pack", version: "1.2.3" },
      { name: "fixture-tags-pack", version: "0.3.0" },
    ]);
    assert.deepEqual(
      report.violations.map((v) => [v.policyPack, v.policy, v.enforcementLevel, v.name]),
      [
        ["faultguard-fixture-pack", "queue-encryption", "advisory", "queue"],
        ["faultguard-fixture-pack", "queue-has-alarm", "mandatory", "queue"],
        ["faultguard-fixture-pack", "queue-has-dlq", "mandatory", "queue"],
        ["fixture-tags-pack", "owner-tag", "advisory", "queue"],
      ],
    );
  });

  it("fails with exit 2 and the pack's stderr when a pack cannot start", async () => {
    const run = await cli(path.join(PROGRAMS, "queues"), "--policy-pack", path.join(PACKS, "fails-to-start"));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /policy pack .*fails-to-start failed to start: it exited \(code \d+\) before printing its port\. Its stderr:/);
    assert.match(run.stderr, /fixture pack exploded while loading its rules/);
  });

  it("explains a pack that writes to stdout where its port belongs", async () => {
    const run = await cli(path.join(PROGRAMS, "queues"), "--policy-pack", path.join(PACKS, "garbage-stdout"), "--timeout", "60");
    assert.equal(run.code, 2);
    assert.match(run.stderr, /printed "loading rules\.\.\." on stdout where the engine expects its gRPC port number/);
    assert.deepEqual(processesMentioning(path.join(PACKS, "garbage-stdout")), []);
  });

  it("times out a pack that hangs (bin, --timeout), exits 2 and leaves no process behind", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "fg-hang-"));
    const child = spawn(process.execPath, [BIN, "preview", path.join(PROGRAMS, "queues"), "--policy-pack", path.join(PACKS, "hangs"), "--timeout", "4", "--output", path.join(out, "r.json")], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    assert.equal(code, 2, stderr);
    assert.match(stderr, /policy pack .*hangs did not print its port within 4 s \(the pack start limit, --timeout 4;[^)]*\); it was ended\./);
    assert.deepEqual(processesMentioning(path.join(PACKS, "hangs")), []);
    assert.deepEqual(processesMentioning(`child-entry.js ${path.join(PROGRAMS, "queues")}`), []);
    assert.equal(fs.existsSync(path.join(out, "r.json")), false, "no half-written report");
  });

  it("ends the program and pack processes on Ctrl-C (SIGINT) and exits 130", async () => {
    const hangs = path.join(PACKS, "hangs");
    const packProcess = `127.0.0.1:1 ${hangs}`; // the pack's own command line, not the CLI's
    const child = spawn(process.execPath, [BIN, "preview", path.join(PROGRAMS, "queues"), "--policy-pack", hangs, "--timeout", "170"], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    // Wait (bounded) until the pack process is up, then interrupt the CLI.
    const deadline = Date.now() + 120_000;
    while (processesMentioning(packProcess).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    assert.notDeepEqual(processesMentioning(packProcess), [], "the pack process started");
    child.kill("SIGINT");
    assert.equal(await exited, 130, stderr);
    assert.match(stderr, /interrupted \(SIGINT\); child processes ended/);
    assert.deepEqual(processesMentioning(packProcess), []);
    assert.deepEqual(processesMentioning(`child-entry.js ${path.join(PROGRAMS, "queues")}`), []);
  });

  it("rejects bad usage with exit 2 and names the problem, without starting anything", async () => {
    const unknown = await cli("--no-such-flag");
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option '--no-such-flag'/);
    const format = await cli(path.join(PROGRAMS, "queues"), "--format", "xml");
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format "xml": use one of text, json, sarif, junit/);
    const notProject = await cli(PACKS);
    assert.equal(notProject.code, 2);
    assert.match(notProject.stderr, /has no Pulumi\.yaml/);
    const badConfig = await cli(path.join(PROGRAMS, "queues"), "--config", "novalue", "--policy-pack", path.join(PACKS, "basic"));
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.stderr, /--config "novalue": expected KEY=VALUE/);
  });
});
