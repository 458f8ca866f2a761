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
            new aws.lb.TargetGroup("tcp-ten", { port: 443, protocol: "TCP", vpcId: vpc.id, healthCheck: { interval: 10 } });
            new aws.lb.TargetGroup("lambda-defaults", { targetType: "lambda" });
            new aws.lb.TargetGroup("unknown", { ...http, healthCheck: { interval: 10, timeout: vpc.id.apply(() => 5) } });
            new aws.lb.TargetGroup("disabled", { ...http, healthCheck: { enabled: false, interval: 5, timeout: 10 } });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation mandatory equal", "violation mandatory short-interval", "violation mandatory tcp-ten"]);
        assert.match(messages(report, RULE, "short-interval")[0], /healthCheck\.timeout is 6 s and healthCheck\.interval is 5 s; set timeout below interval/);
        assert.match(messages(report, RULE, "tcp-ten")[0], /timeout is 10 s and healthCheck\.interval is 10 s/);
    });
});
