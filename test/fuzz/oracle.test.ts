// The fuzz harness also catches rules that wrongly PASS (issue 11, "Done when"): for these rules a
// property-based oracle (test/fuzz/oracle.ts) computes the verdict from AWS's limits and the rule's
// documented threshold, and every generated stack must get exactly that verdict from the pack.
import assert from "node:assert/strict";
import { checkOracle, ORACLES } from "./oracle";

const RUNS = 25;
// Fixed seed: reproducible; change it locally to explore.
const SEED = 20261130;

describe("fuzz oracle: no false 'passed' (and no false alarm) for rules with a computable verdict", function () {
    this.timeout(240_000);
    for (const rule of Object.keys(ORACLES)) {
        it(rule, async () => {
            assert.equal(await checkOracle(rule, { runs: RUNS, seed: SEED }), undefined);
        });
    }
});
