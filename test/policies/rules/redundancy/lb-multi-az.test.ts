import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type Report } from "../../../../preview/src/report/model";
import { analyze, messages, outcomes, subnetsIn } from "./fixtures";

const RULE = "lb-multi-az";

describe(`${RULE} (through the analyzer)`, () => {
    let report: Report;
    before(async () => {
        report = await analyze(
            () => {
                const { subnets: [a, b, a2] } = subnetsIn("net", ["us-east-1a", "us-east-1b", "us-east-1a"]);
                new aws.lb.LoadBalancer("two-zones", { subnets: [a.id, b.id] });
                new aws.alb.LoadBalancer("alb-token-one-zone", { subnets: [a.id, a2.id] });
                new aws.lb.LoadBalancer("mapped", { loadBalancerType: "network", enableCrossZoneLoadBalancing: true, subnetMappings: [{ subnetId: a.id }, { subnetId: b.id }] });
                new aws.lb.LoadBalancer("mapped-one", { loadBalancerType: "network", enableCrossZoneLoadBalancing: true, subnetMappings: [{ subnetId: a2.id }] });
                new aws.lb.LoadBalancer("from-config", { subnets: new pulumi.Config().requireObject<string[]>("publicSubnetIds") });
            },
            { config: { publicSubnetIds: JSON.stringify(["subnet-0pub1", "subnet-0pub2"]) } },
        );
    });

    it("flags one-zone subnets (aws.alb token too) and one-zone subnet mappings; passes two zones; one advisory for subnets from config", () => {
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory from-config", "violation mandatory alb-token-one-zone", "violation mandatory mapped-one"]);
        assert.match(messages(report, RULE, "alb-token-one-zone")[0], /subnets covers 1 availability zone \(us-east-1a\); attach subnets in at least 2 availability zones/);
        assert.match(messages(report, RULE, "mapped-one")[0], /subnetMappings covers 1 availability zone/);
        assert.match(messages(report, RULE, "from-config")[0], /subnet-0pub1, subnet-0pub2 are not managed in this stack/);
    });

    it("is advisory in the development profile", async () => {
        const r = await analyze(() => {
            const { subnets } = subnetsIn("net", ["us-east-1a"]);
            new aws.lb.LoadBalancer("solo", { subnets: subnets.map((s) => s.id) });
        }, { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(outcomes(r, RULE), ["violation advisory solo"]);
    });
});
