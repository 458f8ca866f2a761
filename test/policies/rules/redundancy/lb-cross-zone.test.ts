import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes, subnetsIn } from "./fixtures";

const RULE = "lb-cross-zone";

describe(`${RULE} (through the analyzer)`, () => {
    it("flags NLB and GWLB without cross-zone balancing, passes it on and ignores ALBs; unknown flag gives one advisory", async () => {
        const report = await analyze(() => {
            const { vpc, subnets } = subnetsIn("net", ["us-east-1a", "us-east-1b"]);
            const ids = subnets.map((s) => s.id);
            new aws.lb.LoadBalancer("nlb-off", { loadBalancerType: "network", subnets: ids });
            new aws.lb.LoadBalancer("gwlb-off", { loadBalancerType: "gateway", subnets: ids, enableCrossZoneLoadBalancing: false });
            new aws.alb.LoadBalancer("alb-token-nlb-off", { loadBalancerType: "network", subnets: ids });
            new aws.lb.LoadBalancer("nlb-on", { loadBalancerType: "network", subnets: ids, enableCrossZoneLoadBalancing: true });
            new aws.lb.LoadBalancer("alb", { subnets: ids });
            new aws.lb.LoadBalancer("nlb-unknown", { loadBalancerType: "network", subnets: ids, enableCrossZoneLoadBalancing: vpc.id.apply(() => true) });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory nlb-unknown", "violation mandatory alb-token-nlb-off", "violation mandatory gwlb-off", "violation mandatory nlb-off"]);
        assert.match(messages(report, RULE, "nlb-off")[0], /network load balancer has cross-zone load balancing off .*set enableCrossZoneLoadBalancing: true/);
        assert.match(messages(report, RULE, "nlb-unknown")[0], /^could not evaluate: enableCrossZoneLoadBalancing is unknown/);
    });
});
