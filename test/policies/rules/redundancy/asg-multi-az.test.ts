import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { type Report } from "../../../../preview/src/report/model";
import { analyze, messages, outcomes, subnetsIn } from "./fixtures";

const RULE = "asg-multi-az";
const lt = () => new aws.ec2.LaunchTemplate("lt", { imageId: "ami-0fa17000000000001", instanceType: "t3.micro" });
const group = (name: string, args: Partial<aws.autoscaling.GroupArgs>, template: aws.ec2.LaunchTemplate) =>
    new aws.autoscaling.Group(name, { maxSize: 4, minSize: 2, launchTemplate: { id: template.id, version: "$Latest" }, ...args });

describe(`${RULE} (through the analyzer)`, () => {
    let report: Report;
    before(async () => {
        report = await analyze(() => {
            const template = lt();
            const { subnets } = subnetsIn("net", ["us-east-1a", "us-east-1b"]);
            const { subnets: oneZone } = subnetsIn("one", ["us-east-1a", "us-east-1a"]);
            const { subnets: unpinned } = subnetsIn("free", ["us-east-1a", undefined]);
            group("two-zones", { vpcZoneIdentifiers: subnets.map((s) => s.id) }, template);
            group("same-zone", { vpcZoneIdentifiers: oneZone.map((s) => s.id) }, template);
            group("one-subnet", { vpcZoneIdentifiers: [subnets[0].id] }, template);
            group("min-one", { minSize: 1, vpcZoneIdentifiers: subnets.map((s) => s.id) }, template);
            group("az-names", { availabilityZones: ["us-east-1a", "us-east-1b"] }, template);
            group("az-name", { availabilityZones: ["us-east-1a"] }, template);
            group("zone-unset", { vpcZoneIdentifiers: unpinned.map((s) => s.id) }, template);
        });
    });

    it("passes a group on subnets in two zones, or with availabilityZones in two zones", () => {
        const names = outcomes(report, RULE).join("\n");
        assert.doesNotMatch(names, / two-zones$/m);
        assert.doesNotMatch(names, / az-names$/m);
    });

    it("flags subnets in one zone, a single subnet, a single listed zone and minSize below the zone count (first preview: subnet IDs unknown)", () => {
        assert.deepEqual(outcomes(report, RULE), [
            "not-evaluated advisory zone-unset",
            "violation mandatory az-name",
            "violation mandatory min-one",
            "violation mandatory one-subnet",
            "violation mandatory same-zone",
        ]);
        assert.match(messages(report, RULE, "same-zone")[0], /vpcZoneIdentifiers covers 1 availability zone \(us-east-1a\); give the group subnets in at least 2/);
        assert.match(messages(report, RULE, "min-one")[0], /minSize is 1; set minSize to at least 2/);
        assert.match(messages(report, RULE, "az-name")[0], /availabilityZones lists 1 zone \(us-east-1a\)/);
    });

    it("reports one advisory when a subnet's zone is left for AWS to pick", () => {
        assert.match(messages(report, RULE, "zone-unset")[0], /^could not evaluate: vpcZoneIdentifiers .*availability zone of free-1/);
    });

    it("honours minAzs from the policy config", async () => {
        const r = await analyze(
            () => {
                const { subnets } = subnetsIn("net", ["us-east-1a", "us-east-1b"]);
                group("two-zones", { minSize: 3, vpcZoneIdentifiers: subnets.map((s) => s.id) }, lt());
            },
            { policyConfig: { [RULE]: { minAzs: 3 } } },
        );
        assert.deepEqual(outcomes(r, RULE), ["violation mandatory two-zones"]);
        assert.match(messages(r, RULE, "two-zones")[0], /covers 2 availability zones \(us-east-1a, us-east-1b\); give the group subnets in at least 3/);
    });

    it("is advisory in the development profile", async () => {
        const r = await analyze(() => group("solo", { minSize: 1, availabilityZones: ["us-east-1a"] }, lt()), { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(outcomes(r, RULE), ["violation advisory solo", "violation advisory solo"]);
    });

    describe("known false positives", () => {
        let fp: Report;
        before(async () => {
            fp = await analyze(
                () => {
                    const template = lt();
                    const config = new pulumi.Config();
                    group("from-config", { vpcZoneIdentifiers: config.requireObject<string[]>("subnetIds") }, template);
                    group("from-awsx", { vpcZoneIdentifiers: new awsx.ec2.Vpc("network", {}).privateSubnetIds }, template);
                    group("from-lookup", { vpcZoneIdentifiers: aws.ec2.getSubnetsOutput({ filters: [{ name: "default-for-az", values: ["true"] }] }).ids }, template);
                },
                { config: { subnetIds: JSON.stringify(["subnet-0aaa", "subnet-0bbb"]) } },
            );
        });

        it("subnets from config (external IDs): one advisory, no violation", () => {
            assert.deepEqual(outcomes(fp, RULE).filter((o) => o.endsWith("from-config")), ["not-evaluated advisory from-config"]);
            assert.match(messages(fp, RULE, "from-config")[0], /subnet-0aaa, subnet-0bbb are not managed in this stack/);
        });

        it("subnets from an awsx VPC (opaque component, default 3 zones): no violation, no advisory", () => {
            assert.deepEqual(outcomes(fp, RULE).filter((o) => o.endsWith("from-awsx")), []);
        });

        it("subnets from aws.ec2.getSubnets (answer without zones): one advisory, no violation", () => {
            assert.deepEqual(outcomes(fp, RULE).filter((o) => o.endsWith("from-lookup")), ["not-evaluated advisory from-lookup"]);
        });
    });
});
