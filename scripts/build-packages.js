#!/usr/bin/env node
// Builds the npm packages a user installs (`npm run build`; `npm run packages` also packs them into
// .packages/; `--publish` publishes them with npm provenance, from the release workflow):
//   @faultguard/components  components/dist/   compiled components, .d.ts types
//   faultguard              preview/dist/      the `faultguard` CLI (offline preview), compiled
//   faultguard-aws          policies/          the CrossGuard pack; its own build (policies/scripts/build.js → bin/)
//
// The sources stay where they are and run through ts-node inside this repository; a package is
// assembled in <dir>/dist from <dir>/package.publish.json (the published package.json) so that an
// import of the source folder in the repository never picks up a stale build.
//
// Why the .d.ts are post-processed: the components validate their args with zod, and zod's own
// type files fail `tsc` under the `pulumi new aws-typescript` tsconfig (no esModuleInterop, no
// skipLibCheck: TS1259 in zod/v4/locales). The public API is plain interfaces and classes; the zod
// schemas are internal. So every declaration that mentions zod is left out of the published types
// (and whatever then mentions a left-out name, to a fixpoint). test/consumer type-checks the result
// with the template's tsconfig.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const ts = require("typescript");

function tsc(project) {
  const result = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", project], { stdio: "inherit", timeout: 600_000 });
  if (result.status !== 0) throw new Error(`tsc -p ${path.relative(root, project)} failed (${result.error ? result.error.message : `exit code ${result.status}`})`);
}

function walk(dir, filter, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file, filter, out);
    else if (filter(file)) out.push(file);
  }
  return out;
}

/**
 * Public type aliases derived from a zod schema (e.g. `type Profile = z.infer<typeof profileSchema>`),
 * resolved by the checker over the sources to what they are (`"production" | "development"`), by
 * "<declaration file>#<name>". Only plain unions of literals and primitives are inlined; anything
 * else is left out like the rest of the zod plumbing.
 */
function resolvedZodAliases(program, sourceDir, distDir) {
  const checker = program.getTypeChecker();
  const resolved = new Map();
  for (const source of program.getSourceFiles()) {
    if (!source.fileName.startsWith(sourceDir) || source.fileName.includes("/node_modules/") || source.fileName.startsWith(distDir)) continue;
    for (const statement of source.statements) {
      if (!ts.isTypeAliasDeclaration(statement) || !/\bz\./.test(statement.type.getText(source))) continue;
      const text = checker.typeToString(checker.getTypeAtLocation(statement.name), undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias);
      if (/^(?:\s*(?:"[^"]*"|\d+|true|false|string|number|boolean)\s*\|?)+$/.test(text)) {
        const declarationFile = path.join(distDir, path.relative(sourceDir, source.fileName)).replace(/\.ts$/, ".d.ts");
        resolved.set(`${declarationFile}#${statement.name.text}`, text);
      }
    }
  }
  return resolved;
}

/** Removes from one .d.ts every statement that refers to any of `names` (identifiers); returns the names it removed. */
function dropDeclarations(file, names, aliases) {
  const text = fs.readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const mentions = (node) => {
    let found = false;
    const visit = (n) => {
      if (found) return;
      if (ts.isIdentifier(n) && names.has(n.text)) found = true;
      else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && /^zod(\/|$)/.test(n.argument.literal.text)) found = true;
      else ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  };
  const removed = new Set();
  const kept = [];
  let rewritten = false;
  for (const statement of source.statements) {
    const isImport = ts.isImportDeclaration(statement);
    const inlined = ts.isTypeAliasDeclaration(statement) ? aliases.get(`${file}#${statement.name.text}`) : undefined;
    if (inlined !== undefined && mentions(statement)) {
      kept.push(ts.factory.updateTypeAliasDeclaration(statement, statement.modifiers, statement.name, statement.typeParameters, ts.factory.createTypeReferenceNode(inlined)));
      rewritten = true;
      continue;
    }
    if (!isImport && mentions(statement)) {
      for (const name of declaredNames(statement)) removed.add(name);
      continue;
    }
    kept.push(statement);
  }
  if (removed.size === 0 && !rewritten && !source.statements.some((s) => ts.isImportDeclaration(s) && isZodImport(s))) return removed;
  // Imports: drop zod's, and drop imported names no longer used by what is kept.
  const body = kept.filter((s) => !ts.isImportDeclaration(s));
  const used = new Set();
  const collect = (n) => {
    if (ts.isIdentifier(n)) used.add(n.text);
    ts.forEachChild(n, collect);
  };
  body.forEach(collect);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const lines = [];
  for (const statement of kept) {
    if (ts.isImportDeclaration(statement)) {
      if (isZodImport(statement)) continue;
      const bound = importedNames(statement);
      if (bound.length > 0 && !bound.some((n) => used.has(n))) continue;
    }
    lines.push(printer.printNode(ts.EmitHint.Unspecified, statement, source));
  }
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return removed;
}

function isZodImport(statement) {
  return ts.isStringLiteral(statement.moduleSpecifier) && /^zod(\/|$)/.test(statement.moduleSpecifier.text);
}

function importedNames(statement) {
  const clause = statement.importClause;
  if (!clause) return [];
  const names = clause.name ? [clause.name.text] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.push(el.name.text);
  return names;
}

function declaredNames(statement) {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.filter((d) => ts.isIdentifier(d.name)).map((d) => d.name.text);
  if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) return statement.exportClause.elements.map((e) => e.name.text);
  return statement.name && ts.isIdentifier(statement.name) ? [statement.name.text] : [];
}

/** Leaves zod (and everything that depends on a left-out name) out of the published .d.ts files. */
function stripZodFromDeclarations(program, sourceDir, distDir) {
  const aliases = resolvedZodAliases(program, sourceDir, distDir);
  const files = walk(distDir, (f) => f.endsWith(".d.ts"));
  const names = new Set(["z"]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const file of files) {
      const before = names.size;
      for (const name of dropDeclarations(file, names, aliases)) names.add(name);
      if (names.size !== before) changed = true;
    }
  }
  const left = files.filter((f) => /["']zod(\/[^"']*)?["']/.test(fs.readFileSync(f, "utf8")));
  if (left.length > 0) throw new Error(`zod is still referenced by ${left.map((f) => path.relative(root, f)).join(", ")}`);
}

/** Fails the build when the compiled code requires a package its manifest does not declare (the `ajv` defect). */
function checkDeclaredDependencies(distDir, manifest) {
  const declared = new Set([manifest.name, ...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const builtins = new Set(require("node:module").builtinModules);
  const missing = new Set();
  for (const file of walk(distDir, (f) => f.endsWith(".js"))) {
    const text = fs.readFileSync(file, "utf8");
    // require("x") and require.resolve("x"), but not require.resolve("x", { paths: [another package] }).
    for (const [, spec] of text.matchAll(/require(?:\.resolve)?\("([^"./][^"]*)"(?!, \{ paths)/g)) {
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
      if (!spec.startsWith("node:") && !builtins.has(name) && !declared.has(name)) missing.add(`${name} (${path.relative(distDir, file)})`);
    }
  }
  if (missing.size > 0) throw new Error(`${manifest.name} requires packages its manifest does not declare: ${[...missing].join(", ")}`);
}

function writeManifest(pkgDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.publish.json"), "utf8"));
  fs.writeFileSync(path.join(pkgDir, "dist", "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of ["README.md"]) fs.copyFileSync(path.join(pkgDir, file), path.join(pkgDir, "dist", file));
  return manifest;
}

function buildComponents() {
  const dir = path.join(root, "components");
  fs.rmSync(path.join(dir, "dist"), { recursive: true, force: true });
  // In-process (one type check serves the emit and the alias resolution below).
  const tsconfig = path.join(dir, "tsconfig.build.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
    throw new Error(`the components do not compile:\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
  stripZodFromDeclarations(program, dir, path.join(dir, "dist"));
  const manifest = writeManifest(dir);
  checkDeclaredDependencies(path.join(dir, "dist"), manifest);
  return manifest;
}

function buildPreview() {
  const dir = path.join(root, "preview");
  const dist = path.join(dir, "dist");
  fs.rmSync(dist, { recursive: true, force: true });
  tsc(path.join(dir, "tsconfig.build.json"));
  // Plain-JS entry points next to the compiled code (the capture child's entry, the pack preload).
  // rootDir is the repository: the preview shares modules with the pack (policies/lib/wire.ts, …),
  // compiled along at the same relative place (dist/preview/src, dist/policies/…).
  for (const file of walk(path.join(dir, "src"), (f) => f.endsWith(".js"))) {
    const target = path.join(dist, "preview", "src", path.relative(path.join(dir, "src"), file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  fs.mkdirSync(path.join(dist, "bin"), { recursive: true });
  fs.copyFileSync(path.join(dir, "bin", "faultguard.js"), path.join(dist, "bin", "faultguard.js"));
  fs.chmodSync(path.join(dist, "bin", "faultguard.js"), 0o755);
  const manifest = writeManifest(dir);
  checkDeclaredDependencies(dist, manifest);
  return manifest;
}

function buildPack() {
  buildPackIfStale();
  checkDeclaredDependencies(path.join(root, "policies", "bin"), JSON.parse(fs.readFileSync(path.join(root, "policies", "package.json"), "utf8")));
}

function buildPackIfStale() {
  // `npm ci` already built it (prepare); bin/.buildstamp says from which sources (policies/start.js).
  const { sourceDigest } = require(path.join(root, "policies", "scripts", "sources.js"));
  const stamp = path.join(root, "policies", "bin", ".buildstamp");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === sourceDigest(path.join(root, "policies"))) return;
  const result = spawnSync(process.execPath, [path.join(root, "policies", "scripts", "build.js")], { stdio: "inherit", timeout: 600_000 });
  if (result.status !== 0) throw new Error("the policy pack build failed (policies/scripts/build.js)");
}

/** The folders `npm pack` / `npm publish` run in, in dependency order. */
const PACKAGE_DIRS = ["policies", "components/dist", "preview/dist"].map((d) => path.join(root, d));

function main(argv) {
  buildPack();
  buildComponents();
  buildPreview();
  if (argv[0] === "--publish") {
    // The release workflow: npm provenance needs a CI OIDC token (id-token: write) and NODE_AUTH_TOKEN.
    for (const dir of PACKAGE_DIRS) {
      const result = spawnSync("npm", ["publish", "--provenance", "--access", "public", "--ignore-scripts"], { cwd: dir, stdio: "inherit", timeout: 300_000 });
      if (result.status !== 0) throw new Error(`npm publish in ${path.relative(root, dir)} failed`);
    }
    return;
  }
  const packDestination = argv[0] === "--pack" ? path.resolve(argv[1] ?? path.join(root, ".packages")) : undefined;
  if (packDestination) {
    fs.mkdirSync(packDestination, { recursive: true });
    // Already built: no prepare scripts (the pack's would compile it again).
    const result = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", packDestination, ...PACKAGE_DIRS], { encoding: "utf8", timeout: 300_000 });
    if (result.status !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
    for (const pkg of JSON.parse(result.stdout)) console.log(`${pkg.filename}: ${pkg.entryCount} files, ${pkg.size} bytes packed, ${pkg.unpackedSize} bytes unpacked`);
  }
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(`build-packages: ${err.message}`);
    process.exit(2);
  }
}

module.exports = { PACKAGE_DIRS, buildComponents, buildPreview, buildPack };
