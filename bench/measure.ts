// One benchmark measurement: a policy pack process started as the engine starts it, fed a
// synthetic stack over the real analyzer gRPC protocol (Configure, ConfigureStack, Analyze per
// resource, AnalyzeStack), timed per phase, with the pack's peak memory read from /proc.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { reconcilePolicyConfig } from "../preview/src/analyzer/config";
import { analyzeRequest, analyzeStackRequest } from "../preview/src/analyzer/analyze";
import { type AnalyzerPack, PolicyPackProcess } from "../preview/src/analyzer/pack";
import { resolveSdkRoot } from "../preview/src/capture/sdk";
import { endChild, trackChild } from "../preview/src/processes";
import { type BenchResource } from "./synthetic-stack";

/** The pack only logs the engine address; nothing needs to listen there. */
const UNUSED_ENGINE_ADDRESS = "127.0.0.1:1";

export interface RunTimeouts {
    startMs: number;
    rpcMs: number;
}

/**
 * Process start → gRPC port printed on stdout, exactly the interval the engine waits for. The
 * process is ended right after (and on timeout).
 */
export async function coldStartMs(packDir: string, timeoutMs: number): Promise<number> {
    const runner = path.join(resolveSdkRoot(packDir), "cmd", "run-policy-pack", "index.js");
    const started = process.hrtime.bigint();
    const child = trackChild(spawn(process.execPath, [runner, UNUSED_ENGINE_ADDRESS, packDir], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] }));
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    try {
        return await new Promise<number>((resolve, reject) => {
            let out = "";
            const timer = setTimeout(() => reject(new Error(`${packDir}: no port within ${timeoutMs / 1000} s`)), timeoutMs);
            child.stdout?.on("data", (c: Buffer) => {
                out += c.toString();
                if (/^\d+\s*\n/.test(out)) {
                    clearTimeout(timer);
                    resolve(Number(process.hrtime.bigint() - started) / 1e6);
                }
            });
            child.once("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`${packDir}: exited (code ${code}) before printing its port: ${stderr}`));
            });
        });
    } finally {
        await endChild(child);
    }
}

/** Peak resident set (VmHWM) of a process, in MiB; undefined where /proc is not available. */
export function peakMemoryMiB(pid: number | undefined): number | undefined {
    if (pid === undefined) {
        return undefined;
    }
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
        return match ? Number(match[1]) / 1024 : undefined;
    } catch {
        return undefined;
    }
}

const CLOCK_TICKS_PER_SECOND = ((): number => {
    const out = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8", timeout: 5000 });
    const n = Number(out.stdout?.trim());
    return Number.isInteger(n) && n > 0 ? n : 100;
})();

/**
 * CPU time (user + system) a process has used so far, in ms: the pack's own work, which other
 * load on a shared machine barely changes, unlike wall time. Undefined without /proc.
 */
export function cpuMs(pid: number | undefined): number | undefined {
    if (pid === undefined) {
        return undefined;
    }
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND) * 1000;
    } catch {
        return undefined;
    }
}

export interface AnalysisRun {
    /** Wall time of the whole Analyze phase (all resources, `concurrency` calls in flight). */
    analyzeMs: number;
    analyzeStackMs: number;
    /** CPU time of the pack process in each phase (10 ms resolution). */
    analyzeCpuMs?: number;
    analyzeStackCpuMs?: number;
    peakMiB?: number;
    diagnostics: number;
    /** Policies the pack reports, by type. */
    policies: { resource: number; stack: number };
}

/** Analyze and AnalyzeStack requests for `resources`, built as the CLI builds them. */
export function buildRequests(pack: AnalyzerPack, resources: readonly BenchResource[]): { analyze: analyzerproto.AnalyzeRequest[]; stack: analyzerproto.AnalyzeStackRequest } {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return { analyze: resources.map((r) => analyzeRequest(pack.proto, byUrn, r)), stack: analyzeStackRequest(pack.proto, resources, byUrn) };
}

/**
 * Starts a fresh pack, configures it with its defaults (as the CLI does with no config file) and
 * analyzes `resources`. Requests are built before the clock starts: only the pack's work (and the
 * gRPC round trips) is timed. The pack is ended on every path.
 */
export async function analysisRun(packDir: string, resources: readonly BenchResource[], concurrency: number, timeouts: RunTimeouts): Promise<AnalysisRun> {
    // typeCheck: start exactly as the engine does (faultguard preview preloads a transpile-only hook otherwise).
    const pack = await PolicyPackProcess.start(packDir, { startTimeoutMs: timeouts.startMs, rpcTimeoutMs: timeouts.rpcMs, typeCheck: true });
    try {
        await pack.configure(reconcilePolicyConfig(pack.info, undefined));
        await pack.configureStack({ project: "synthetic", stack: "bench", organization: "organization", tags: {}, config: {}, secretKeys: [] });
        const requests = buildRequests(pack, resources);
        let diagnostics = 0;

        const cpu0 = cpuMs(pack.pid);
        const analyzeStart = process.hrtime.bigint();
        let next = 0;
        await Promise.all(
            Array.from({ length: concurrency }, async () => {
                while (next < requests.analyze.length) {
                    const result = await pack.analyze(requests.analyze[next++]);
                    diagnostics += result.diagnostics.length;
                }
            }),
        );
        const analyzeMs = Number(process.hrtime.bigint() - analyzeStart) / 1e6;
        const cpu1 = cpuMs(pack.pid);

        const stackStart = process.hrtime.bigint();
        const stackResult = await pack.analyzeStack(requests.stack);
        const analyzeStackMs = Number(process.hrtime.bigint() - stackStart) / 1e6;
        const cpu2 = cpuMs(pack.pid);
        diagnostics += stackResult.diagnostics.length;

        const policies = { resource: 0, stack: 0 };
        for (const p of pack.info.policies) {
            policies[p.policyType === "stack" ? "stack" : "resource"]++;
        }
        const diff = (a?: number, b?: number) => (a !== undefined && b !== undefined ? b - a : undefined);
        return { analyzeMs, analyzeStackMs, analyzeCpuMs: diff(cpu0, cpu1), analyzeStackCpuMs: diff(cpu1, cpu2), peakMiB: peakMemoryMiB(pack.pid), diagnostics, policies };
    } finally {
        await pack.close();
    }
}
