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
    new aws.lb.LoadBalancer("unknown", { subnets: ids, idleTimeout: subnets[0].id.apply(() => 30) });
    new aws.lb.LoadBalancer("nlb", { loadBalancerType: "network", subnets: ids, enableCrossZoneLoadBalancing: true });
}

describe(`${RULE} (through the analyzer)`, () => {
    it("flags an unset idle timeout, passes explicit values including 60 s, ignores NLBs; one advisory for an unknown value", async () => {
        const report = await analyze(program);
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation mandatory unset"]);
        assert.match(messages(report, RULE, "unset")[0], /idleTimeout is unset; set idleTimeout explicitly/);
    });

    it("with rejectDefault (for the engine, which fills 60 into an absent idleTimeout) also flags 60 s", async () => {
        const report = await analyze(program, { policyConfig: { [RULE]: { rejectDefault: true } } });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation mandatory default-60", "violation mandatory unset"]);
        assert.match(messages(report, RULE, "default-60")[0], /idleTimeout is the 60 s default, which this pack's config \(rejectDefault\) does not accept/);
    });
});
