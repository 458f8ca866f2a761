"use strict";
// ES-module programs (package.json "type": "module"), run as the Pulumi language host runs them
// (@pulumi/pulumi cmd/run/run.js): TypeScript through ts-node's ESM hooks with `nodenext` module
// settings under the program's tsconfig, the entry loaded with import() (a directory's index.js,
// .mjs, .ts or .mts), and a default export used instead of the named ones. Plain JavaScript because
// import() must stay import(): TypeScript compiled to CommonJS would turn it into require().
const fs = require("node:fs");
const path = require("node:path");
const { register } = require("node:module");
const { pathToFileURL } = require("node:url");

/** The package.json nearest to `dir` (the one whose "type" Node applies to the program's files). */
function nearestPackageJson(dir) {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const file = path.join(d, "package.json");
    if (fs.existsSync(file)) return file;
    if (path.dirname(d) === d) return undefined;
  }
}

function isEsmProgram(programDir) {
  const file = nearestPackageJson(programDir);
  if (!file) return false;
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")).type === "module";
  } catch {
    return false;
  }
}

/** The program's tsconfig compiler options (comments allowed), under the language host's ESM defaults. */
function esmCompilerOptions(typescript, tsconfig) {
  let own = {};
  if (tsconfig) {
    const parsed = typescript.parseConfigFileTextToJson(tsconfig, fs.readFileSync(tsconfig, "utf8"));
    own = (parsed.config && parsed.config.compilerOptions) || {};
  }
  return { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", sourceMap: true, ...own };
}

/** Registers the program's ts-node as ESM loader hooks (module.register, so the hooks run off-thread). */
function registerEsmTypeScript(programDir, resolveFrom) {
  const tsconfig = path.join(programDir, "tsconfig.json");
  const hasTsconfig = fs.existsSync(tsconfig);
  const compiler = resolveFrom(programDir, "typescript");
  const options = {
    transpileOnly: true,
    compiler,
    project: hasTsconfig ? tsconfig : undefined,
    skipProject: !hasTsconfig,
    compilerOptions: esmCompilerOptions(require(compiler), hasTsconfig ? tsconfig : undefined),
  };
  register(pathToFileURL(path.join(__dirname, "esm-hooks.js")).href, { data: { tsNode: resolveFrom(programDir, "ts-node"), options } });
}

function entryFile(main) {
  if (!fs.existsSync(main) || !fs.statSync(main).isDirectory()) {
    for (const candidate of [main, `${main}.ts`, `${main}.js`]) if (fs.existsSync(candidate)) return candidate;
    return main;
  }
  const index = ["index.js", "index.mjs", "index.ts", "index.mts"].find((f) => fs.existsSync(path.join(main, f)));
  if (!index) throw new Error(`No entrypoint found in ${main}`);
  return path.join(main, index);
}

/** Imports the program's entry; like the language host, a default export replaces the named ones. */
async function importMain(main) {
  const exported = await import(pathToFileURL(fs.realpathSync(entryFile(main))).href);
  if (Object.getOwnPropertyDescriptor(exported, "default") !== undefined) {
    if (Object.keys(exported).length !== 1) throw new Error("expected entrypoint module to have either a default export or named exports but not both");
    return exported.default;
  }
  return exported;
}

module.exports = { isEsmProgram, registerEsmTypeScript, importMain };
