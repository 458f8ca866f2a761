#!/usr/bin/env node
"use strict";
// faultguard CLI shim: compile faultguard's own TypeScript on the fly (transpile-only), scoped to
// the preview sources so it also works when installed under node_modules, then run the CLI.
const path = require("node:path");

const previewDir = path.resolve(__dirname, "..");
require("ts-node").register({
  transpileOnly: true,
  project: path.join(previewDir, "..", "tsconfig.json"),
  scope: true,
  scopeDir: previewDir,
  ignore: [],
});
require("../src/cli").run();
