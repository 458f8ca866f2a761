import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "tg-health-check-explicit";

describe(`${RULE} (analyzer)`, () => {
    it("passes explicit HTTP checks on both the aws.lb and aws.alb tokens, and NLB TCP groups without a block", async () => {
        const report = await analyzeInline(() => {
            new aws.lb.TargetGroup("lb-ok", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { path: "/health", matcher: "200", healthyThreshold: 3, unhealthyThreshold: 2, interval: 15 } });
            new aws.alb.TargetGroup("alb-ok", { port: 443, protocol: "HTTPS", vpcId: "vpc-1", healthCheck: { path: "/ready", matcher: "200-299" } });
            new aws.lb.TargetGroup("nlb-tcp", { port: 5432, protocol: "TCP", vpcId: "vpc-1" });
            new aws.lb.TargetGroup("fn", { targetType: "lambda" });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("regression (issue 14 item 5): the default check, a declared block left at path \"/\", and \"/\" as the app's health route all pass", async () => {
        const report = await analyzeInline(() => {
            new aws.lb.TargetGroup("bare", { port: 80, protocol: "HTTP", vpcId: "vpc-1" });
            new aws.alb.TargetGroup("half", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { interval: 10, unhealthyThreshold: 2 } });
            new aws.lb.TargetGroup("root-route", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { path: "/", matcher: "200" } });
            new aws.lb.TargetGroup("tcp-http", { port: 80, protocol: "TCP", vpcId: "vpc-1", healthCheck: { protocol: "HTTP" } });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags disabled checks and slow failure detection (advisory)", async () => {
        const report = await analyzeInline(() => {
            new aws.lb.TargetGroup("off", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { enabled: false } });
            new aws.alb.TargetGroup("slow", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { interval: 60, unhealthyThreshold: 10 } });
        });
        const found = violationsOf(report, RULE);
        const byName = new Map(found.map((x) => [x.name, x.message]));
        assert.deepEqual([...byName.keys()].sort(), ["off", "slow"]);
        assert.deepEqual([...new Set(found.map((x) => x.enforcementLevel))], ["advisory"]);
        assert.match(byName.get("off")!, /healthCheck.enabled is false/);
        assert.match(byName.get("slow")!, /up to 600 s .*within 150 s/);
    });

    it("regression (issue 14 item 1): a declared block is timed with the provider's defaults (3 × 30 s) the engine sees after Check, a target group without one with AWS's (2 × 30 s)", async () => {
        const report = await analyzeInline(
            () => {
                new aws.lb.TargetGroup("bare", { port: 80, protocol: "HTTP", vpcId: "vpc-1" });
                new aws.lb.TargetGroup("path-only", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { path: "/health" } });
                new aws.alb.TargetGroup("faster", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { path: "/health", interval: 20 } });
                new aws.lb.TargetGroup("geneve", { port: 6081, protocol: "GENEVE", vpcId: "vpc-1" });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "advisory", maxDetectionSeconds: 60 } } },
        );
        const found = violationsOf(report, RULE);
        assert.deepEqual(found.map((x) => x.name), ["path-only"]);
        assert.match(found[0].message, /up to 90 s \(unhealthyThreshold 3 × interval 30 s\)/);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
        const tight = await analyzeInline(
            () => {
                new aws.lb.TargetGroup("bare", { port: 80, protocol: "HTTP", vpcId: "vpc-1" });
                new aws.lb.TargetGroup("geneve", { port: 6081, protocol: "GENEVE", vpcId: "vpc-1" });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "advisory", maxDetectionSeconds: 30 } } },
        );
        assert.deepEqual(violationsOf(tight, RULE).map((x) => x.message.match(/up to .*?\)/)?.[0]), ["up to 60 s (unhealthyThreshold 2 × interval 30 s (AWS's defaults: no healthCheck block is declared)"]);
    });

    it("an unknown interval or threshold inside a declared block is not taken for its default", async () => {
        const report = await analyzeInline(() => {
            const q = new aws.sqs.Queue("q", {});
            new aws.lb.TargetGroup("computed-interval", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { path: "/h", interval: q.arn.apply((a) => a.length) } });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((x) => x.name), ["computed-interval"]);
    });

    it("honours maxDetectionSeconds from policy config", async () => {
        const report = await analyzeInline(
            () => {
                new aws.lb.TargetGroup("slow", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { path: "/h", matcher: "200", interval: 60, unhealthyThreshold: 10 } });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "advisory", maxDetectionSeconds: 600 } } },
        );
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("counts a path computed in preview as set, and reports a wholly unknown healthCheck once", async () => {
        const report = await analyzeInline(() => {
            const q = new aws.sqs.Queue("q", {});
            new aws.lb.TargetGroup("computed-path", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { path: q.name.apply((n) => `/health/${n}`), matcher: "200" } });
            new aws.lb.TargetGroup("computed-block", { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: q.arn.apply((arn) => ({ path: `/${arn.length}`, matcher: "200" })) });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((x) => x.name), ["computed-block"]);
    });
});
