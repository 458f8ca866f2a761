// Every start and RPC timeout error names `--timeout` and the value in force (issue 10 item 3), so a
// user on a slow CI machine knows what to change. Messages only: nothing here depends on how fast
// the machine is (the limits are short, the processes never answer).
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { PolicyPackProcess } from "../../preview/src/analyzer/pack";
import { timeLimitNote } from "../../preview/src/errors";

const PACKS = path.join(__dirname, "..", "fixtures", "preview", "packs");

describe("timeout errors name --timeout and the value in force", function () {
  // Starting a pack loads the Pulumi SDK: generous for a loaded machine.
  this.timeout(180_000);

  it("a limit given with --timeout is named as such, a default says no --timeout was given", () => {
    assert.equal(timeLimitNote("pack start", 4_000, "--timeout"), "the pack start limit, --timeout 4; if the machine is only slow, give a larger --timeout SECONDS");
    assert.equal(timeLimitNote("RPC", 120_000), "the default RPC limit, 120 s, as no --timeout was given; if the machine is only slow, give a larger --timeout SECONDS");
  });

  it("pack start: a pack that never prints its port", async () => {
    await assert.rejects(
      PolicyPackProcess.start(path.join(PACKS, "hangs"), { startTimeoutMs: 1_500, timeoutSource: "--timeout" }),
      /policy pack .*hangs did not print its port within 1\.5 s \(the pack start limit, --timeout 1\.5; if the machine is only slow, give a larger --timeout SECONDS\); it was ended\./,
    );
  });

  it("RPC: a pack that prints its port and never answers", async () => {
    // The start itself has all the time it needs; only the first RPC (GetAnalyzerInfo) is limited.
    await assert.rejects(
      PolicyPackProcess.start(path.join(PACKS, "silent-rpc"), { startTimeoutMs: 170_000, rpcTimeoutMs: 1_000 }),
      /policy pack .*silent-rpc did not answer GetAnalyzerInfo within 1 s \(the default RPC limit, 1 s, as no --timeout was given; if the machine is only slow, give a larger --timeout SECONDS\)\./,
    );
  });
});
