import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes, subnetsIn } from "../redundancy/fixtures";

const RULE = "alb-idle-timeout";

function program(): void {
    const { subnets } = subnetsIn("net", ["us-east-1a", "us-east-1b"]);
    const ids = subnets.map((s) => s.id);
    new aws.lb.LoadBalancer("unset", { subnets: ids });
    new aws.alb.LoadBalancer("default-60", { subnets: ids, idleTimeout: 60 });
    new aws.lb.LoadBalancer("chosen", { subnets: ids, idleTimeout: 30 });
    new aws.lb.LoadBalancer("nlb", { loadBalancerType: "network", subnets: ids, enableCrossZoneLoadBalancing: true });
}

describe(`${RULE} (through the analyzer)`, () => {
    it("flags an unset idle timeout and the 60 s default (indistinguishable once the engine fills it in), passes a chosen value, ignores NLBs", async () => {
        const report = await analyze(program);
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory default-60", "violation mandatory unset"]);
        assert.match(messages(report, RULE, "unset")[0], /idleTimeout is unset; set idleTimeout explicitly/);
    });

    it("accepts 60 s with allowDefault", async () => {
        const report = await analyze(program, { policyConfig: { [RULE]: { allowDefault: true } } });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory unset"]);
    });
});
