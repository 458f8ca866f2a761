// Property-based robustness of every rule (issue 7): random and malformed stacks through the real
// analyzer never make an exception escape, and every outcome is a violation, a pass or the
// advisory "could not evaluate". A bounded number of stacks per rule here; `npm run fuzz` runs many
// more. Rules are read from the pack at run time, so a new rule is fuzzed without editing this file.
import assert from "node:assert/strict";
import { allRules } from "../../policies/rules";
import { fuzzRule } from "./harness";

const RUNS_PER_RULE = 6;
// Fixed seed: the suite is reproducible; `npm run fuzz -- --seed N` explores others.
const SEED = 20261127;

describe("fuzz: every rule survives malformed stacks through the analyzer", function () {
    // The first case waits for the shared pack process to start (it may type-check its sources).
    this.timeout(240_000);

    it("has rules to fuzz", () => {
        assert.ok(allRules.length > 0);
    });

    for (const rule of allRules) {
        it(`${rule.id} (${rule.scope}, ${rule.resourceTypes.length} type${rule.resourceTypes.length === 1 ? "" : "s"})`, async () => {
            const result = await fuzzRule(rule, { runs: RUNS_PER_RULE, seed: SEED });
            assert.equal(result.failure, undefined, `${rule.id}: ${result.failure}`);
            assert.ok(result.runs >= RUNS_PER_RULE, `${rule.id}: only ${result.runs} stacks analyzed`);
        });
    }
});
