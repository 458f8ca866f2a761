// `faultguard preview` of the example stack, end to end, against its own parts: the report's
// timings (program run, pack start, analysis; the program and the pack start overlap) and the wall
// time of the whole CLI process, so the slowest part is known.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { endChild, trackChild } from "../preview/src/processes";
import { type Report } from "../preview/src/report/model";

const REPO = path.resolve(__dirname, "..");
const BIN = path.join(REPO, "preview", "bin", "faultguard.js");

export interface PreviewTiming {
    command: string;
    wallMs: number;
    programMs: number;
    packStartMs: number;
    analysisMs: number;
    totalMs: number;
    resources: number;
    slowest: "program" | "pack start" | "analysis";
}

function once(args: string[], timeoutMs: number): Promise<{ wallMs: number; report: Report }> {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "fg-bench-preview-"));
    const file = path.join(out, "report.json");
    const started = process.hrtime.bigint();
    const child = trackChild(spawn(process.execPath, [BIN, ...args, "--format", "json", "--output", file], { cwd: REPO, stdio: ["ignore", "ignore", "pipe"] }));
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            void endChild(child);
            reject(new Error(`faultguard preview did not finish within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        child.once("exit", (code) => {
            clearTimeout(timer);
            const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
            // Exit 1 only means mandatory violations were found: the timings are still valid.
            if ((code !== 0 && code !== 1) || !fs.existsSync(file)) {
                reject(new Error(`faultguard preview exited with ${code}: ${stderr}`));
                return;
            }
            const report = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
            fs.rmSync(out, { recursive: true, force: true });
            resolve({ wallMs, report });
        });
    });
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians over `reps` runs of `faultguard preview . --stack prod` (the example stack). */
export async function timePreview(reps: number, timeoutMs: number, log: (m: string) => void): Promise<PreviewTiming> {
    const args = ["preview", ".", "--stack", "prod"];
    const runs: Array<{ wallMs: number; report: Report }> = [];
    for (let i = 0; i < reps; i++) {
        const run = await once(args, timeoutMs);
        runs.push(run);
        const t = run.report.timings;
        log(`bench: faultguard preview #${i + 1}: ${run.wallMs.toFixed(0)} ms wall (program ${t.programMs}, pack start ${t.packStartMs}, analysis ${t.analysisMs} ms)`);
    }
    const pick = (f: (r: { wallMs: number; report: Report }) => number) => median(runs.map(f));
    const programMs = pick((r) => r.report.timings.programMs);
    const packStartMs = pick((r) => r.report.timings.packStartMs);
    const analysisMs = pick((r) => r.report.timings.analysisMs);
    const parts: Array<[PreviewTiming["slowest"], number]> = [
        ["program", programMs],
        ["pack start", packStartMs],
        ["analysis", analysisMs],
    ];
    return {
        command: `faultguard ${args.join(" ")}`,
        wallMs: pick((r) => r.wallMs),
        programMs,
        packStartMs,
        analysisMs,
        totalMs: pick((r) => r.report.timings.totalMs),
        resources: runs[0].report.resourceCount,
        slowest: parts.sort((a, b) => b[1] - a[1])[0][0],
    };
}
