// The resilience assessment's own cost on the benchmark's synthetic stacks (1k, 10k, 50k
// resources): the graph built as AnalyzeStack builds it, then `assess` timed alone (median of 3,
// CPU of this process). `npm run bench` measures AnalyzeStack with the assessment included (the
// resiliency-policy rule runs in it); together they give the assessment's share.
//
//   node -r ts-node/register/transpile-only bench/resilience.ts [sizes…]
import { StackGraph } from "../policies/lib/graph";
import { assess } from "../policies/lib/resilience/assess";
import { PROFILE_POLICIES } from "../policies/lib/resilience/policy";
import { syntheticStack } from "./synthetic-stack";

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
const results: Array<{ size: number; ms: number }> = [];
for (const size of sizes.length ? sizes : [1_000, 10_000, 50_000]) {
    const resources = syntheticStack(size);
    const runs: number[] = [];
    let last: ReturnType<typeof assess> | undefined;
    for (let i = 0; i < 3; i++) {
        // A fresh graph each time: its lazy indexes are part of the cost in AnalyzeStack too.
        const graph = StackGraph.fromPlain(resources.map((r) => ({ ...r, props: r.outputs })));
        const cpu = process.cpuUsage();
        last = assess(graph, { profile: "production", policy: PROFILE_POLICIES.production });
        const used = process.cpuUsage(cpu);
        runs.push((used.user + used.system) / 1000);
    }
    results.push({ size, ms: median(runs) });
    console.log(`resilience: ${size} resources: assess ${median(runs).toFixed(0)} ms CPU (median of 3), ${last!.subjects.length} subjects, ${last!.verdicts.length} verdicts`);
}
for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1], results[i]];
    console.log(`resilience: ${b.size}/${a.size}: ${(b.ms / a.ms).toFixed(2)}× the time for ${(b.size / a.size).toFixed(0)}× the resources`);
}
