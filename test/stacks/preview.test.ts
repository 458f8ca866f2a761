// End to end, as a new user meets faultguard: the README's preview commands, run verbatim by the
// real CLI in child processes from the repository root (with `--format json` appended where the
// test reads the report). The six runs start together, two at a time, in one `before` hook.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allRules } from "../../policies/rules";
import { missesOf, PROFILE_POLICIES } from "../../policies/lib/resilience/policy";
import { type Report } from "../../preview/src/report/model";
import { type CommandResult, PREVIEW_RUNS, type PreviewRunName, REPO_ROOT, runCommand } from "../readme/documented-commands";

const RUN_TIMEOUT_MS = 900_000; // per CLI run; generous for a loaded CI runner
const PARALLEL = 2;

interface PlantedFault {
    rule: string;
    resource: string;
    type: string;
}

const pillarOf = new Map(allRules.map((r) => [r.id, r.pillar]));

function commandOf(name: PreviewRunName): string {
    return PREVIEW_RUNS[name].readme + PREVIEW_RUNS[name].appended;
}

/** The file a run writes with --output (in the repository root), if any. */
const OUTPUT_FILES: Partial<Record<PreviewRunName, string>> = { sarif: "faultguard.sarif", junit: "faultguard.junit.xml", html: "resilience.html" };

interface Run extends CommandResult {
    /** What the run wrote to its --output file, read (and the file removed) as soon as it finished. */
    written?: string;
}

async function runAll(names: PreviewRunName[]): Promise<Map<PreviewRunName, Run>> {
    const results = new Map<PreviewRunName, Run>();
    const queue = [...names];
    const worker = async () => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
            const file = OUTPUT_FILES[name];
            const output = file === undefined ? undefined : path.join(REPO_ROOT, file);
            if (output) fs.rmSync(output, { force: true });
            const run: Run = await runCommand(commandOf(name), RUN_TIMEOUT_MS);
            if (output && fs.existsSync(output)) {
                run.written = fs.readFileSync(output, "utf8");
                fs.rmSync(output, { force: true });
            }
            results.set(name, run);
        }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return results;
}

function reportOf(result: CommandResult, name: PreviewRunName): Report {
    try {
        return JSON.parse(result.stdout) as Report;
    } catch {
        assert.fail(`"${commandOf(name)}" printed no JSON report (exit ${result.code}).\nstdout: ${result.stdout.slice(0, 2000)}\nstderr: ${result.stderr.slice(0, 4000)}`);
    }
}

function brief(report: Report): string {
    return report.violations.map((v) => `  ${v.enforcementLevel} ${v.policy} on ${v.type}::${v.name}: ${v.message.split("\n").pop()}`).join("\n");
}

describe("stacks end to end: the README's preview commands", function () {
    this.timeout(3 * RUN_TIMEOUT_MS);
    let results: Map<PreviewRunName, Run>;

    before(async () => {
        results = await runAll(["prod", "noncompliant", "dev", "badConfig", "sarif", "junit", "html"]);
    });

    function written(name: PreviewRunName): string {
        const text = result(name).written;
        assert.ok(text !== undefined, `"${commandOf(name)}" wrote no ${OUTPUT_FILES[name]}`);
        return text;
    }

    function result(name: PreviewRunName): Run {
        const r = results.get(name);
        assert.ok(r, `${name} did not run`);
        if (r.code !== PREVIEW_RUNS[name].exitCode) {
            let output = r.stdout.slice(0, 4000);
            try {
                output = `violations:\n${brief(JSON.parse(r.stdout) as Report)}`;
            } catch {
                // not a JSON report: show it as printed
            }
            assert.fail(`"${commandOf(name)}" exited ${r.code}, expected ${PREVIEW_RUNS[name].exitCode}.\nstderr: ${r.stderr.slice(0, 4000)}\n${output}`);
        }
        return r;
    }

    it("npm run preview: the prod stack passes the pack with zero violations, mandatory or advisory", () => {
        const report = reportOf(result("prod"), "prod");
        assert.equal(report.project, "faultguard-example");
        assert.equal(report.stack, "prod");
        assert.deepEqual(report.policyPacks.map((p) => p.name), ["faultguard-aws"]);
        assert.ok(report.resourceCount > 80, `expected the whole application (${report.resourceCount} resources)`);
        assert.deepEqual(report.violations, [], `violations:\n${brief(report)}`);
        assert.deepEqual(report.summary, { mandatory: 0, advisory: 0, exempted: 0, ruleErrors: 0 });
        // Nothing skipped silently: no rule gave up on an unknown value, nothing exempted, and no
        // opaque (remote) component hiding resources from the pack.
        assert.deepEqual(report.notEvaluated.map((f) => `${f.policy} on ${f.name}`), []);
        assert.deepEqual(report.exempted, []);
        assert.deepEqual(report.opaqueComponents, []);
    });

    it("the pack checked every tier of the prod stack: network, web tier, database, queue worker", () => {
        // One JUnit testcase per (policy, resource) checked, named by the resource's URN, whose type
        // chain names the component the resource belongs to.
        const junit = written("junit");
        for (const component of ["MultiAzNetwork", "LoadBalancedAutoScalingGroup", "ReplicatedDatabase", "QueueWorker"]) {
            assert.match(junit, new RegExp(`<testcase [^>]*name="[^"]*::faultguard:aws:${component}\\$`), `no rule checked a resource of the ${component}`);
        }
    });

    it("npm run preview -- --stack dev: redundancy findings are advisory only, nothing mandatory", () => {
        const report = reportOf(result("dev"), "dev");
        assert.equal(report.stack, "dev");
        assert.equal(report.summary.mandatory, 0, `mandatory violations in dev:\n${brief(report)}`);
        // What the development profile gives up — one shared NAT gateway, a single-AZ database, one
        // instance — is reported, as advisory.
        const redundancy = report.violations.filter((v) => pillarOf.get(v.policy) === "redundancy");
        assert.deepEqual(redundancy.filter((v) => v.enforcementLevel !== "advisory").map((v) => `${v.policy} on ${v.name}`), []);
        const reported = new Set(redundancy.map((v) => `${v.policy} on ${v.name}`));
        for (const expected of ["nat-per-az on network-private-1", "rds-multi-az on db-primary", "asg-multi-az on web-asg"]) {
            assert.ok(reported.has(expected), `dev should report ${expected} (advisory); got:\n${brief(report)}`);
        }
        assert.deepEqual(report.notEvaluated.map((f) => `${f.policy} on ${f.name}`), []);
    });

    it("npm run preview:noncompliant: exits 1 and reports every planted fault on the right resource, at its rule's level", () => {
        const report = reportOf(result("noncompliant"), "noncompliant");
        const { faults } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "stacks", "examples", "noncompliant", "faults.json"), "utf8")) as { faults: PlantedFault[] };
        const missing = faults.filter((f) => !report.violations.some((v) => v.policy === f.rule && v.name === f.resource && v.type === f.type));
        assert.deepEqual(missing, [], `planted faults not reported:\n${JSON.stringify(missing, null, 1)}\nreported:\n${brief(report)}`);
        const rules = new Map(allRules.map((r) => [r.id, r]));
        const wrongLevel = faults.filter((f) => {
            const expected = rules.get(f.rule)?.enforcement.production ?? "mandatory";
            return !report.violations.some((v) => v.policy === f.rule && v.name === f.resource && v.enforcementLevel === expected);
        });
        assert.deepEqual(wrongLevel, [], "each fault is reported at its rule's production enforcement level");
        // Every finding carries its rule's severity and description through the analyzer protocol.
        const unranked = report.violations.filter((v) => v.severity !== rules.get(v.policy)?.severity || v.description !== rules.get(v.policy)?.description);
        assert.deepEqual(unranked.map((v) => `${v.policy}: ${JSON.stringify([v.severity, v.description])}`), []);
        assert.ok(report.summary.mandatory > 0);
    });

    it("bad stack config: exits 2 with one error naming the key and the fix", () => {
        const { stderr, stdout } = result("badConfig");
        assert.equal(stdout.trim(), "", "no report on a failed program");
        assert.match(stderr, /invalid stack config for stack "prod" \(stacks\/Pulumi\.prod\.yaml\), 1 problem:/);
        assert.match(stderr, /faultguard-example:profile must be "production" or "development"; fix: pulumi config set 'faultguard-example:profile' production --stack prod/);
    });

    it("the CI commands write a SARIF 2.1.0 file with no results and a JUnit file with no failures for prod", () => {
        const sarif = JSON.parse(written("sarif")) as { version: string; runs: Array<{ tool: { driver: { name: string } }; results: unknown[] }> };
        assert.equal(sarif.version, "2.1.0");
        assert.ok(sarif.runs.length >= 1);
        assert.deepEqual(sarif.runs.flatMap((r) => r.results), []);
        const junit = written("junit");
        assert.match(junit, /<testsuites[^>]*\bfailures="0"/);
    });
    it("resilience: the prod stack survives the loss of any one AZ within the production policy", () => {
        const { resilience } = reportOf(result("prod"), "prod");
        assert.ok(resilience, "the JSON report has a resilience section");
        assert.deepEqual(resilience.zones, ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
        const az = resilience.verdicts.filter((v) => v.disruption.startsWith("az:"));
        assert.equal(az.length, 3 * resilience.subjects.length);
        assert.deepEqual(az.filter((v) => v.state === "down" || v.state === "unknown").map((v) => v.reason), []);
        for (const v of az) assert.ok(v.rto.automatic && v.rto.upperSeconds !== null && v.rto.upperSeconds <= 300, `${v.reason}: RTO ${JSON.stringify(v.rto)}`);
        assert.deepEqual(resilience.misses.map((m) => m.message), []);
        const web = resilience.verdicts.find((v) => v.disruption === "az:eu-west-1a" && resilience.subjects.find((s) => s.urn === v.subject)?.name === "web-alb");
        assert.equal(web?.state, "degraded");
        assert.match(web?.reason ?? "", /web-asg keeps 2 of 3 instances \(2 of 3 AZs\).*db-primary Multi-AZ: fails over to its standby in another AZ/);
    });

    it("resilience: the dev stack does not survive one AZ under the production policy, and says exactly why", () => {
        const { resilience } = reportOf(result("dev"), "dev");
        assert.ok(resilience);
        assert.equal(resilience.profile, "development");
        assert.deepEqual(resilience.misses, [], "development has no targets");
        const category = new Map(resilience.disruptions.map((d) => [d.id, d.category]));
        const misses = resilience.verdicts.flatMap((v) => missesOf(v, category.get(v.disruption)!, PROFILE_POLICIES.production, "production"));
        const azA = misses.find((m) => m.disruption === "az:eu-west-1a" && m.certainty === "certain" && /web-alb down/.test(m.message));
        assert.ok(azA, misses.map((m) => m.message).join("\n"));
        assert.match(azA.message, /AZ eu-west-1a: subnet network-private-1 routes 0\.0\.0\.0\/0 through network-nat-0 in eu-west-1a → web-asg loses egress in every AZ → .*web-alb down/);
        assert.ok(misses.some((m) => m.disruption.startsWith("primary:") && /db-primary: Single-AZ/.test(m.message)));
    });

    it("resilience: the noncompliant stack misses the production policy, reported on the resources that cause it (mandatory)", () => {
        const report = reportOf(result("noncompliant"), "noncompliant");
        const findings = report.violations.filter((v) => v.policy === "resiliency-policy");
        assert.ok(findings.every((f) => f.enforcementLevel === "mandatory"));
        const on = (type: string) => findings.filter((f) => f.type === type).map((f) => f.message).join("\n");
        assert.match(on("aws:ec2/natGateway:NatGateway"), /NAT gateway nat lost: subnet private-a routes 0\.0\.0\.0\/0 through nat in \S+a → \S+ loses egress in every AZ → \S+ down/);
        assert.match(on("aws:sqs/queue:Queue"), /poison message on uploads: uploads has no dead-letter queue/);
        assert.match(on("aws:rds/instance:Instance"), /Single-AZ/);
        assert.match(on("aws:autoscaling/group:Group"), /has subnets only in/);
    });

    it("resilience: --format html writes one self-contained page with the matrix and the diagram's data", () => {
        const html = written("html");
        assert.match(html, /<table id="matrix">/);
        assert.match(html, /<td class="down"[^>]*>DOWN<\/td>/);
        assert.doesNotMatch(html, /<script[^>]+src=/);
    });
});
