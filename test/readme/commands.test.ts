// Every command in the README is exercised: run verbatim by the end-to-end tests, run by .ci/run,
// or explicitly listed as needing the Pulumi CLI / a backend / AWS. A command added to the README
// without either fails here.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ciRunCommands, CONSUMER_COMMANDS, NEEDS_PULUMI_CLI, PREVIEW_RUNS, README, REPO_ROOT, shellCommands } from "./documented-commands";

const readme = fs.readFileSync(README, "utf8");
const commands = shellCommands(readme);
const scripts = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

describe("README commands", () => {
    it("opens with the two commands a newcomer runs", () => {
        assert.deepEqual(commands.slice(0, 3), ["npm ci", "npm run preview", "npm test"]);
        assert.match(readme, /^```bash\nnpm ci && npm run preview {3}# offline compliance preview/m);
    });

    it("every command is run by a test, by .ci/run, or listed as needing the Pulumi CLI", () => {
        const byTests = new Set([...Object.values(PREVIEW_RUNS).map((r) => r.readme), ...CONSUMER_COMMANDS]);
        const byCi = new Set(ciRunCommands());
        const external = new Set(NEEDS_PULUMI_CLI);
        const unexercised = commands.filter((c) => !byTests.has(c) && !byCi.has(c) && !external.has(c));
        assert.deepEqual(unexercised, [], "README commands nobody runs: add them to a test, or (only if they need the Pulumi CLI/cloud) to NEEDS_PULUMI_CLI");
    });

    it("the lists hold no command the README no longer documents", () => {
        const documented = new Set(commands);
        assert.deepEqual(Object.values(PREVIEW_RUNS).map((r) => r.readme).filter((c) => !documented.has(c)), []);
        assert.deepEqual(NEEDS_PULUMI_CLI.filter((c) => !documented.has(c)), []);
        assert.deepEqual(CONSUMER_COMMANDS.filter((c) => !documented.has(c)), []);
    });

    it("only commands that need the Pulumi CLI are external, and they all are", () => {
        for (const c of NEEDS_PULUMI_CLI) assert.match(c, /^pulumi /);
        assert.deepEqual(commands.filter((c) => c.startsWith("pulumi ") && !NEEDS_PULUMI_CLI.includes(c)), []);
    });

    it(".ci/run runs npm ci and then exactly the README's test command", () => {
        assert.deepEqual(ciRunCommands(), ["npm ci", "npm test"]);
    });

    it("every npm script the README runs exists", () => {
        const used = commands.map((c) => /^npm run ([\w:-]+)/.exec(c)?.[1]).filter((s): s is string => s !== undefined);
        assert.ok(used.includes("preview") && used.includes("preview:noncompliant"));
        assert.deepEqual(used.filter((s) => !(s in scripts)), []);
        assert.match(scripts.preview, /^node preview\/bin\/faultguard\.js preview \. --stack prod$/);
    });

    it("links and paths it names exist", () => {
        const linked = [...readme.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1]).filter((l) => !/^https?:/.test(l));
        const named = ["policies/README.md", "stacks/Pulumi.prod.yaml", "stacks/Pulumi.dev.yaml", "stacks/config.ts", "stacks/examples/noncompliant/faults.json", ".ci/run", "Pulumi.yaml"];
        const missing = [...new Set([...linked, ...named])].filter((p) => !fs.existsSync(path.join(REPO_ROOT, p)));
        assert.deepEqual(missing, []);
    });

    it("has the sections a newcomer needs", () => {
        for (const heading of ["## What faultguard is, and why", "## The components", "## The policy pack", "### Profiles", "### Exemptions", "### In CI", "### Publishing to Pulumi Cloud", "## The offline preview", "## Repository layout", "## Benchmarks"]) {
            assert.ok(readme.includes(`\n${heading}`), heading);
        }
        assert.match(readme, /## Benchmarks\n\nsee `npm run bench`/);
    });
});
