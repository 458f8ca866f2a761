#!/usr/bin/env node
"use strict";
// faultguard CLI shim. Runs the compiled CLI when this is an installed (built) package, or the
// TypeScript sources through ts-node (transpile-only, scoped to this checkout) in a checkout.
//
// Exit codes are a contract (0 no mandatory violation, 1 mandatory violations, 2 anything else): a
// crash of faultguard itself (a missing module, a bug) must never look like a verdict, and Node's
// default for an uncaught error is 1. So every failure here, and every uncaught error later, is 2,
// with the error's own first line (and its cause) on stderr.
const fs = require("node:fs");
const path = require("node:path");

function crash(err) {
  const stack = err instanceof Error && err.stack ? err.stack : String(err);
  const cause = err instanceof Error && err.cause ? `\nCaused by: ${err.cause instanceof Error ? err.cause.stack || err.cause.message : String(err.cause)}` : "";
  process.stderr.write(`faultguard: internal error (exit 2): ${stack}${cause}\n`);
  process.exit(2);
}
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

try {
  // Installed package layout (scripts/build-packages.js): bin/, and the compiled preview/src/ with
  // the policies/lib modules it shares with the pack.
  const compiled = path.join(__dirname, "..", "preview", "src", "cli.js");
  if (fs.existsSync(compiled)) {
    require(compiled).run();
  } else {
    // Scoped to the repository folder: the CLI shares policies/lib/wire.ts with the pack.
    const repoDir = path.resolve(__dirname, "..", "..");
    require("ts-node").register({
      transpileOnly: true,
      project: path.join(repoDir, "tsconfig.json"),
      scope: true,
      scopeDir: repoDir,
      ignore: [],
    });
    require("../src/cli").run();
  }
} catch (err) {
  crash(err);
}
