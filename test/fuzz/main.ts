// `npm run fuzz -- [--runs N] [--seed N] [--rule ID]…`: property-based fuzzing of every rule through
// the real analyzer, many more stacks than the test suite. Prints the count per rule and in total;
// exits 1 if any exception escaped (with the seed and path that reproduce it), 2 on usage errors.
import { parseArgs } from "node:util";
import { allRules } from "../../policies/rules";
import { installSignalHandlers } from "../../preview/src/processes";
import { closeSharedPacks } from "../support/analyze";
import { fuzzRule, type RuleFuzzResult } from "./harness";

function usage(message: string): never {
    process.stderr.write(`fuzz: ${message}\nusage: npm run fuzz -- [--runs N per rule, default 200] [--seed N] [--rule ID]…\n`);
    process.exit(2);
}

async function main(): Promise<void> {
    installSignalHandlers();
    let values;
    try {
        ({ values } = parseArgs({ options: { runs: { type: "string", default: "200" }, seed: { type: "string" }, rule: { type: "string", multiple: true } }, strict: true }));
    } catch (e) {
        usage(e instanceof Error ? e.message : String(e));
    }
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs <= 0) usage(`--runs ${values.runs}: expected a positive integer`);
    const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
    if (!Number.isInteger(seed)) usage(`--seed ${values.seed}: expected an integer`);
    const known = new Set(allRules.map((r) => r.id));
    for (const id of values.rule ?? []) if (!known.has(id)) usage(`--rule ${id}: no such rule; rules: ${[...known].join(", ")}`);
    const rules = values.rule ? allRules.filter((r) => values.rule!.includes(r.id)) : allRules;

    process.stdout.write(`fuzzing ${rules.length} rules × ${runs} stacks (seed ${seed}) through the faultguard-aws analyzer\n`);
    const started = Date.now();
    const results: RuleFuzzResult[] = [];
    try {
        for (const rule of rules) {
            const r = await fuzzRule(rule, { runs, seed });
            results.push(r);
            process.stdout.write(
                `${r.failure ? "ESCAPE" : "ok    "} ${r.rule.padEnd(40)} ${String(r.runs).padStart(6)} stacks  ${String(r.violations).padStart(6)} violations  ${String(r.couldNotEvaluate).padStart(6)} could-not-evaluate\n`,
            );
            if (r.failure) process.stdout.write(`  ${r.failure.replace(/\n/g, "\n  ")}\n`);
        }
    } finally {
        await closeSharedPacks();
    }
    const total = results.reduce((n, r) => n + r.runs, 0);
    const escapes = results.filter((r) => r.failure);
    process.stdout.write(
        `\n${total} stacks analyzed across ${results.length} rules in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${seed}): ` +
            `${escapes.length === 0 ? "0 escaped exceptions" : `${escapes.length} rule(s) with escapes: ${escapes.map((r) => r.rule).join(", ")}`}\n`,
    );
    process.exitCode = escapes.length === 0 ? 0 : 1;
}

main().catch((e: unknown) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
});
