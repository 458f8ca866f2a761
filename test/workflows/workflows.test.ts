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

interface Job {
    if?: string;
    needs?: string | string[];
    permissions?: Record<string, string>;
    env?: Record<string, string>;
    "runs-on": string;
    "timeout-minutes"?: number;
    steps: Step[];
}

interface Workflow {
    name: string;
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, Job>;
}

const DIR = path.join(REPO_ROOT, ".github", "workflows");
const FILES = ["faultguard-preview.yml", "pulumi-preview.yml", "release.yml"];
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
            assert.ok(commands.length > 0, file);
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

    it("the jobs that need Pulumi Cloud are skipped, visibly, until the repository is set up", () => {
        for (const job of Object.values(load("pulumi-preview.yml").jobs)) assert.equal(job.if, "vars.PULUMI_ORG != ''");
        assert.equal(load("release.yml").jobs["policy-pack"].if, "vars.PULUMI_ORG != ''", "release: the Pulumi Cloud publication");
        assert.equal(load("release.yml").jobs.npm.if, undefined, "release: npm needs no Pulumi Cloud");
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

    it("release: one release publishes the npm packages with provenance from a green tree, the tag matching every package version", () => {
        const wf = load("release.yml");
        assert.deepEqual(wf.on.release, { types: ["published"] });
        assert.deepEqual(Object.keys(wf.jobs).sort(), ["npm", "policy-pack"], "npm and Pulumi Cloud, from the one workflow");
        assert.equal(wf.permissions["id-token"], undefined, "the OIDC token only where npm provenance needs it");
        const npm = wf.jobs.npm;
        assert.equal(npm.permissions?.["id-token"], "write", "npm provenance needs the OIDC token");
        const test = npm.steps.findIndex((s) => s.run === "npm test");
        const check = npm.steps.findIndex((s) => s.run?.includes("components/package.publish.json") === true);
        const publish = npm.steps.findIndex((s) => s.run === "node scripts/build-packages.js --publish");
        assert.ok(test >= 0 && test < check && check < publish, "test → tag check → publish");
        assert.equal(npm.steps[publish].env?.NODE_AUTH_TOKEN, "${{ secrets.NPM_TOKEN }}");
        for (const manifest of ["policies/package.json", "components/package.publish.json", "preview/package.publish.json"]) {
            assert.ok((npm.steps[check].run ?? "").includes(manifest) && fs.existsSync(path.join(REPO_ROOT, manifest)), manifest);
        }
        assert.match(fs.readFileSync(path.join(REPO_ROOT, "scripts", "build-packages.js"), "utf8"), /"publish", "--provenance"/);
    });

    it("release: then publishes the same pack to Pulumi Cloud from policies/, and enables it on the policy group if one is set", () => {
        const wf = load("release.yml");
        const job = wf.jobs["policy-pack"];
        assert.equal(job.needs, "npm", "after the tests and the npm publication");
        assert.equal(job.permissions, undefined, "no OIDC token");
        assert.equal(job.env?.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
        const install = job.steps.findIndex((s) => s.run === "npm ci");
        const cli = job.steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@") === true && s.with?.command === undefined);
        const publish = job.steps.findIndex((s) => s.run === 'pulumi policy publish "$PULUMI_ORG"');
        const enable = job.steps.findIndex((s) => s.run?.startsWith("pulumi policy enable") === true);
        assert.ok(install >= 0 && install < publish && cli >= 0 && cli < publish && publish < enable, "npm ci, CLI → publish → enable");
        assert.equal(job.steps[publish]["working-directory"], "policies");
        assert.equal(job.steps[enable].if, "vars.PULUMI_POLICY_GROUP != ''");
        const name = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policies", "package.json"), "utf8")) as { name: string }).name;
        assert.ok(job.steps[enable].run?.includes(`"$PULUMI_ORG/${name}"`), "enables the pack it published");
        const text = fs.readFileSync(path.join(DIR, "release.yml"), "utf8");
        assert.match(text, /pulumi policy enable <org>\/faultguard-aws latest --policy-group <group>/, "explains how to attach the pack to a policy group");
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
