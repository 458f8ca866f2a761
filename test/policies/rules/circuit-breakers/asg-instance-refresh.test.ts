import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "asg-instance-refresh";

function group(instanceRefresh?: aws.types.input.autoscaling.GroupInstanceRefresh): () => void {
    return () => {
        const template = new aws.ec2.LaunchTemplate("web", { imageId: "ami-12345678", instanceType: "t3.micro" });
        new aws.autoscaling.Group("web", {
            minSize: 2,
            maxSize: 4,
            availabilityZones: ["eu-west-1a", "eu-west-1b"],
            launchTemplate: { id: template.id, version: "$Latest" },
            instanceRefresh,
        });
    };
}

describe(RULE, () => {
    it("passes a launch-template group with a rolling refresh and autoRollback (template ID unknown in preview)", async () => {
        const report = await analyzeInline(group({ strategy: "Rolling", preferences: { minHealthyPercentage: 90, autoRollback: true } }));
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags a group without instanceRefresh, advisory", async () => {
        const report = await analyzeInline(group());
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel]), [["web", "advisory"]]);
        assert.match(violationsOf(report, RULE)[0].message, /instanceRefresh is unset/);
    });

    it("flags a refresh without autoRollback", async () => {
        const report = await analyzeInline(group({ strategy: "Rolling", preferences: { minHealthyPercentage: 90 } }));
        assert.match(violationsOf(report, RULE)[0].message, /instanceRefresh\.preferences\.autoRollback is unset/);
    });

    it("checks mixed-instances groups and ignores groups without a launch template", async () => {
        const report = await analyzeInline(() => {
            const template = new aws.ec2.LaunchTemplate("t", { imageId: "ami-12345678" });
            new aws.autoscaling.Group("mixed", {
                minSize: 2,
                maxSize: 4,
                availabilityZones: ["eu-west-1a", "eu-west-1b"],
                mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateId: template.id } } },
            });
            new aws.autoscaling.Group("legacy", { minSize: 2, maxSize: 4, availabilityZones: ["eu-west-1a", "eu-west-1b"], launchConfiguration: "legacy-lc" });
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => v.name), ["mixed"]);
    });
});
