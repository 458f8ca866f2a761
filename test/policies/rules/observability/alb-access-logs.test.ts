import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline as analyzeInlineDefault, violationsOf, type AnalyzeInlineOptions } from "../../../support/analyze";

/** The rule is opt-in (issue 14): these tests run it under the thorough profile, which turns opt-in rules on. */
function analyzeInline(program: () => unknown, options: AnalyzeInlineOptions = {}) {
    return analyzeInlineDefault(program, { stackTags: { "faultguard:profile": "thorough" }, ...options });
}

const RULE = "alb-access-logs";
const subnets = ["subnet-a", "subnet-b"];

describe(`${RULE} (analyzer)`, () => {
    it("passes enabled logs to a bucket created alongside (name unknown); flags none, and a bucket without enabled: true", async () => {
        const report = await analyzeInline(() => {
            const logs = new aws.s3.Bucket("logs", {});
            new aws.lb.LoadBalancer("logged", { subnets, accessLogs: { bucket: logs.id, enabled: true } });
            new aws.alb.LoadBalancer("silent", { subnets });
            new aws.lb.LoadBalancer("half", { subnets, accessLogs: { bucket: logs.id } });
            new aws.lb.LoadBalancer("gwlb", { loadBalancerType: "gateway", subnets });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.type, x.enforcementLevel]), [
            ["half", "aws:lb/loadBalancer:LoadBalancer", "advisory"],
            ["silent", "aws:alb/loadBalancer:LoadBalancer", "advisory"],
        ]);
        assert.match(v[0].message, /defaults to false even with a bucket/);
        assert.match(v[1].message, /access logs are not configured/);
    });
});
