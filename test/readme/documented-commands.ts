/**
 * The README's shell commands and how each one is exercised, in one place:
 * - `PREVIEW_RUNS`: commands the end-to-end tests (test/stacks/preview.test.ts) run, verbatim, in
 *   a child process from the repository root — with `--format json` appended where the test reads
 *   the report;
 * - `CI_RUN_COMMANDS`: commands `.ci/run` runs (the lines of that script, read at test time);
 * - `NEEDS_PULUMI_CLI`: commands that need the Pulumi CLI, a backend or AWS, which no test here
 *   has — kept explicit and small.
 * test/readme/commands.test.ts checks that every command in the README's shell blocks is in one of
 * these; test/workflows checks that the workflows run only documented commands.
 * (Lives here, not in a *.test.ts file, so both tests can import it without registering tests twice.)
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const README = path.join(REPO_ROOT, "README.md");

export type PreviewRunName = "prod" | "dev" | "noncompliant" | "badConfig" | "sarif" | "junit" | "html";

export interface PreviewRun {
    /** The command exactly as the README documents it. */
    readme: string;
    /** Appended by the test (e.g. to read the JSON report); empty when the command runs as is. */
    appended: string;
    /** The exit code the test expects. */
    exitCode: 0 | 1 | 2;
}

export const PREVIEW_RUNS: Record<PreviewRunName, PreviewRun> = {
    prod: { readme: "npm run preview", appended: " -- --format json", exitCode: 0 },
    dev: { readme: "npm run preview -- --stack dev", appended: " --format json", exitCode: 0 },
    noncompliant: { readme: "npm run preview:noncompliant", appended: " -- --format json", exitCode: 1 },
    badConfig: { readme: "npm run preview -- --config faultguard-example:profile=staging", appended: "", exitCode: 2 },
    sarif: { readme: "npx faultguard preview --stack prod --format sarif --output faultguard.sarif", appended: "", exitCode: 0 },
    junit: { readme: "npx faultguard preview --stack prod --format junit --output faultguard.junit.xml", appended: "", exitCode: 0 },
    html: { readme: "npx faultguard preview --stack dev --format html --output resilience.html", appended: "", exitCode: 0 },
};

/**
 * The "Use faultguard in your project" section's commands, run by test/consumer in a fresh project
 * (the npm installs with each package name replaced by its packed tarball), once per SDK release.
 */
export const CONSUMER_COMMANDS: readonly string[] = [
    "npm install @faultguard/components",
    "npm install --save-dev faultguard faultguard-aws",
    "npx faultguard preview . --stack dev",
    "npx faultguard preview . --stack dev --format sarif --output faultguard.sarif",
];

/** External: need the Pulumi CLI and a backend (and AWS for up/preview). Not run by any test here. */
export const NEEDS_PULUMI_CLI: readonly string[] = [
    "pulumi stack init <org>/prod",
    "pulumi up --stack <org>/prod",
    "pulumi preview --stack <org>/prod --policy-pack policies",
    "pulumi config set --path 'faultguard-example:web.minSize' 6 --stack <org>/prod",
    "pulumi config set faultguard:profile development --stack dev",
    "pulumi stack tag set faultguard:profile development --stack <org>/dev",
    "pulumi policy publish <org>",
    "pulumi preview --stack <org>/dev --policy-pack node_modules/faultguard-aws",
    "pulumi policy enable <org>/faultguard-aws latest --policy-group <group>",
];

/** The commands `.ci/run` runs: its lines that invoke npm, npx, node or pulumi (version printouts aside). */
export function ciRunCommands(): string[] {
    const script = fs.readFileSync(path.join(REPO_ROOT, ".ci", "run"), "utf8");
    return script
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => /^(npm|npx|node|pulumi)\s/.test(line) && !/\s--version$/.test(line))
        .map((line) => line.replace(/\s+--(no-audit|no-fund)\b/g, "").trim());
}

/** Shell commands in the Markdown's ```bash / ```sh / ```shell blocks: comments dropped, `&&` chains split. */
export function shellCommands(markdown: string): string[] {
    const commands: string[] = [];
    // Fenced blocks may be indented (inside list items).
    const blocks = markdown.matchAll(/^[ \t]*```(?:bash|sh|shell)[ \t]*\n([\s\S]*?)^[ \t]*```/gm);
    for (const block of blocks) {
        for (const raw of block[1].split("\n")) {
            const line = raw.replace(/(^|\s)#.*$/, "").trim();
            if (line === "") continue;
            for (const part of line.split("&&")) commands.push(part.trim());
        }
    }
    return commands;
}

export interface CommandResult {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    ms: number;
}

/**
 * Runs a shell command line from the repository root in its own process group, so that on a
 * timeout the whole tree (npm → node → the policy pack) is ended, not just the shell.
 * npm's own banner is silenced (npm_config_loglevel=silent) so stdout is the command's output.
 */
export function runCommand(command: string, timeoutMs: number): Promise<CommandResult> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn("sh", ["-c", command], {
            cwd: REPO_ROOT,
            detached: true,
            env: { ...process.env, npm_config_loglevel: "silent", FORCE_COLOR: "0", NO_COLOR: "1" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        const killGroup = (signal: NodeJS.Signals) => {
            try {
                if (child.pid !== undefined) process.kill(-child.pid, signal);
            } catch {
                // already gone
            }
        };
        const timer = setTimeout(() => {
            killGroup("SIGTERM");
            setTimeout(() => killGroup("SIGKILL"), 2000).unref();
            reject(new Error(`"${command}" did not finish within ${timeoutMs / 1000} s; its process group was ended.\nstderr so far:\n${stderr}`));
        }, timeoutMs);
        const onExit = () => killGroup("SIGKILL");
        process.once("exit", onExit);
        child.on("error", (err) => {
            clearTimeout(timer);
            process.removeListener("exit", onExit);
            reject(err);
        });
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            process.removeListener("exit", onExit);
            resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
        });
    });
}
