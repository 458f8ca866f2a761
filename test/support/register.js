"use strict";
// Mocha's `require` (.mocharc.json): TypeScript through ts-node (transpile only), with stack traces
// source-mapped for this repository's files only.
//
// ts-node installs source-map-support, which maps every frame of every stack trace that is read.
// @pulumi/pulumi reads a full stack (Error.stackTraceLimit = Infinity) for each resource and each
// of its promises (Resource.stackTrace, debuggablePromise): mapping those frames through the SDK's
// shipped .js.map files was half of the rule tests' CPU time. Frames in node_modules keep their
// compiled location; frames of our TypeScript (tests, rules, preview) are mapped as before.
require("ts-node/register/transpile-only");
const path = require("node:path");

const mapped = Error.prepareStackTrace;
if (typeof mapped === "function") {
  const dependency = `${path.sep}node_modules${path.sep}`;
  const ours = (frame) => {
    const file = frame.getFileName();
    return typeof file === "string" && !file.includes(dependency) && !file.startsWith("node:");
  };
  Error.prepareStackTrace = function prepareStackTrace(error, frames) {
    if (!frames.some(ours)) {
      return mapped(error, []) + frames.map((f) => `\n    at ${f}`).join("");
    }
    return mapped(error, []) + frames.map((f) => (ours(f) ? mapped(error, [f]).slice(mapped(error, []).length) : `\n    at ${f}`)).join("");
  };
}

// Root hooks (a mocha root-hook plugin, so they apply in parallel workers too): once the run ends
// (or, under `mocha --parallel`, once each file ends in its worker), the pack processes that
// test/support/analyze.ts started are ended. Only if that module was loaded: requiring it here
// would load @pulumi/pulumi into runs that never use it.
// No test may fail because the machine is busy: every test gets at least TEST_TIMEOUT_FLOOR_MS
// (a suite's own this.timeout() only ever raises it). A loaded 2-core CI runner is ~10x slower than
// an idle one; the floor only costs time when a test hangs. (Hooks get their suite's timeout, which
// .mocharc.json's default keeps at the same floor.)
const TEST_TIMEOUT_FLOOR_MS = 600_000;

exports.mochaHooks = {
  beforeEach() {
    const test = this.currentTest;
    if (test && test.timeout() > 0 && test.timeout() < TEST_TIMEOUT_FLOOR_MS) test.timeout(TEST_TIMEOUT_FLOOR_MS);
  },
  async afterAll() {
    const analyze = require.cache[path.join(__dirname, "analyze.ts")];
    if (analyze) await analyze.exports.closeSharedPacks();
  },
};
