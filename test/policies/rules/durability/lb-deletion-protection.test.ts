import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline as analyzeInlineDefault, notEvaluatedOf, violationsOf, type AnalyzeInlineOptions } from "../../../support/analyze";

/** The rule is opt-in (issue 14): these tests run it under the thorough profile, which turns opt-in rules on. */
function analyzeInline(program: () => unknown, options: AnalyzeInlineOptions = {}) {
    return analyzeInlineDefault(program, { stackTags: { "faultguard:profile": "thorough" }, ...options });
}

const RULE = "lb-deletion-protection";

describe(`${RULE} (analyzer)`, () => {
    it("passes protected load balancers and flags unprotected ones on both tokens in production (advisory)", async () => {
        const report = await analyzeInline(() => {
            new aws.lb.LoadBalancer("ok", { subnets: ["subnet-a", "subnet-b"], enableDeletionProtection: true });
            new aws.lb.LoadBalancer("lb", { subnets: ["subnet-a", "subnet-b"] });
            new aws.alb.LoadBalancer("alb", { subnets: ["subnet-a", "subnet-b"], enableDeletionProtection: false });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.type, x.enforcementLevel]), [
            ["alb", "aws:alb/loadBalancer:LoadBalancer", "advisory"],
            ["lb", "aws:lb/loadBalancer:LoadBalancer", "advisory"],
        ]);
        assert.match(v[0].message, /set enableDeletionProtection: true/);
    });

    it("is disabled in the development profile", async () => {
        const report = await analyzeInline(() => new aws.lb.LoadBalancer("lb", { subnets: ["subnet-a", "subnet-b"] }), { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("reports one could-not-evaluate advisory when the flag is computed", async () => {
        const report = await analyzeInline(() => {
            const q = new aws.sqs.Queue("q", {});
            new aws.lb.LoadBalancer("computed", { subnets: ["subnet-a", "subnet-b"], enableDeletionProtection: q.arn.apply((arn) => arn.length > 0) });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((x) => x.name), ["computed"]);
    });
});
