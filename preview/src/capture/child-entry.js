"use strict";
// Entry of the child process that runs a user's Pulumi program (see program.ts). Plain JavaScript
// so that TypeScript can be set up in the right order before any .ts file loads:
//   1. the program's own ts-node/typescript with the program's tsconfig, for the program's files;
//   2. ours, scoped to faultguard's preview sources, layered on top (ts-node falls back to the
//      previous handler for files outside its scope).
const fs = require("node:fs");
const path = require("node:path");

function resolveFrom(dir, request) {
  try {
    return require.resolve(request, { paths: [dir] });
  } catch {
    return require.resolve(request);
  }
}

function registerProgramTypeScript(programDir) {
  const tsconfig = path.join(programDir, "tsconfig.json");
  const hasTsconfig = fs.existsSync(tsconfig);
  require(resolveFrom(programDir, "ts-node")).register({
    transpileOnly: true,
    compiler: resolveFrom(programDir, "typescript"),
    project: hasTsconfig ? tsconfig : undefined,
    skipProject: !hasTsconfig,
    // The language host's defaults when a program has no tsconfig.json.
    compilerOptions: hasTsconfig ? undefined : { target: "ES2020", module: "commonjs", moduleResolution: "node", sourceMap: true, esModuleInterop: true },
  });
}

function registerOwnTypeScript() {
  const previewDir = path.resolve(__dirname, "..", "..");
  const repoDir = path.join(previewDir, "..");
  // Our sources: preview/ and the pack modules the capture shares (policies/lib/wire.ts). One scoped
  // instance each, never the whole repository, whose test fixtures are programs with their own
  // tsconfig. Without the policies one, an ES-module program's loader hooks (which Node 20.19+ also
  // applies to require) would get our policies/lib files and fail on their TypeScript syntax.
  for (const scopeDir of [previewDir, path.join(repoDir, "policies")]) {
    require("ts-node").register({
      transpileOnly: true,
      project: path.join(repoDir, "tsconfig.json"),
      scope: true,
      scopeDir,
      ignore: [],
    });
  }
}

process.once("message", (request) => {
  const esm = require("./esm");
  const isEsm = esm.isEsmProgram(request.programDir);
  if (request.typescript) {
    if (isEsm) esm.registerEsmTypeScript(request.programDir, resolveFrom);
    else registerProgramTypeScript(request.programDir);
  }
  // An installed (compiled) faultguard has child.js here; a checkout runs its TypeScript sources.
  if (!fs.existsSync(path.join(__dirname, "child.js"))) registerOwnTypeScript();
  require("./child").runChild(request, isEsm ? esm.importMain : undefined);
});
