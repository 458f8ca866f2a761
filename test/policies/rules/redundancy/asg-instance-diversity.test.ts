import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes, subnetsIn } from "./fixtures";

const RULE = "asg-instance-diversity";

describe(`${RULE} (through the analyzer)`, () => {
    it("is advisory: flags a single instance type and Spot without capacity rebalancing; passes diverse groups; one advisory when the policy is unknown", async () => {
        const report = await analyze(() => {
            const { subnets } = subnetsIn("net", ["us-east-1a", "us-east-1b"]);
            const lt = new aws.ec2.LaunchTemplate("lt", { imageId: "ami-0fa17000000000001" });
            const spec = { launchTemplateId: lt.id, version: "$Latest" };
            const base = { minSize: 2, maxSize: 4, vpcZoneIdentifiers: subnets.map((s) => s.id) };
            new aws.autoscaling.Group("single-type", { ...base, launchTemplate: { id: lt.id, version: "$Latest" } });
            new aws.autoscaling.Group("diverse", {
                ...base,
                mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: spec, overrides: [{ instanceType: "m6i.large" }, { instanceType: "m5.large" }] } },
            });
            new aws.autoscaling.Group("attribute-based", {
                ...base,
                mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: spec, overrides: [{ instanceRequirements: { vcpuCount: { min: 2 }, memoryMib: { min: 4096 } } }] } },
            });
            new aws.autoscaling.Group("unknown", { ...base, capacityRebalance: true, mixedInstancesPolicy: lt.id.apply(() => ({ launchTemplate: { launchTemplateSpecification: { launchTemplateName: "lt" } } })) });
            new aws.autoscaling.Group("spot-no-rebalance", {
                ...base,
                mixedInstancesPolicy: {
                    instancesDistribution: { onDemandPercentageAboveBaseCapacity: 0 },
                    launchTemplate: { launchTemplateSpecification: spec, overrides: [{ instanceType: "m6i.large" }, { instanceType: "m5.large" }] },
                },
            });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation advisory single-type", "violation advisory spot-no-rebalance"]);
        assert.match(messages(report, RULE, "spot-no-rebalance")[0], /100% Spot capacity without capacityRebalance; set capacityRebalance: true/);
    });
});
