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
    it("is opt-in: nothing is reported by default", async () => {
        assert.deepEqual(outcomes(await analyze(program), RULE), []);
    });

    it("regression (issue 14 item 1): an absent idle timeout is the provider's 60 s, not a finding", async () => {
        const report = await analyze(program, { stackTags: { "faultguard:profile": "thorough" } });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown"]);
    });

    it("with maxSeconds, judges explicit and default values alike, ignores NLBs; one advisory for an unknown value", async () => {
        const report = await analyze(program, { policyConfig: { [RULE]: { enforcementLevel: "mandatory", maxSeconds: 45 } } });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation mandatory default-60", "violation mandatory unset"]);
        assert.match(messages(report, RULE, "unset")[0], /idleTimeout is 60 s; keep it at most 45 s/, "the provider's default was filled in, as under the engine");
    });
});
