// `npm run bench [-- --json] [--sizes 1000,10000] [--reps 3] [--cold-reps 5]`
//
// faultguard-aws against the empty-pack floor and Pulumi's awsguard, through the real analyzer
// gRPC path, on synthetic stacks of 1k/10k/50k resources. Every measurement starts a fresh pack
// process as the engine does; runs of the packs are interleaved so load drift on a shared machine
// hits them alike; medians are reported, and the targets are ratios taken within this one run.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { type Rule } from "../policies/lib/rule";
import { installSignalHandlers } from "../preview/src/processes";
import { analysisRun, coldStartMs, type AnalysisRun } from "./measure";
import { timePreview, type PreviewTiming } from "./preview-timing";
import { syntheticStack, typeMix } from "./synthetic-stack";

const REPO = path.resolve(__dirname, "..");
const AWSGUARD_DIR = path.join(REPO, "bench", "awsguard");

type PackId = "faultguard" | "empty" | "awsguard";
const PACKS: Record<PackId, { dir: string; label: string }> = {
    faultguard: { dir: path.join(REPO, "policies"), label: "faultguard-aws (ours)" },
    empty: { dir: path.join(REPO, "bench", "packs", "empty"), label: "empty pack (floor)" },
    awsguard: { dir: AWSGUARD_DIR, label: "@pulumi/awsguard 0.3.1" },
};

const USAGE = `usage: npm run bench -- [--sizes 1000,10000,50000] [--reps N] [--cold-reps N] [--concurrency N]
                       [--packs faultguard,empty,awsguard] [--faultguard-dir DIR] [--timeout SECONDS]
                       [--preview-reps N (0 skips)] [--json] [--no-build]`;

interface Options {
    sizes: number[];
    /** Repetitions per size; undefined = 3 up to 10k resources, 1 above (a 50k run takes minutes on 2 cores). */
    reps?: number;
    coldReps: number;
    previewReps: number;
    concurrency: number;
    packs: PackId[];
    timeoutMs: number;
    json: boolean;
    build: boolean;
}

function fail(message: string): never {
    process.stderr.write(`bench: ${message}\n${USAGE}\n`);
    process.exit(2);
}

function positiveInt(flag: string, text: string): number {
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) {
        fail(`--${flag} ${JSON.stringify(text)}: expected a positive integer`);
    }
    return n;
}

function parseOptions(argv: string[]): Options {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                sizes: { type: "string", default: "1000,10000,50000" },
                reps: { type: "string" },
                "cold-reps": { type: "string", default: "5" },
                "preview-reps": { type: "string", default: "3" },
                concurrency: { type: "string", default: "8" },
                packs: { type: "string", default: "faultguard,empty,awsguard" },
                "faultguard-dir": { type: "string" },
                timeout: { type: "string", default: "600" },
                json: { type: "boolean", default: false },
                "no-build": { type: "boolean", default: false },
                help: { type: "boolean", default: false },
            },
            strict: true,
        });
    } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
    }
    const v = parsed.values;
    if (v.help) {
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
    }
    const packs = v.packs.split(",").map((p) => p.trim());
    for (const p of packs) {
        if (!(p in PACKS)) {
            fail(`--packs: unknown pack "${p}"; use any of ${Object.keys(PACKS).join(", ")}`);
        }
    }
    if (v["faultguard-dir"] !== undefined) {
        // Another checkout of the pack (e.g. a release tag), compared on equal terms.
        PACKS.faultguard.dir = path.resolve(v["faultguard-dir"]);
    }
    return {
        sizes: v.sizes.split(",").map((s) => positiveInt("sizes", s.trim())),
        reps: v.reps === undefined ? undefined : positiveInt("reps", v.reps),
        coldReps: positiveInt("cold-reps", v["cold-reps"]),
        previewReps: v["preview-reps"] === "0" ? 0 : positiveInt("preview-reps", v["preview-reps"]),
        concurrency: positiveInt("concurrency", v.concurrency),
        packs: packs as PackId[],
        timeoutMs: positiveInt("timeout", v.timeout) * 1000,
        json: v.json,
        build: !v["no-build"],
    };
}

/** Progress goes to stderr, so `--json` output on stdout stays machine-readable. */
function log(message: string): void {
    process.stderr.write(`${message}\n`);
}

function run(what: string, command: string, args: string[], timeoutMs: number): void {
    log(`bench: ${what}…`);
    const result = spawnSync(command, args, { cwd: REPO, stdio: ["ignore", "inherit", "inherit"], timeout: timeoutMs, killSignal: "SIGKILL" });
    if (result.status !== 0) {
        fail(`${what} failed (${result.error?.message ?? `exit code ${result.status}`})`);
    }
}

/** The awsguard baseline lives in its own folder with its own lockfile; installed on first use. */
function ensureAwsguard(timeoutMs: number): void {
    if (!fs.existsSync(path.join(AWSGUARD_DIR, "node_modules", "@pulumi", "awsguard", "package.json"))) {
        const npm = process.platform === "win32" ? "npm.cmd" : "npm";
        run("installing @pulumi/awsguard into bench/awsguard (npm ci, own lockfile)", npm, ["ci", "--prefix", AWSGUARD_DIR, "--no-audit", "--no-fund"], timeoutMs);
    }
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface SizeResult {
    analyzeMsPerResource: number;
    analyzeStackMs: number;
    totalMs: number;
    /** The same from the pack process's CPU time: robust to other load on the machine. */
    cpu?: { analyzeMsPerResource: number; analyzeStackMs: number; totalMs: number };
    peakMiB?: number;
    diagnostics: number;
    runs: AnalysisRun[];
}

interface Ratio {
    name: string;
    /** From wall-clock medians: this decides PASS/FAIL. */
    value: number | undefined;
    /** The same ratio from pack CPU time, shown to tell load noise from real cost. */
    cpuValue?: number;
    target: number;
    pass: boolean | undefined;
    detail: string;
}

function divide(numerator: number | undefined, denominator: number | undefined): number | undefined {
    return numerator !== undefined && denominator !== undefined && denominator > 0 ? numerator / denominator : undefined;
}

function ratio(
    name: string,
    wall: [number | undefined, number | undefined],
    cpu: [number | undefined, number | undefined] | undefined,
    target: number,
    detail: string,
    decideOn: "wall" | "cpu" = "wall",
): Ratio {
    const wallValue = divide(...wall);
    const cpuValue = cpu ? divide(...cpu) : undefined;
    const value = decideOn === "wall" ? wallValue : cpuValue;
    return { name, value, cpuValue, target, pass: value === undefined ? undefined : value <= target, detail };
}

async function main(): Promise<void> {
    installSignalHandlers();
    const opts = parseOptions(process.argv.slice(2));
    const started = Date.now();

    if (opts.packs.includes("awsguard")) {
        ensureAwsguard(opts.timeoutMs);
    }
    if (opts.packs.includes("faultguard") && opts.build) {
        // What `npm ci` does through "prepare": the engine then starts the compiled pack.
        run(`building ${path.relative(REPO, PACKS.faultguard.dir) || "."} (npm run build)`, process.execPath, [path.join(PACKS.faultguard.dir, "scripts", "build.js")], opts.timeoutMs);
    }

    // The engine runs our compiled bin/ only while it matches the sources (policies/start.js); if a
    // source changes mid-run, the pack silently runs from TypeScript. Say so instead.
    const servedFromSources = (): boolean => {
        const dir = PACKS.faultguard.dir;
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { sourceDigest } = require(path.join(dir, "scripts", "sources.js")) as { sourceDigest(d: string): string };
            return fs.readFileSync(path.join(dir, "bin", ".buildstamp"), "utf8").trim() !== sourceDigest(dir);
        } catch {
            return true;
        }
    };
    const warnings: string[] = [];
    const checkServed = (when: string): void => {
        if (opts.packs.includes("faultguard") && servedFromSources()) {
            warnings.push(`faultguard-aws ran from its TypeScript sources ${when} (bin/ missing or stale): its cold start and first calls include ts-node type checking`);
        }
    };
    checkServed("at the start");

    const policyCounts = new Map<PackId, { resource: number; stack: number }>();
    const resourceRules = (id: PackId): number | undefined => {
        if (id === "faultguard") {
            // Our stack-scope rules are listed as policies but do nothing in Analyze.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { allRules } = require(path.join(PACKS.faultguard.dir, "catalog")) as { allRules: readonly Rule[] };
            return allRules.filter((r) => r.scope === "resource").length;
        }
        return policyCounts.get(id)?.resource;
    };

    // Cold start: process start → port printed.
    const cold = new Map<PackId, number[]>(opts.packs.map((p) => [p, []]));
    for (let rep = 0; rep < opts.coldReps; rep++) {
        for (const id of opts.packs) {
            const ms = await coldStartMs(PACKS[id].dir, opts.timeoutMs);
            cold.get(id)!.push(ms);
            log(`bench: cold start ${id} #${rep + 1}: ${ms.toFixed(0)} ms`);
        }
    }

    const results = new Map<number, Map<PackId, SizeResult>>();
    const mixes: Record<number, Record<string, number>> = {};
    for (const size of opts.sizes) {
        const stack = syntheticStack(size);
        mixes[size] = typeMix(stack);
        const reps = opts.reps ?? (size > 10_000 ? 1 : 3);
        const runs = new Map<PackId, AnalysisRun[]>(opts.packs.map((p) => [p, []]));
        for (let rep = 0; rep < reps; rep++) {
            for (const id of opts.packs) {
                const r = await analysisRun(PACKS[id].dir, stack, opts.concurrency, { startMs: opts.timeoutMs, rpcMs: opts.timeoutMs });
                runs.get(id)!.push(r);
                policyCounts.set(id, r.policies);
                log(
                    `bench: ${size} resources, ${id} #${rep + 1}: Analyze ${r.analyzeMs.toFixed(0)} ms, AnalyzeStack ${r.analyzeStackMs.toFixed(0)} ms, peak ${r.peakMiB?.toFixed(0) ?? "?"} MiB, ${r.diagnostics} diagnostics`,
                );
            }
        }
        const bySize = new Map<PackId, SizeResult>();
        for (const [id, list] of runs) {
            const peaks = list.map((r) => r.peakMiB).filter((m): m is number => m !== undefined);
            const withCpu = list.filter((r) => r.analyzeCpuMs !== undefined && r.analyzeStackCpuMs !== undefined);
            bySize.set(id, {
                cpu:
                    withCpu.length === list.length
                        ? {
                              analyzeMsPerResource: median(list.map((r) => r.analyzeCpuMs!)) / size,
                              analyzeStackMs: median(list.map((r) => r.analyzeStackCpuMs!)),
                              totalMs: median(list.map((r) => r.analyzeCpuMs! + r.analyzeStackCpuMs!)),
                          }
                        : undefined,
                analyzeMsPerResource: median(list.map((r) => r.analyzeMs)) / size,
                analyzeStackMs: median(list.map((r) => r.analyzeStackMs)),
                totalMs: median(list.map((r) => r.analyzeMs + r.analyzeStackMs)),
                peakMiB: peaks.length > 0 ? median(peaks) : undefined,
                diagnostics: list[0].diagnostics,
                runs: list,
            });
        }
        results.set(size, bySize);
    }

    checkServed("at the end");

    // faultguard preview of the example stack, end to end, against its parts.
    let preview: PreviewTiming | undefined;
    if (opts.previewReps > 0) {
        try {
            preview = await timePreview(opts.previewReps, opts.timeoutMs, log);
        } catch (e) {
            warnings.push(`faultguard preview timing failed: ${e instanceof Error ? e.message : String(e)}`);
        }
    }

    // Ratios, all from this run.
    const at = (size: number, id: PackId): SizeResult | undefined => results.get(size)?.get(id);
    const ours = (size: number) => at(size, "faultguard");
    const perRule = (id: PackId, size: number, use: "wall" | "cpu"): number | undefined => {
        const pack = use === "wall" ? at(size, id) : at(size, id)?.cpu;
        const floor = use === "wall" ? at(size, "empty") : at(size, "empty")?.cpu;
        const rules = resourceRules(id);
        if (!pack || !floor || !rules) {
            return undefined;
        }
        return (Math.max(0, pack.analyzeMsPerResource - floor.analyzeMsPerResource) / rules) * 1000;
    };
    const perRuleSize = opts.sizes.includes(10_000) ? 10_000 : opts.sizes[opts.sizes.length - 1];
    const ratios: Ratio[] = [
        ratio("AnalyzeStack 10k / 1k (ours)", [ours(10_000)?.analyzeStackMs, ours(1_000)?.analyzeStackMs], [ours(10_000)?.cpu?.analyzeStackMs, ours(1_000)?.cpu?.analyzeStackMs], 12, "linear: 10× the resources"),
        ratio("AnalyzeStack 50k / 10k (ours)", [ours(50_000)?.analyzeStackMs, ours(10_000)?.analyzeStackMs], [ours(50_000)?.cpu?.analyzeStackMs, ours(10_000)?.cpu?.analyzeStackMs], 6, "linear: 5× the resources"),
        ratio(
            "ours / empty floor at 10k (Analyze + AnalyzeStack)",
            [ours(10_000)?.totalMs, at(10_000, "empty")?.totalMs],
            [ours(10_000)?.cpu?.totalMs, at(10_000, "empty")?.cpu?.totalMs],
            3,
            "whole-pack cost over the protocol floor",
        ),
        ratio(
            `Analyze per resource per rule, ours / awsguard (${perRuleSize}, CPU)`,
            [perRule("faultguard", perRuleSize, "wall"), perRule("awsguard", perRuleSize, "wall")],
            [perRule("faultguard", perRuleSize, "cpu"), perRule("awsguard", perRuleSize, "cpu")],
            1,
            `decided on pack CPU time: a difference of two wall times (pack − floor) is mostly noise. (Analyze per resource − floor) / resource rules: ours ${resourceRules("faultguard")}, awsguard ${resourceRules("awsguard") ?? "?"}`,
            "cpu",
        ),
        ratio(
            "cold start ours / awsguard",
            [cold.has("faultguard") ? median(cold.get("faultguard")!) : undefined, cold.has("awsguard") ? median(cold.get("awsguard")!) : undefined],
            undefined,
            1,
            "process start → gRPC port printed",
        ),
    ];

    const report = {
        machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map((l) => Number(l.toFixed(2))) },
        options: { ...opts, reps: opts.reps ?? "3 (≤10k), 1 (>10k)" },
        packs: Object.fromEntries(
            opts.packs.map((id) => [
                id,
                {
                    label: PACKS[id].label,
                    dir: path.relative(REPO, PACKS[id].dir),
                    policies: policyCounts.get(id),
                    resourceRules: resourceRules(id),
                    coldStartMs: { median: median(cold.get(id)!), runs: cold.get(id)! },
                },
            ]),
        ),
        sizes: Object.fromEntries(
            [...results].map(([size, byPack]) => [
                size,
                {
                    mix: mixes[size],
                    packs: Object.fromEntries([...byPack].map(([id, r]) => [id, { ...r, runs: r.runs.map(({ policies: _policies, ...run }) => run) }])),
                },
            ]),
        ),
        ratios,
        preview,
        warnings: [...new Set(warnings)],
        pass: ratios.every((r) => r.pass !== false),
        durationMs: Date.now() - started,
    };
    const outDir = path.join(REPO, "bench", "results");
    fs.mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);

    if (opts.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
    }
    const lines: string[] = [];
    lines.push(`faultguard bench — ${report.machine.cpus} CPUs, Node ${report.machine.node}, load ${report.machine.loadavg.join(" ")}; medians`);
    lines.push("");
    lines.push(`${"pack".padEnd(26)}${"cold start".padStart(12)}${"policies".padStart(10)}`);
    for (const id of opts.packs) {
        const p = report.packs[id];
        lines.push(`${PACKS[id].label.padEnd(26)}${`${p.coldStartMs.median.toFixed(0)} ms`.padStart(12)}${String((p.policies?.resource ?? 0) + (p.policies?.stack ?? 0)).padStart(10)}`);
    }
    lines.push("");
    lines.push(
        `${"resources".padEnd(10)}${"pack".padEnd(26)}${"Analyze/res".padStart(13)}${"AnalyzeStack".padStart(14)}${"total".padStart(11)}${"peak mem".padStart(10)}${"diags".padStart(8)}   pack CPU: Analyze/res, AnalyzeStack`,
    );
    for (const [size, byPack] of results) {
        for (const [id, r] of byPack) {
            lines.push(
                `${String(size).padEnd(10)}${PACKS[id].label.padEnd(26)}${`${(r.analyzeMsPerResource * 1000).toFixed(0)} µs`.padStart(13)}${`${r.analyzeStackMs.toFixed(0)} ms`.padStart(14)}${`${r.totalMs.toFixed(0)} ms`.padStart(11)}${`${r.peakMiB?.toFixed(0) ?? "?"} MiB`.padStart(10)}${String(r.diagnostics).padStart(8)}   ${r.cpu ? `${(r.cpu.analyzeMsPerResource * 1000).toFixed(0)} µs, ${r.cpu.analyzeStackMs.toFixed(0)} ms` : "-"}`,
            );
        }
    }
    lines.push("");
    lines.push(`${"target (wall-clock medians decide)".padEnd(58)}${"ratio".padStart(8)}${"limit".padStart(8)}  result  ${"(cpu)".padStart(6)}`);
    for (const r of ratios) {
        const verdict = r.pass === undefined ? "n/a " : r.pass ? "PASS" : "FAIL";
        const cpu = r.cpuValue === undefined ? "-" : r.cpuValue.toFixed(2);
        lines.push(`${r.name.padEnd(58)}${(r.value === undefined ? "-" : r.value.toFixed(2)).padStart(8)}${`≤ ${r.target}`.padStart(8)}  ${verdict}  ${cpu.padStart(6)}   ${r.detail}`);
    }
    if (preview) {
        lines.push(
            `${preview.command} (${preview.resources} resources), medians: ${preview.wallMs.toFixed(0)} ms wall; report: program ${preview.programMs} ms ‖ pack start ${preview.packStartMs} ms (overlapped), analysis ${preview.analysisMs} ms, total ${preview.totalMs} ms; slowest part: ${preview.slowest}`,
        );
        lines.push("");
    }
    for (const w of report.warnings) {
        lines.push(`WARNING: ${w}`);
    }
    lines.push("");
    lines.push(`${report.pass ? "all measured targets PASS" : "some targets FAIL"}; ${((Date.now() - started) / 1000).toFixed(0)} s; full results: ${path.relative(REPO, outFile)}`);
    process.stdout.write(`${lines.join("\n")}\n`);
    if (!report.pass) {
        process.exitCode = 1;
    }
}

main().catch((e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
});
