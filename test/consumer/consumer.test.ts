// Another team adopts faultguard: the packages are built and packed (`npm run pack`), a fresh
// project laid out like `pulumi new aws-typescript` (template/: the template's tsconfig.json
// unchanged, its package.json with pinned versions) installs the tarballs and its own
// @pulumi/pulumi, and runs the README's "Use faultguard in your project" section: its program
// (the README's ts block, verbatim, as index.ts) and its commands (CONSUMER_COMMANDS).
// Once per supported SDK release: the floor, 3.248.0 (newest for Node 20) and the newest.
//
// Slow by nature (npm installs); one npm cache is shared by every install, and no install runs
// package scripts (the @pulumi provider packages' install scripts would download plugins).
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CONSUMER_COMMANDS, NEEDS_PULUMI_CLI, README, runCommand, type CommandResult } from "../readme/documented-commands";

/** The SDK releases the consumer runs with: the floor of SUPPORTED_SDK_RANGE, 3.248.0 and the newest (kept in step with sdk-compat.ts). */
export const CONSUMER_SDK_VERSIONS = ["3.200.0", "3.248.0", "3.276.0"];

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
  const timings: string[] = [];

  before(async function () {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "faultguard-consumer-"));
    const started = Date.now();
    const packed = check(await runCommand(`node scripts/build-packages.js --pack ${JSON.stringify(path.join(work, "packages"))}`, 20 * MINUTE), 0, "build + npm pack");
    timings.push(`build + pack ${Math.round((Date.now() - started) / 1000)} s`);
    tarballs = {};
    for (const file of fs.readdirSync(path.join(work, "packages"))) {
      const name = file === "faultguard-components-0.1.0.tgz" ? "@faultguard/components" : file.replace(/-\d+\.\d+\.\d+\.tgz$/, "");
      tarballs[name] = path.join(work, "packages", file);
    }
    assert.deepEqual(Object.keys(tarballs).sort(), ["@faultguard/components", "faultguard", "faultguard-aws"], packed.stdout);
    // The installs of all releases at once: mostly waiting on the network and the shared cache.
    const installsStarted = Date.now();
    await Promise.all(CONSUMER_SDK_VERSIONS.map((version) => installConsumer(version)));
    timings.push(`installs (${CONSUMER_SDK_VERSIONS.length}, in parallel) ${Math.round((Date.now() - installsStarted) / 1000)} s`);
  });

  const consumerDir = (sdkVersion: string): string => path.join(work, `app-${sdkVersion}`);

  async function installConsumer(sdkVersion: string): Promise<void> {
    const dir = consumerDir(sdkVersion);
    const inDir = (command: string) => runCommand(`cd ${JSON.stringify(dir)} && ${command}`, 15 * MINUTE);
    fs.cpSync(TEMPLATE, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), fs.readFileSync(path.join(TEMPLATE, "package.json"), "utf8").replace("SDK_VERSION", sdkVersion));
    fs.writeFileSync(path.join(dir, "index.ts"), program);
    // The template's own dependencies, then the README's install commands with each package
    // name replaced by its tarball (the packages are not on the registry from a test).
    check(await inDir("npm install --ignore-scripts --no-audit --no-fund --prefer-offline"), 0, `npm install (template, ${sdkVersion})`);
    for (const command of commands.filter((c) => c.startsWith("npm install "))) {
      const local = command.replace(/(@faultguard\/components|faultguard-aws|faultguard)(?=\s|$)/g, (name) => JSON.stringify(tarballs[name]));
      check(await inDir(`${local} --ignore-scripts --no-audit --no-fund --prefer-offline`), 0, `${command} (${sdkVersion})`);
    }
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

  for (const sdkVersion of CONSUMER_SDK_VERSIONS) {
    describe(`with @pulumi/pulumi ${sdkVersion}`, () => {
      let dir: string;
      const inConsumer = (command: string, timeoutMs = 10 * MINUTE) => runCommand(`cd ${JSON.stringify(dir)} && ${command}`, timeoutMs);

      before(() => {
        dir = consumerDir(sdkVersion);
      });

      it("runs on the program's own SDK release", () => {
        const version = (JSON.parse(fs.readFileSync(path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;
        assert.equal(version, sdkVersion);
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
        const planted = `${program}\n// Planted by the consumer test: a queue without a dead-letter queue.\nimport * as aws from "@pulumi/aws";\nnew aws.sqs.Queue("orders");\n`;
        fs.writeFileSync(path.join(dir, "index.ts"), planted);
        try {
          const line = planted.split("\n").findIndex((l) => l.includes('new aws.sqs.Queue("orders")')) + 1;
          const text = check(await inConsumer("npx faultguard preview . --stack dev"), 1, "preview of the planted queue");
          assert.match(text.stdout, /\[mandatory[^\]]*\]\s+sqs-dlq\s+\([^)]*: orders\)/);
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
          if (sdkVersion === CONSUMER_SDK_VERSIONS[CONSUMER_SDK_VERSIONS.length - 1]) {
            // The installed pack by path, as `pulumi preview --policy-pack` takes it.
            const withPack = check(await inConsumer("npx faultguard preview . --stack dev --policy-pack node_modules/faultguard-aws"), 1, "--policy-pack node_modules/faultguard-aws");
            assert.match(withPack.stdout, /faultguard-aws@v\d+\.\d+\.\d+ \(local: .*node_modules\/faultguard-aws\)/);
            assert.match(withPack.stdout, /\[mandatory[^\]]*\]\s+sqs-dlq\s+\([^)]*: orders\)/);
          }
        } finally {
          fs.writeFileSync(path.join(dir, "index.ts"), program);
        }
      });
    });
  }
});
