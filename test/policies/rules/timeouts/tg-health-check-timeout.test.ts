import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes } from "../redundancy/fixtures";

const RULE = "tg-health-check-timeout";

describe(`${RULE} (through the analyzer)`, () => {
    it("uses AWS's protocol-specific defaults and flags timeout ≥ interval on both aws.lb and aws.alb tokens; one advisory for an unknown timeout", async () => {
        const report = await analyze(() => {
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
            const http = { port: 80, protocol: "HTTP", vpcId: vpc.id };
            new aws.lb.TargetGroup("defaults", http);
            new aws.lb.TargetGroup("ok", { ...http, healthCheck: { interval: 15, timeout: 5 } });
            new aws.alb.TargetGroup("equal", { ...http, healthCheck: { interval: 30, timeout: 30 } });
            new aws.lb.TargetGroup("short-interval", { ...http, healthCheck: { interval: 5 } });
            new aws.lb.TargetGroup("tcp-ten", { port: 443, protocol: "TCP", vpcId: vpc.id, healthCheck: { protocol: "TCP", interval: 10 } });
            new aws.lb.TargetGroup("lambda-defaults", { targetType: "lambda" });
            new aws.lb.TargetGroup("unknown", { ...http, healthCheck: { interval: 10, timeout: vpc.id.apply(() => 5) } });
            new aws.lb.TargetGroup("disabled", { ...http, healthCheck: { enabled: false, interval: 5, timeout: 10 } });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation mandatory equal", "violation mandatory short-interval", "violation mandatory tcp-ten"]);
        assert.match(messages(report, RULE, "short-interval")[0], /healthCheck\.timeout is 6 s and healthCheck\.interval is 5 s; set timeout below interval/);
        assert.match(messages(report, RULE, "tcp-ten")[0], /timeout is 10 s and healthCheck\.interval is 10 s/);
    });

    it("regression (issue 14 item 1): a declared block without protocol checks over HTTP on any target group, as the provider's Check fills it in before the engine analyzes", async () => {
        const report = await analyze(() => {
            // The provider sends healthCheck.protocol "HTTP" (its schema default) for this TCP group, so
            // AWS's HTTP timeout (6 s) applies, not the TCP one (10 s): the engine sees protocol HTTP.
            new aws.lb.TargetGroup("tcp-block", { port: 443, protocol: "TCP", vpcId: "vpc-1", healthCheck: { interval: 10 } });
            // Without a block nothing is sent and AWS checks a TCP group over TCP: 10 s ≥ 10 s.
            new aws.lb.TargetGroup("tcp-bare", { port: 443, protocol: "TCP", vpcId: "vpc-1" });
        });
        assert.deepEqual(outcomes(report, RULE), []);
        const tight = await analyze(() => {
            new aws.lb.TargetGroup("tcp-block", { port: 443, protocol: "TCP", vpcId: "vpc-1", healthCheck: { interval: 6 } });
        });
        assert.deepEqual(outcomes(tight, RULE), ["violation mandatory tcp-block"]);
        assert.match(messages(tight, RULE, "tcp-block")[0], /healthCheck\.timeout is 6 s and healthCheck\.interval is 6 s/);
    });
});
