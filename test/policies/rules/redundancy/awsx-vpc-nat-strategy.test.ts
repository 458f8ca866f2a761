import * as assert from "node:assert/strict";
import * as awsx from "@pulumi/awsx";
import { analyze, messages, outcomes } from "./fixtures";

const RULE = "awsx-vpc-nat-strategy";

describe(`${RULE} (through the analyzer)`, () => {
    it("flags Single and None when private subnets exist (awsx creates them by default); passes OnePerAz and VPCs without private subnets (the strategy is a plain input: never unknown)", async () => {
        const report = await analyze(() => {
            new awsx.ec2.Vpc("default", {});
            new awsx.ec2.Vpc("one-per-az", { natGateways: { strategy: awsx.ec2.NatGatewayStrategy.OnePerAz } });
            new awsx.ec2.Vpc("single", { natGateways: { strategy: awsx.ec2.NatGatewayStrategy.Single } });
            new awsx.ec2.Vpc("none", { natGateways: { strategy: awsx.ec2.NatGatewayStrategy.None } });
            new awsx.ec2.Vpc("single-public-only", {
                natGateways: { strategy: awsx.ec2.NatGatewayStrategy.Single },
                subnetSpecs: [{ type: awsx.ec2.SubnetType.Public }, { type: awsx.ec2.SubnetType.Isolated }],
            });
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory none", "violation mandatory single"]);
        assert.match(messages(report, RULE, "single")[0], /natGateways\.strategy is Single but the VPC has private subnets; set natGateways: \{ strategy: "OnePerAz" \}/);
        assert.match(messages(report, RULE, "none")[0], /make those subnets Isolated/);
    });
});
