import * as assert from "node:assert/strict";
import { analyze, fn, messages, outcomes } from "../redundancy/fixtures";

const RULE = "lambda-timeout";

describe(`${RULE} (through the analyzer)`, () => {
    it("flags an unset timeout and the 3 s default, passes a chosen one, one advisory when the timeout is unknown", async () => {
        const report = await analyze(() => {
            const chosen = fn("chosen", { timeout: 30 });
            fn("unset");
            fn("three", { timeout: 3 });
            fn("unknown", { timeout: chosen.arn.apply(() => 10) });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation mandatory three", "violation mandatory unset"]);
        // The provider's Check fills 3 into an absent timeout (so does the offline capture): same verdict as the engine.
        assert.match(messages(report, RULE, "unset")[0], /timeout is the 3 s default; set timeout explicitly/);
        assert.match(messages(report, RULE, "three")[0], /timeout is the 3 s default/);
    });

    it("caps the timeout at maxSeconds and stays mandatory in development", async () => {
        const report = await analyze(() => fn("slow", { timeout: 120 }), { policyConfig: { [RULE]: { maxSeconds: 60 } }, stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory slow"]);
        assert.match(messages(report, RULE, "slow")[0], /timeout is 120 s; keep it at most 60 s/);
    });

    it("rejects timeouts Lambda does not accept: zero, negative, fractional, hex, above 900 (issue 11 item 5)", async () => {
        const invalid: Array<[string, unknown]> = [["zero", 0], ["negative", -5], ["fraction", 0.25], ["hex", "0x3c"], ["huge", 901], ["text", "sixty"]];
        const report = await analyze(() => {
            for (const [name, timeout] of invalid) fn(name, { timeout: timeout as number });
            fn("decimal-string", { timeout: "60" as unknown as number });
        });
        assert.deepEqual(outcomes(report, RULE), invalid.map(([name]) => `violation mandatory ${name}`).sort());
        assert.match(messages(report, RULE, "hex")[0], /timeout "0x3c" is not a valid Lambda timeout; set a whole number of seconds from 1 to 900/);
        assert.match(messages(report, RULE, "fraction")[0], /timeout 0.25 is not a valid Lambda timeout/);
    });
});

