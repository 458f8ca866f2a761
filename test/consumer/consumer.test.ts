// Another team adopts faultguard: the packages are built and packed (`npm run pack`), a fresh
// project laid out like `pulumi new aws-typescript` (template/: the template's tsconfig.json
// unchanged, its package.json with pinned versions) installs the tarballs and its own
// @pulumi/pulumi and @pulumi/aws, and runs the README's "Use faultguard in your project" section:
// its program (the README's ts block, verbatim, as index.ts) and its commands (CONSUMER_COMMANDS).
// Once per variant of versions.ts (the floors and the newest of the supported ranges); the newest
// variant also under Node 22 and with the pack installed on its own, the way the Pulumi service
// installs a published pack.
//
// Slow by nature (npm installs); one npm cache is shared by every install, the installs run in
// parallel, and the consumer installs run no package scripts (the @pulumi provider packages'
// install scripts would download plugins).
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CONSUMER_COMMANDS, NEEDS_PULUMI_CLI, README, runCommand, type CommandResult } from "../readme/documented-commands";
import { CONSUMER_VARIANTS, NEWEST_VARIANT, NODE_22_PACKAGE, TESTED_NODE_MAJORS, type ConsumerVariant } from "./versions";

const TEMPLATE = path.join(__dirname, "template");
const LOADER = path.join(__dirname, "load-like-pulumi.js");
const MINUTE = 60_000;

/** The README's consumer section: its TypeScript program and its shell commands. */
export function consumerSection(markdown: string): { program: string; commands: string[] } {
  const start = markdown.indexOf("\n## Use faultguard in your project");
  assert.ok(start >= 0, 'README has no "## Use faultguard in your project" section');
  const end = markdown.indexOf("\n## ", start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  // ```typescript, not ```ts: test/readme/examples.test.ts compiles the ```ts snippets against the sources.
  const program = /```typescript\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(program, "the consumer section has no ```typescript program");
  const commands = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) =>
    m[1]
      .split("\n")
      .map((l) => l.replace(/(^|\s)#.*$/, "").trim())
      .filter(Boolean),
  );
  return { program, commands };
}

function check(result: CommandResult, expected: number, what: string): CommandResult {
  assert.equal(result.code, expected, `${what} exited ${result.code} (expected ${expected}).\nstdout:\n${result.stdout.slice(-4000)}\nstderr:\n${result.stderr.slice(-4000)}`);
  return result;
}

describe("consumer end to end: install the packed packages into a `pulumi new aws-typescript` project", function () {
  // Generous: npm installs and type checks on a loaded CI runner.
  this.timeout(30 * MINUTE);
  const { program, commands } = consumerSection(fs.readFileSync(README, "utf8"));
  let work: string;
  let tarballs: Record<string, string>;
  /** The pack unpacked and installed on its own (see installStandalonePack). */
  let standalonePack: string;
  /** The Node 22 binary from the npm registry. */
  let node22: string;
  const timings: string[] = [];
  const timed = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await run();
    } finally {
      timings.push(`${what} ${Math.round((Date.now() - started) / 1000)} s`);
    }
  };

  before(async function () {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "faultguard-consumer-"));
    // The templates' own installs and Node 22 need no tarball: they run while the packages are
    // built (the build is CPU, the installs mostly network and disk).
    const independent = timed(`template installs and Node 22 (in parallel with the build)`, () =>
      Promise.all([...CONSUMER_VARIANTS.map((variant) => installTemplate(variant)), fetchNode22()]),
    );
    independent.catch(() => undefined); // awaited below; not unhandled while the build runs
    const packed = await timed("build + pack", async () =>
      check(await runCommand(`node scripts/build-packages.js --pack ${JSON.stringify(path.join(work, "packages"))}`, 20 * MINUTE), 0, "build + npm pack"),
    );
    await independent;
    tarballs = {};
    for (const file of fs.readdirSync(path.join(work, "packages"))) {
      const name = file === "faultguard-components-0.1.0.tgz" ? "@faultguard/components" : file.replace(/-\d+\.\d+\.\d+\.tgz$/, "");
      tarballs[name] = path.join(work, "packages", file);
    }
    assert.deepEqual(Object.keys(tarballs).sort(), ["@faultguard/components", "faultguard", "faultguard-aws"], packed.stdout);
    // What each package holds (files, sizes), for the record next to the timings.
    timings.push(...packed.stdout.split("\n").filter((l) => l.endsWith("bytes unpacked")));
    // Every install at once: mostly waiting on the network and the shared cache.
    await timed(`package installs (${CONSUMER_VARIANTS.length} projects and the standalone pack, in parallel)`, () =>
      Promise.all([...CONSUMER_VARIANTS.map((variant) => installConsumer(variant)), installStandalonePack()]),
    );
  });

  const consumerDir = (variant: ConsumerVariant): string => path.join(work, `app-${variant.sdk}`);
  const inDir = (variant: ConsumerVariant, command: string) => runCommand(`cd ${JSON.stringify(consumerDir(variant))} && ${command}`, 15 * MINUTE);

  /** The project as `pulumi new aws-typescript` leaves it, with the template's own dependencies installed. */
  async function installTemplate(variant: ConsumerVariant): Promise<void> {
    const dir = consumerDir(variant);
    fs.cpSync(TEMPLATE, dir, { recursive: true });
    const manifest = fs.readFileSync(path.join(TEMPLATE, "package.json"), "utf8").replace("SDK_VERSION", variant.sdk).replace("AWS_VERSION", variant.aws);
    fs.writeFileSync(path.join(dir, "package.json"), manifest);
    fs.writeFileSync(path.join(dir, "index.ts"), program);
    check(await inDir(variant, "npm install --ignore-scripts --no-audit --no-fund --prefer-offline"), 0, `npm install (template, ${variant.sdk})`);
  }

  /** The README's install commands, each package name replaced by its tarball (the packages are not on the registry from a test). */
  async function installConsumer(variant: ConsumerVariant): Promise<void> {
    for (const command of commands.filter((c) => c.startsWith("npm install "))) {
      const local = command.replace(/(@faultguard\/components|faultguard-aws|faultguard)(?=\s|$)/g, (name) => JSON.stringify(tarballs[name]));
      check(await inDir(variant, `${local} --ignore-scripts --no-audit --no-fund --prefer-offline`), 0, `${command} (${variant.sdk})`);
    }
  }

  /**
   * A pack published with `pulumi policy publish` is installed by the Pulumi CLI on its own: the
   * tarball unpacked into a folder, then `npm install` there, dev dependencies included
   * (pulumi/pulumi pkg/backend/httpstate/policypack.go: installRequiredPolicy → completeNodeJSInstall,
   * npm.Install(..., production=false)). That is where the pack's devDependencies come in: its
   * @pulumi/pulumi (installed in a project, the peer is the project's own copy) and typescript
   * (run-policy-pack registers ts-node with the pack's tsconfig.json; the SDK's vendored
   * typescript 3.8.3 cannot read it).
   */
  async function installStandalonePack(): Promise<void> {
    const dir = path.join(work, "standalone");
    fs.mkdirSync(dir);
    check(await runCommand(`tar xzf ${JSON.stringify(tarballs["faultguard-aws"])} -C ${JSON.stringify(dir)}`, MINUTE), 0, "unpack the pack");
    standalonePack = path.join(dir, "package");
    // With scripts, as the CLI runs it (the pack's prepare keeps its prebuilt bin/).
    check(await runCommand(`cd ${JSON.stringify(standalonePack)} && npm install --no-audit --no-fund --prefer-offline`, 15 * MINUTE), 0, "npm install in the unpacked pack");
  }

  async function fetchNode22(): Promise<void> {
    // `npm exec` puts the package's bin (its node) first on PATH.
    const result = check(await runCommand(`npm exec --yes --package=${NODE_22_PACKAGE} -- node -p process.execPath`, 15 * MINUTE), 0, `npm exec ${NODE_22_PACKAGE}`);
    node22 = result.stdout.trim().split("\n").pop() ?? "";
  }

  after(() => {
    console.log(`    consumer test timings: ${timings.join("; ")}`);
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("runs every command of the README's consumer section, except those that need the Pulumi CLI", () => {
    assert.deepEqual(commands.filter((c) => !NEEDS_PULUMI_CLI.includes(c)), [...CONSUMER_COMMANDS]);
  });

  it("the packages ship compiled JavaScript with types, and no tests, bench or fixtures", () => {
    const entries = (tarball: string): string[] => spawnSync("tar", ["tzf", tarball], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    const components = entries(tarballs["@faultguard/components"]);
    const cli = entries(tarballs.faultguard);
    const pack = entries(tarballs["faultguard-aws"]);
    for (const file of ["package/index.js", "package/index.d.ts", "package/package.json", "package/README.md"]) assert.ok(components.includes(file), file);
    for (const file of ["package/preview/src/cli.js", "package/preview/src/cli.d.ts", "package/bin/faultguard.js", "package/preview/src/capture/child-entry.js", "package/package.json"]) assert.ok(cli.includes(file), file);
    for (const file of ["package/PulumiPolicy.yaml", "package/start.js", "package/bin/index.js", "package/bin/.buildstamp"]) assert.ok(pack.includes(file), file);
    const shipped = [...components, ...cli, ...pack];
    assert.deepEqual(shipped.filter((f) => /(^|\/)(test|bench|fixtures|stacks|node_modules)\/|\.test\.[jt]s$/.test(f)), []);
    assert.deepEqual([...components, ...cli].filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), [], "the components and the CLI ship JavaScript, not TypeScript sources");
  });

  it(`runs on Node ${TESTED_NODE_MAJORS.join(" and ")}: this process, and Node 22 from the npm registry`, () => {
    assert.ok(TESTED_NODE_MAJORS.includes(Number(process.versions.node.split(".")[0])), `the test runs on Node ${process.version}, not one of ${TESTED_NODE_MAJORS.join(", ")}`);
    assert.match(spawnSync(node22, ["--version"], { encoding: "utf8" }).stdout, /^v22\./);
  });

  for (const variant of CONSUMER_VARIANTS) {
    describe(`with @pulumi/pulumi ${variant.sdk} and @pulumi/aws ${variant.aws}`, () => {
      let dir: string;
      const inConsumer = (command: string, timeoutMs = 10 * MINUTE) => runCommand(`cd ${JSON.stringify(dir)} && ${command}`, timeoutMs);

      before(() => {
        dir = consumerDir(variant);
      });

      it("runs on the program's own SDK and provider releases, with no second SDK copy in faultguard's packages", () => {
        const versionOf = (pkg: string): string => (JSON.parse(fs.readFileSync(path.join(dir, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
        assert.deepEqual({ sdk: versionOf("@pulumi/pulumi"), aws: versionOf("@pulumi/aws") }, { sdk: variant.sdk, aws: variant.aws });
        // Peer dependencies: each package uses the project's copy (a nested copy would run the pack
        // and the program on different SDKs). @pulumi/policy's own dependency (^3.204.0) is its business.
        const nested = ["faultguard-aws", "faultguard", "@faultguard/components"].flatMap((pkg) =>
          ["@pulumi/pulumi", "@pulumi/aws"].map((peer) => path.join("node_modules", pkg, "node_modules", peer)).filter((p) => fs.existsSync(path.join(dir, p))),
        );
        assert.deepEqual(nested, []);
      });

      it("type-checks with the template's tsconfig (no skipLibCheck)", async () => {
        check(await inConsumer("npx tsc --noEmit"), 0, "tsc --noEmit");
      });

      it("loads the way the Pulumi Node.js runtime loads it (ts-node over index.ts, node_modules not compiled)", async () => {
        const loaded = check(await inConsumer(`node ${JSON.stringify(LOADER)} index.ts`), 0, "load like pulumi");
        assert.match(loaded.stdout, /loaded: [1-9]\d* resources registered/);
      });

      it("`npx faultguard preview`: the README's program passes with 0 violations", async () => {
        const command = commands.find((c) => c.startsWith("npx faultguard preview") && !c.includes("--format"));
        assert.ok(command);
        const result = check(await inConsumer(command), 0, command);
        assert.match(result.stdout, /Summary: 0 mandatory, 0 advisory/);
      });

      it("a plain aws.sqs.Queue without a DLQ: exit 1 naming it; SARIF points at the consumer's own file and line", async () => {
        const planted = plantQueue(program);
        fs.writeFileSync(path.join(dir, "index.ts"), planted);
        try {
          const line = planted.split("\n").findIndex((l) => l.includes('new aws.sqs.Queue("orders")')) + 1;
          const text = check(await inConsumer("npx faultguard preview . --stack dev"), 1, "preview of the planted queue");
          assert.match(text.stdout, PLANTED_VIOLATION);
          const sarifCommand = commands.find((c) => c.includes("--format sarif"));
          assert.ok(sarifCommand);
          check(await inConsumer(sarifCommand), 1, sarifCommand);
          const sarif = JSON.parse(fs.readFileSync(path.join(dir, "faultguard.sarif"), "utf8")) as {
            runs: Array<{ results: Array<{ ruleId: string; locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }> }> }>;
          };
          const result = sarif.runs.flatMap((r) => r.results).find((r) => r.ruleId === "faultguard-aws/sqs-dlq");
          assert.ok(result, "no sqs-dlq result in the SARIF");
          assert.deepEqual(
            { uri: result.locations?.[0]?.physicalLocation?.artifactLocation?.uri, line: result.locations?.[0]?.physicalLocation?.region?.startLine },
            { uri: "index.ts", line },
          );
          if (variant === NEWEST_VARIANT) {
            // The installed pack by path, as `pulumi preview --policy-pack` takes it.
            const withPack = check(await inConsumer("npx faultguard preview . --stack dev --policy-pack node_modules/faultguard-aws"), 1, "--policy-pack node_modules/faultguard-aws");
            assert.match(withPack.stdout, /faultguard-aws@v\d+\.\d+\.\d+ \(local: .*node_modules\/faultguard-aws\)/);
            assert.match(withPack.stdout, PLANTED_VIOLATION);
            // The pack installed on its own, as the Pulumi service's install leaves a published pack.
            const standalone = check(await inConsumer(`npx faultguard preview . --stack dev --policy-pack ${JSON.stringify(standalonePack)}`), 1, "--policy-pack <standalone pack>");
            assert.match(standalone.stdout, PLANTED_VIOLATION);
          }
        } finally {
          fs.writeFileSync(path.join(dir, "index.ts"), program);
        }
      });
    });
  }

  it("the pack installed on its own gets @pulumi/pulumi and typescript from its devDependencies (what `pulumi policy publish` users get)", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(standalonePack, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    const versionOf = (pkg: string): string => (JSON.parse(fs.readFileSync(path.join(standalonePack, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
    assert.deepEqual(
      { sdk: versionOf("@pulumi/pulumi"), typescript: versionOf("typescript") },
      { sdk: manifest.devDependencies["@pulumi/pulumi"], typescript: manifest.devDependencies.typescript },
    );
  });

  describe(`on Node 22 (${NODE_22_PACKAGE} from the npm registry), with @pulumi/pulumi ${NEWEST_VARIANT.sdk}`, () => {
    let dir: string;
    const inConsumer = (command: string) => runCommand(`cd ${JSON.stringify(dir)} && ${command}`, 10 * MINUTE);
    const node = () => JSON.stringify(node22);

    before(() => {
      dir = consumerDir(NEWEST_VARIANT);
    });

    it("type-checks, loads the way the Pulumi runtime loads it, and `faultguard preview` passes", async () => {
      check(await inConsumer(`${node()} node_modules/typescript/bin/tsc --noEmit`), 0, "tsc --noEmit on Node 22");
      const loaded = check(await inConsumer(`${node()} ${JSON.stringify(LOADER)} index.ts`), 0, "load like pulumi on Node 22");
      assert.match(loaded.stdout, /loaded: [1-9]\d* resources registered/);
      // The CLI runs the program and the pack with its own Node (process.execPath).
      const passed = check(await inConsumer(`${node()} node_modules/faultguard/bin/faultguard.js preview . --stack dev`), 0, "faultguard preview on Node 22");
      assert.match(passed.stdout, /Summary: 0 mandatory, 0 advisory/);
    });

    it("the planted queue: exit 1 naming it", async () => {
      fs.writeFileSync(path.join(dir, "index.ts"), plantQueue(program));
      try {
        const failed = check(await inConsumer(`${node()} node_modules/faultguard/bin/faultguard.js preview . --stack dev`), 1, "faultguard preview of the planted queue on Node 22");
        assert.match(failed.stdout, PLANTED_VIOLATION);
      } finally {
        fs.writeFileSync(path.join(dir, "index.ts"), program);
      }
    });
  });
});

const PLANTED_VIOLATION = /\[mandatory[^\]]*\]\s+sqs-dlq\s+\([^)]*: orders\)/;

function plantQueue(program: string): string {
  return `${program}\n// Planted by the consumer test: a queue without a dead-letter queue.\nimport * as aws from "@pulumi/aws";\nnew aws.sqs.Queue("orders");\n`;
}
