import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, fn, messages, outcomes, subnetsIn } from "./fixtures";

const RULE = "lambda-vpc-multi-az";

describe(`${RULE} (through the analyzer)`, () => {
    it("passes two zones and functions outside a VPC, flags one zone, one advisory for subnets from aws.ec2.getSubnets", async () => {
        const report = await analyze(() => {
            const { vpc, subnets: [a, b, a2] } = subnetsIn("net", ["us-east-1a", "us-east-1b", "us-east-1a"]);
            const sg = new aws.ec2.SecurityGroup("fn", { vpcId: vpc.id });
            fn("two-zones", { timeout: 10, vpcConfig: { subnetIds: [a.id, b.id], securityGroupIds: [sg.id] } });
            fn("one-zone", { timeout: 10, vpcConfig: { subnetIds: [a.id, a2.id], securityGroupIds: [sg.id] } });
            fn("no-vpc", { timeout: 10 });
            fn("looked-up", { timeout: 10, vpcConfig: { subnetIds: aws.ec2.getSubnetsOutput({}).ids, securityGroupIds: [sg.id] } });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory looked-up", "violation mandatory one-zone"]);
        assert.match(messages(report, RULE, "one-zone")[0], /vpcConfig\.subnetIds covers 1 availability zone \(us-east-1a\); attach subnets in at least 2/);
    });
});
