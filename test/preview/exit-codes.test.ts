// The exit-code contract (0 no mandatory violation, 1 mandatory violations, 2 anything else) and
// the "show the line that says why" rule for failures of faultguard itself and of its children.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { firstErrorLine, tail } from "../../preview/src/errors";

const BIN = path.join(__dirname, "..", "..", "preview", "bin", "faultguard.js");
const QUEUES = path.join(__dirname, "..", "fixtures", "preview", "programs", "queues");

describe("exit codes: a crash of faultguard itself is 2, never 1", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "faultguard-exit-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a run-time dependency that cannot be loaded exits 2 and names the missing module", function () {
    this.timeout(120_000);
    // Preloaded before the CLI: makes one of the CLI's own run-time modules unresolvable, as in an
    // install that lacks it (the defect: `Cannot find module 'ajv'` exited 1, read as a verdict).
    const preload = path.join(dir, "hide-yaml.js");
    fs.writeFileSync(
      preload,
      `const Module = require("node:module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "yaml") { const e = new Error("Cannot find module 'yaml'"); e.code = "MODULE_NOT_FOUND"; throw e; }
  return resolve.call(this, request, ...rest);
};\n`,
    );
    const run = spawnSync(process.execPath, ["--require", preload, BIN, "preview", QUEUES], { encoding: "utf8", timeout: 110_000 });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /Cannot find module 'yaml'/);
  });
});

describe("error excerpts keep the cause", () => {
  it("keeps the first error line when it is above the last lines, and drops Pulumi's promise-leak report", () => {
    const stderr = [
      "Error: Cannot find module 'minimatch'",
      "Require stack:",
      ...Array.from({ length: 30 }, (_, i) => `    at frame${i} (/x/y.js:${i}:1)`),
      "The Pulumi runtime detected that 3679 promises were still active",
      "at the time that the process exited. There are a few ways that this can occur:",
      "  * Not using `await` or `.then` on a Promise returned from a Pulumi API",
      "debug information about the leaked promises.",
    ].join("\n");
    const shown = tail(stderr, 5);
    assert.equal(shown.split("\n")[0], "Error: Cannot find module 'minimatch'");
    assert.doesNotMatch(shown, /promises were still active/);
    assert.equal(firstErrorLine(stderr), "Error: Cannot find module 'minimatch'");
  });

  it("finds the TypeError under a leak report", () => {
    const stderr = "The Pulumi runtime detected that 12 promises were still active\nat the time…\ndebug information about the leaked promises.\nTypeError: sdk.resproto.ResourceInvokeResponse is not a constructor\n    at x";
    assert.equal(firstErrorLine(stderr), "TypeError: sdk.resproto.ResourceInvokeResponse is not a constructor");
  });
});
