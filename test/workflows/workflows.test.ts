// The GitHub Actions workflows users copy: valid YAML of the expected shape, every path and script
// they reference exists, every action pinned to an exact version, and the commands they run are
// the ones the README documents.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { README, REPO_ROOT, shellCommands } from "../readme/documented-commands";

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, string | number | boolean>;
    env?: Record<string, string>;
    "working-directory"?: string;
    "continue-on-error"?: boolean;
}

interface Workflow {
    name: string;
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { if?: string; "runs-on": string; "timeout-minutes"?: number; steps: Step[] }>;
}

const DIR = path.join(REPO_ROOT, ".github", "workflows");
const FILES = ["faultguard-preview.yml", "pulumi-preview.yml", "policy-publish.yml", "release.yml"];
/** Workflows for a consumer's repository (a project that installed the packages), not this one. */
const CONSUMER_DIR = path.join(REPO_ROOT, ".github", "consumer");
const CONSUMER_FILES = ["faultguard-preview.yml", "pulumi-preview.yml"];

function load(file: string, dir = DIR): Workflow {
    return parse(fs.readFileSync(path.join(dir, file), "utf8")) as Workflow;
}

function steps(workflow: Workflow): Step[] {
    return Object.values(workflow.jobs).flatMap((j) => j.steps);
}

/** Placeholders in workflows (`"$PULUMI_ORG"`, `${{ vars.PULUMI_ORG }}`) written the README's way (`<org>`). */
const PLACEHOLDERS: Record<string, string> = { PULUMI_ORG: "<org>", POLICY_GROUP: "<group>" };

function readmeForm(command: string): string {
    return command
        .replace(/\$\{\{\s*vars\.(\w+)\s*\}\}/g, (_, v: string) => PLACEHOLDERS[v] ?? `<${v}>`)
        .replace(/\$\{?(\w+)\}?/g, (_, v: string) => PLACEHOLDERS[v] ?? `<${v}>`)
        .replace(/"/g, "") // the workflows quote their variables; the README shows placeholders bare
        .trim();
}

/** The tool commands a workflow runs: `run:` lines starting with npm/npx/pulumi, and the Pulumi action as the CLI command it stands for. */
function commandsOf(workflow: Workflow): string[] {
    const commands: string[] = [];
    for (const step of steps(workflow)) {
        for (const line of (step.run ?? "").split("\n").map((l) => l.trim())) {
            if (/^(npm|npx|pulumi)\s/.test(line)) commands.push(readmeForm(line));
        }
        if (step.uses?.startsWith("pulumi/actions@") && step.with?.command !== undefined) {
            const w = step.with;
            const packs = w.policyPacks === undefined ? "" : ` --policy-pack ${String(w.policyPacks)}`;
            commands.push(readmeForm(`pulumi ${String(w.command)} --stack ${String(w["stack-name"])}${packs}`));
        }
    }
    return commands;
}

describe("GitHub Actions workflows for users", () => {
    const workflows = new Map([...FILES.map((f) => [f, load(f)] as const), ...CONSUMER_FILES.map((f) => [`consumer/${f}`, load(f, CONSUMER_DIR)] as const)]);
    const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string>; bin: Record<string, string> };

    it("are exactly the documented ones, each valid YAML with jobs and steps", () => {
        assert.deepEqual(fs.readdirSync(DIR).sort(), [...FILES].sort());
        assert.deepEqual(fs.readdirSync(CONSUMER_DIR).sort(), [...CONSUMER_FILES].sort());
        for (const [file, wf] of workflows) {
            assert.ok(wf.name && wf.on && wf.permissions, `${file}: name, on and permissions`);
            for (const [id, job] of Object.entries(wf.jobs)) {
                assert.equal(job["runs-on"], "ubuntu-latest", `${file}:${id}`);
                assert.ok((job["timeout-minutes"] ?? 0) > 0, `${file}:${id} has a timeout`);
                assert.ok(job.steps.length > 0);
            }
        }
    });

    it("pin every action to an exact version", () => {
        const loose = [...workflows.values()].flatMap(steps).filter((s) => s.uses !== undefined && !/@v\d+\.\d+\.\d+$/.test(s.uses));
        assert.deepEqual(loose.map((s) => s.uses), []);
    });

    it("reference only paths, scripts and binaries that exist", () => {
        for (const [file, wf] of workflows) {
            for (const step of steps(wf)) {
                for (const dir of [step["working-directory"], step.with?.["work-dir"], step.with?.policyPacks].filter((d): d is string => typeof d === "string")) {
                    assert.ok(fs.existsSync(path.join(REPO_ROOT, dir)), `${file}: ${dir} does not exist`);
                }
                const run = step.run ?? "";
                for (const [, script] of run.matchAll(/npm run ([\w:-]+)/g)) assert.ok(script in packageJson.scripts, `${file}: npm run ${script}: no such script`);
                for (const [, bin] of run.matchAll(/npx (\S+)/g)) {
                    assert.ok(bin in packageJson.bin && fs.existsSync(path.join(REPO_ROOT, packageJson.bin[bin])), `${file}: npx ${bin}: not a bin of this package`);
                }
                for (const [, file2] of run.matchAll(/require\('\.\/([^']+)'\)/g)) assert.ok(fs.existsSync(path.join(REPO_ROOT, file2)), `${file}: ${file2}`);
            }
        }
    });

    it("run only commands the README documents", () => {
        const documented = new Set(shellCommands(fs.readFileSync(README, "utf8")));
        for (const [file, wf] of workflows) {
            const commands = commandsOf(wf);
            assert.ok(commands.length > 0 || file === "release.yml", file);
            assert.deepEqual(commands.filter((c) => !documented.has(c)), [], `${file} runs commands the README does not show`);
        }
    });

    it("faultguard-preview: SARIF to code scanning and JUnit as a check, then fails on mandatory violations", () => {
        const wf = load("faultguard-preview.yml");
        assert.ok("pull_request" in wf.on);
        assert.equal(wf.permissions["security-events"], "write");
        assert.equal(wf.permissions.checks, "write");
        const all = steps(wf);
        const index = (pred: (s: Step) => boolean) => all.findIndex(pred);
        const sarif = index((s) => s.run === "npx faultguard preview --stack prod --format sarif --output faultguard.sarif");
        const junit = index((s) => s.run === "npx faultguard preview --stack prod --format junit --output faultguard.junit.xml");
        const upload = index((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@") === true);
        const report = index((s) => s.uses?.startsWith("mikepenz/action-junit-report@") === true);
        const gate = index((s) => s.run === "npm run preview");
        assert.ok(index((s) => s.run === "npm ci") < sarif && sarif < upload && junit < report && upload < gate && report < gate, "npm ci → reports → uploads → gate");
        assert.equal(all[sarif]["continue-on-error"], true, "a violation must not skip the uploads");
        assert.equal(all[junit]["continue-on-error"], true);
        assert.equal(all[upload].with?.sarif_file, "faultguard.sarif");
        assert.equal(all[report].with?.report_paths, "faultguard.junit.xml");
        for (const i of [upload, report, gate]) assert.match(all[i].if ?? "", /always\(\)/);
        assert.equal(all[gate]["continue-on-error"], undefined, "the gate step decides the job");
    });

    it("pulumi-preview: the official action previews the real stack with the pack, credentials from secrets and OIDC", () => {
        const wf = load("pulumi-preview.yml");
        assert.equal(wf.permissions["id-token"], "write");
        const action = steps(wf).find((s) => s.uses?.startsWith("pulumi/actions@v6."));
        assert.ok(action, "pulumi/actions v6");
        assert.equal(action.with?.command, "preview");
        assert.equal(action.with?.policyPacks, "policies");
        assert.equal(action.env?.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
        const aws = steps(wf).find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
        assert.match(String(aws?.with?.["role-to-assume"]), /^\$\{\{ secrets\.\w+ \}\}$/);
        const region = (parse(fs.readFileSync(path.join(REPO_ROOT, "stacks", "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, string> }).config["aws:region"];
        assert.equal(aws?.with?.["aws-region"], region, "the prod stack's region");
    });

    it("policy-publish: on release, publishes from policies/ after the tests, checks the tag against the pack version", () => {
        const wf = load("policy-publish.yml");
        assert.deepEqual(wf.on.release, { types: ["published"] });
        const all = steps(wf);
        const test = all.findIndex((s) => s.run === "npm test");
        const publish = all.findIndex((s) => s.run?.startsWith("pulumi policy publish") === true);
        assert.ok(test >= 0 && test < publish);
        assert.equal(all[publish]["working-directory"], "policies");
        assert.ok(all.some((s) => s.run?.includes("require('./policies/package.json').version") === true));
        const text = fs.readFileSync(path.join(DIR, "policy-publish.yml"), "utf8");
        assert.match(text, /pulumi policy enable <org>\/faultguard-aws latest --policy-group <group>/, "explains how to attach the pack to a policy group");
        const name = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policies", "package.json"), "utf8")) as { name: string }).name;
        assert.equal(name, "faultguard-aws", "the pack name the workflow enables");
    });

    it("the jobs that need Pulumi Cloud are skipped, visibly, until the repository is set up", () => {
        for (const file of ["pulumi-preview.yml", "policy-publish.yml"]) {
            for (const job of Object.values(load(file).jobs)) assert.equal(job.if, "vars.PULUMI_ORG != ''", file);
        }
        assert.deepEqual(Object.values(load("faultguard-preview.yml").jobs).map((j) => j.if), [undefined], "the offline preview needs no setup");
    });

    it("consumer workflows: the offline preview of the consumer's own project with SARIF, and pulumi preview with the installed pack", () => {
        const offline = load("faultguard-preview.yml", CONSUMER_DIR);
        const all = steps(offline);
        const sarif = all.findIndex((s) => s.run === "npx faultguard preview . --stack dev --format sarif --output faultguard.sarif");
        const upload = all.findIndex((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@") === true);
        const gate = all.findIndex((s) => s.run === "npx faultguard preview . --stack dev");
        assert.ok(sarif >= 0 && sarif < upload && upload < gate, "report → upload → gate");
        assert.equal(all[sarif]["continue-on-error"], true);
        const text = fs.readFileSync(path.join(CONSUMER_DIR, "faultguard-preview.yml"), "utf8");
        assert.doesNotMatch(text, /npm run preview|policies\//, "nothing of this repository's layout");
        const action = steps(load("pulumi-preview.yml", CONSUMER_DIR)).find((s) => s.uses?.startsWith("pulumi/actions@"));
        assert.equal(action?.with?.policyPacks, "node_modules/faultguard-aws");
    });

    it("release: publishes the npm packages with provenance from a green tree, the tag matching every package version", () => {
        const wf = load("release.yml");
        assert.deepEqual(wf.on.release, { types: ["published"] });
        assert.equal(wf.permissions["id-token"], "write", "npm provenance needs the OIDC token");
        const all = steps(wf);
        const test = all.findIndex((s) => s.run === "npm test");
        const publish = all.findIndex((s) => s.run === "node scripts/build-packages.js --publish");
        assert.ok(test >= 0 && test < publish);
        assert.equal(all[publish].env?.NODE_AUTH_TOKEN, "${{ secrets.NPM_TOKEN }}");
        const check = all.find((s) => s.run?.includes("components/package.publish.json") === true)?.run ?? "";
        for (const manifest of ["policies/package.json", "components/package.publish.json", "preview/package.publish.json"]) {
            assert.ok(check.includes(manifest) && fs.existsSync(path.join(REPO_ROOT, manifest)), manifest);
        }
        assert.match(fs.readFileSync(path.join(REPO_ROOT, "scripts", "build-packages.js"), "utf8"), /"publish", "--provenance"/);
    });

    it("use placeholders only for secrets and organisation names", () => {
        for (const file of [...FILES, ...CONSUMER_FILES.map((f) => `../consumer/${f}`)]) {
            const text = fs.readFileSync(path.join(DIR, file), "utf8");
            const expressions = [...text.matchAll(/\$\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]);
            const allowed = /^(secrets\.\w+|vars\.PULUMI_(ORG|POLICY_GROUP)|github\.(ref|event\.release\.tag_name))$/;
            assert.deepEqual(expressions.filter((e) => !allowed.test(e)), [], file);
            assert.doesNotMatch(text, /\b\d{12}\b/, `${file}: no hard-coded AWS account`);
        }
    });
});
