// Issue 11 item 15: large program output is not cut silently. The start is passed on live, the end
// (where a failure shows) is always kept, and a line says how much was cut in between.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { main } from "../../preview/src/cli";
import { KEPT_TAIL_BYTES, LIVE_OUTPUT_BYTES, ProgramOutput } from "../../preview/src/capture/output";

const REPO = path.resolve(__dirname, "..", "..");

describe("faultguard preview: the program's output (issue 11 item 15)", function () {
  this.timeout(120_000);

  it("keeps the end of 4 MiB of output and says what was cut", async () => {
    let stderr = "";
    const code = await main(
      ["preview", path.join(REPO, "test", "fixtures", "preview", "programs", "loud"), "--stack", "dev", "--policy-pack", path.join(REPO, "bench", "packs", "empty"), "--format", "json"],
      { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: REPO },
    );
    assert.equal(code, 0, stderr.slice(-2000));
    assert.match(stderr, /fixture-loud: the last line\n/);
    const total = 4096 * 1024 + "fixture-loud: the last line\n".length;
    const cut = total - LIVE_OUTPUT_BYTES - KEPT_TAIL_BYTES;
    assert.ok(stderr.includes(`[faultguard: ${cut} bytes of the program's output were cut here; the first ${LIVE_OUTPUT_BYTES} and the last ${KEPT_TAIL_BYTES} bytes are shown]`), stderr.slice(0, 300));
  });

  it("passes small output on whole, without a note", () => {
    let out = "";
    const output = new ProgramOutput((t) => (out += t), 10, 10);
    output.write(Buffer.from("0123456"));
    output.write(Buffer.from("789"));
    output.finish();
    assert.equal(out, "0123456789");
    const big = new ProgramOutput((t) => (out = t === "" ? out : out + t), 4, 4);
    out = "";
    big.write(Buffer.from("abcdefghijklmnop"));
    big.finish();
    assert.equal(out, "abcd\n[faultguard: 8 bytes of the program's output were cut here; the first 4 and the last 4 bytes are shown]\nmnop");
  });
});
