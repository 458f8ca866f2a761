// The published manifests (components/package.publish.json, preview/package.publish.json,
// policies/package.json) declare every module their code loads at run time — the defect was
// `Cannot find module 'ajv'` (a dev dependency used at run time) and a pack without `minimatch` —
// at the versions this repository's lockfile tests.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { builtinModules } from "node:module";
import { REPO_ROOT } from "../readme/documented-commands";

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const read = (file: string): Manifest => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")) as Manifest;
const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return ["node_modules", "dist", "bin", "scripts"].includes(e.name) ? [] : sourceFiles(file);
    return /\.(ts|js)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [file] : [];
  });
}

/** Packages loaded at run time: value imports and require() calls (type-only imports are erased). */
function runtimePackages(dir: string): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(dir)) {
    const text = fs.readFileSync(file, "utf8");
    const specifiers = [
      ...[...text.matchAll(/^import (?!type )(?:[^"';]*?) from "([^"]+)"/gm)].filter((m) => !/^import \{ (?:type [\w$]+(?:, )?)+ \} from/.test(m[0])).map((m) => m[1]),
      // require.resolve(x, { paths: [another package] }) loads that package's own dependency, not ours.
      ...[...text.matchAll(/require(?:\.resolve)?\("([^"]+)"(?!, \{ paths)/g)].map((m) => m[1]),
    ];
    for (const spec of specifiers) {
      if (spec.startsWith(".") || spec.startsWith("node:") || builtinModules.includes(spec)) continue;
      found.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
    }
  }
  return [...found].sort();
}

describe("published package manifests", () => {
  const cases: Array<[string, string, string[]]> = [
    ["components", "components/package.publish.json", []],
    ["preview", "preview/package.publish.json", ["faultguard-aws"]],
    ["policies", "policies/package.json", []],
  ];
  for (const [dir, manifestFile, extra] of cases) {
    it(`${manifestFile} declares every module ${dir}/ loads at run time`, () => {
      const manifest = read(manifestFile);
      const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
      const used = [...runtimePackages(path.join(REPO_ROOT, dir)), ...extra];
      assert.ok(used.length > 0);
      assert.deepEqual(used.filter((p) => !declared.has(p) && p !== manifest.name), [], `${manifestFile}: undeclared run-time modules`);
    });

    it(`${manifestFile} pins its dependencies at the versions the lockfile tests`, () => {
      const manifest = read(manifestFile);
      for (const [name, version] of Object.entries(manifest.dependencies ?? {})) {
        if (name === "faultguard-aws") continue;
        const tested = root.dependencies[name] ?? root.devDependencies[name] ?? read("policies/package.json").dependencies?.[name];
        if (tested !== undefined) assert.equal(version, tested, `${manifestFile}: ${name}`);
      }
    });
  }

  it("the CLI depends on the pack at the pack's version", () => {
    assert.equal(read("preview/package.publish.json").dependencies?.["faultguard-aws"], (read("policies/package.json") as Manifest & { version: string }).version);
  });
});
