// Opt-in rules (issue 14, "debatable at volume"): rules a reviewer would not act on in most stacks
// report nothing unless the thorough profile or a configured level turns them on.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { effectiveLevel, profileLevel } from "../../policies/lib/pack";
import { shownByDefault } from "../../policies/lib/rule";
import { allRules } from "../../policies/rules";
import { analyzeInline } from "../support/analyze";
import { fn } from "./rules/redundancy/fixtures";

const OPT_IN = ["lambda-structured-logs", "lambda-reserved-concurrency", "alb-access-logs", "lb-deletion-protection", "ec2-detailed-monitoring", "lambda-tracing", "s3-replication"];

describe("policies: opt-in rules", () => {
    it("the rules the review found debatable at volume are opt-in", () => {
        const optIn = new Set(allRules.filter((r) => !shownByDefault(r)).map((r) => r.id));
        for (const id of OPT_IN) assert.ok(optIn.has(id), `${id} should be opt-in`);
    });

    it("an opt-in rule is disabled in production and development, at its level under thorough, and at any configured level", () => {
        for (const rule of allRules.filter((r) => !shownByDefault(r))) {
            assert.equal(profileLevel(rule, "production"), "disabled", rule.id);
            assert.equal(profileLevel(rule, "development"), "disabled", rule.id);
            assert.equal(profileLevel(rule, "thorough"), rule.enforcement.production, rule.id);
            assert.equal(effectiveLevel(rule, undefined, "thorough"), rule.enforcement.production, rule.id);
            assert.equal(effectiveLevel(rule, "advisory", "production"), "advisory", rule.id);
            // Under thorough the pack advertises the rule's level, so a configured "disabled" is the user's.
            assert.equal(effectiveLevel(rule, "disabled", "thorough"), "disabled", rule.id);
        }
        for (const rule of allRules.filter((r) => shownByDefault(r))) {
            assert.equal(effectiveLevel(rule, rule.enforcement.production, "thorough"), rule.enforcement.production, rule.id);
        }
    });

    it("regression: a single event-triggered function without tracing, JSON logs or reserved concurrency gets none of those advisories by default", async () => {
        const program = () => {
            fn("resize", { timeout: 30 });
            new aws.s3.Bucket("trash", {});
        };
        const report = await analyzeInline(program);
        assert.deepEqual(report.violations.filter((v) => OPT_IN.includes(v.policy)).map((v) => v.policy), []);
        const thorough = await analyzeInline(program, { stackTags: { "faultguard:profile": "thorough" } });
        const policies = new Set(thorough.violations.map((v) => v.policy));
        for (const id of ["lambda-structured-logs", "lambda-reserved-concurrency", "lambda-tracing", "s3-replication"]) assert.ok(policies.has(id), `${id} runs under thorough`);
        const one = await analyzeInline(program, { policyConfig: { "lambda-tracing": "advisory" } });
        assert.deepEqual([...new Set(one.violations.filter((v) => OPT_IN.includes(v.policy)).map((v) => v.policy))], ["lambda-tracing"]);
    });
});
