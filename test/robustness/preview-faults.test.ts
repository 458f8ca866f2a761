// `faultguard preview` under faults (issue 7): a program that never finishes, packs that die in the
// middle of Analyze or AnalyzeStack, and a stack too large for the time given. Each run is the real
// CLI (bin) as a child process; while it runs, every descendant process is recorded from /proc, and
// afterwards each recorded PID must be gone. Each must end with one clear error and exit code 2
// within its --timeout. (A pack that hangs, fails to start or prints garbage instead of its port is
// covered by test/preview/e2e.test.ts.)
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { descendantsOf, survivors } from "../support/process-tree";

const REPO = path.resolve(__dirname, "..", "..");
const BIN = path.join(REPO, "preview", "bin", "faultguard.js");
const FIXTURES = path.join(__dirname, "fixtures");

interface FaultRun {
    code: number | null;
    stderr: string;
    elapsedMs: number;
    /** Every process the CLI started, directly or not, seen while it ran. */
    descendants: number[];
}

/** Runs the CLI, sampling its process tree; the run itself is bounded by `hardLimitMs` (then killed). */
async function runCli(args: string[], hardLimitMs: number): Promise<FaultRun> {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, "preview", ...args], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.stdout.resume();
    const seen = new Set<number>();
    const sampler = setInterval(() => {
        if (child.pid !== undefined) descendantsOf(child.pid).forEach((p) => seen.add(p));
    }, 100);
    const killer = setTimeout(() => child.kill("SIGKILL"), hardLimitMs);
    try {
        const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
        return { code, stderr, elapsedMs: Date.now() - started, descendants: [...seen] };
    } finally {
        clearInterval(sampler);
        clearTimeout(killer);
    }
}

function errorLines(stderr: string): string[] {
    return stderr.split("\n").filter((l) => l.startsWith("faultguard preview: error:"));
}

describe("robustness: faultguard preview under faults ends with one clear error, exit 2, no process left", function () {
    // Generous: each run starts node processes that take many times longer on a loaded CI runner.
    this.timeout(15 * 60_000);
    const common = ["--stack", "dev", "--config", "aws:region=us-east-1"];

    it("a program that never finishes is stopped at --timeout", async () => {
        const run = await runCli([path.join(FIXTURES, "programs", "never-finishes"), ...common, "--policy-pack", path.join(REPO, "bench", "packs", "empty"), "--timeout", "45"], 600_000);
        assert.equal(run.code, 2, run.stderr);
        // --timeout also bounds the pack start, which runs meanwhile: 45 s leaves it room on a loaded CI
        // runner. The message says the program was stopped by --timeout; no wall-clock assert (load).
        assert.match(run.stderr, /did not finish within 45 s \(the program run limit, --timeout 45;[^)]*\); it was stopped/);
        assert.equal(errorLines(run.stderr).length, 1, run.stderr);
        assert.ok(run.descendants.length > 0, "the program ran in a child process");
        assert.deepEqual(await survivors(run.descendants), []);
    });

    it("a pack that dies in the middle of AnalyzeStack is reported as failing in AnalyzeStack", async () => {
        const pack = path.join(FIXTURES, "packs", "exits-in-analyze-stack");
        const run = await runCli([path.join(FIXTURES, "programs", "one-queue"), ...common, "--policy-pack", pack, "--timeout", "600"], 900_000);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /fault-exits-in-analyze-stack.*(exited|failed) (during|in|before) AnalyzeStack/s);
        // The pack's own last words (its stderr) explain the crash.
        assert.match(run.stderr, /exiting in the middle of AnalyzeStack/);
        assert.equal(errorLines(run.stderr).length, 1, run.stderr);
        assert.deepEqual(await survivors(run.descendants), []);
    });

    it("a pack killed while Analyze calls are in flight is reported, not waited on", async () => {
        const pack = path.join(FIXTURES, "packs", "exits-in-analyze");
        // An RPC timeout far beyond what the run needs even on a loaded CI runner: ending before it
        // shows the dead pack was not waited on.
        const run = await runCli([path.join(FIXTURES, "programs", "one-queue"), ...common, "--policy-pack", pack, "--timeout", "600"], 900_000);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /fault-exits-in-analyze.*(exited|failed) (during|in|before) Analyze/s);
        assert.ok(run.elapsedMs < 600_000, `took ${run.elapsedMs} ms: the dead pack was waited on until the RPC timeout`);
        assert.equal(errorLines(run.stderr).length, 1, run.stderr);
        assert.deepEqual(await survivors(run.descendants), []);
    });

    it("a stack too large for the --timeout (200k resources, 64 KiB each) ends at the limit with a clear error", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "fg-oversized-"));
        const report = path.join(out, "report.json");
        const run = await runCli([path.join(FIXTURES, "programs", "oversized"), ...common, "--timeout", "8", "--format", "json", "--output", report], 600_000);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /within 8 s/);
        assert.equal(errorLines(run.stderr).length, 1, run.stderr);
        assert.equal(fs.existsSync(report), false, "no half-written report");
        assert.deepEqual(await survivors(run.descendants), []);
    });
});
