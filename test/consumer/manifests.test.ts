// The published manifests (components/package.publish.json, preview/package.publish.json,
// policies/package.json) declare every module their code loads at run time — the defect was
// `Cannot find module 'ajv'` (a dev dependency used at run time) and a pack without `minimatch` —
// at the versions this repository's lockfile tests; and @pulumi/pulumi and @pulumi/aws only as
// peers, with the ranges test/consumer runs (versions.ts), so a consumer never gets a second SDK copy.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { builtinModules } from "node:module";
import * as semver from "semver";
import { SUPPORTED_SDK_RANGE } from "../../preview/src/capture/sdk-compat";
import { REPO_ROOT } from "../readme/documented-commands";
import { CONSUMER_AWS_VERSIONS, CONSUMER_SDK_VERSIONS, TESTED_NODE_MAJORS } from "./versions";

interface Manifest {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const PUBLISHED = ["components/package.publish.json", "preview/package.publish.json", "policies/package.json"];

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

  it("@pulumi/pulumi and @pulumi/aws are peer dependencies only, never a dependency that nests a second copy", () => {
    for (const file of PUBLISHED) {
      const manifest = read(file);
      assert.deepEqual(Object.keys(manifest.dependencies ?? {}).filter((d) => d === "@pulumi/pulumi" || d === "@pulumi/aws"), [], file);
      assert.equal(manifest.peerDependencies?.["@pulumi/pulumi"], SUPPORTED_SDK_RANGE, `${file}: the SDK range the preview supports`);
    }
    assert.ok(read("components/package.publish.json").peerDependencies?.["@pulumi/aws"], "the components declare the provider they build on");
  });

  it("the peer ranges are exactly what test/consumer runs: their floor and newest release", () => {
    const sdks = [...CONSUMER_SDK_VERSIONS].sort(semver.compare);
    assert.equal(semver.minVersion(SUPPORTED_SDK_RANGE)?.version, sdks[0], "the SDK floor is tested");
    assert.equal(sdks[sdks.length - 1], root.dependencies["@pulumi/pulumi"], "the newest SDK tested is the one this repository pins");
    for (const v of sdks) assert.ok(semver.satisfies(v, SUPPORTED_SDK_RANGE), v);
    const awsRange = read("components/package.publish.json").peerDependencies?.["@pulumi/aws"] ?? "";
    const aws = [...CONSUMER_AWS_VERSIONS].sort(semver.compare);
    assert.equal(semver.minVersion(awsRange)?.version, aws[0], "the @pulumi/aws floor is tested");
    assert.equal(aws[aws.length - 1], root.dependencies["@pulumi/aws"], "the newest @pulumi/aws tested is the one this repository pins");
    for (const v of aws) assert.ok(semver.satisfies(v, awsRange), v);
    assert.ok(!semver.satisfies(`${semver.major(aws[0]) + 1}.0.0`, awsRange), "no untested major");
  });

  it("the pack, installed on its own (a published pack), still gets an SDK and a TypeScript: devDependencies at the pinned releases", () => {
    // The Pulumi CLI installs a published pack with `npm install` in its folder, dev dependencies
    // included; installed in a project, dev dependencies are ignored and the peer is the project's.
    // typescript too: the engine's run-policy-pack registers ts-node with the pack's tsconfig.json,
    // and the SDK's vendored typescript 3.8.3 cannot read it (target ES2022).
    const pack = read("policies/package.json");
    assert.deepEqual(pack.devDependencies, {
      "@pulumi/pulumi": root.dependencies["@pulumi/pulumi"],
      "@types/node": root.devDependencies["@types/node"],
      typescript: root.dependencies.typescript,
    });
    assert.ok(semver.satisfies(root.dependencies["@pulumi/pulumi"], pack.peerDependencies?.["@pulumi/pulumi"] ?? ""));
  });

  it("engines: the Node releases test/consumer runs (20 and 22), the same in every package", () => {
    for (const file of PUBLISHED) {
      const range = read(file).engines?.node ?? "";
      assert.equal(range, ">=20.19", file);
      for (const major of TESTED_NODE_MAJORS) assert.ok(semver.satisfies(`${major}.19.0`, range), `${file}: Node ${major}`);
    }
    assert.equal((JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Manifest).engines?.node, ">=20.19");
  });
});
