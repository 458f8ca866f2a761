// The framework end to end: the real faultguard-aws pack process, configured the way the engine
// configures it, judging programs captured in preview mode. (The per-rule tests serve the same pack
// in-process; these cases keep the process and gRPC boundary covered.)
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "node:assert";
import { analyzeInline as analyzeAnyhow, type AnalyzeInlineOptions, exemptedOf, notEvaluatedOf, sharedPack, violationsOf } from "../../support/analyze";

function lambda(name: string, args: Partial<aws.lambda.FunctionArgs> = {}, tags?: Record<string, string>) {
    const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });
    return new aws.lambda.Function(name, { role: role.arn, runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}), tags, ...args });
}

/** Through a pack process over gRPC, as `faultguard preview` runs the pack. */
const analyzeInline = (program: () => unknown, options: AnalyzeInlineOptions = {}) => analyzeAnyhow(program, { ...options, inProcess: false });

describe("policies framework through the analyzer", () => {
    before(async function () {
        // The pack process starts once (from TypeScript sources when bin/ is stale): not a test's time.
        this.timeout(240_000);
        await sharedPack();
    });

    it("reports a resource rule's violation at its level, under its own policy name", async () => {
        const report = await analyzeInline(() => {
            lambda("no-timeout");
            lambda("with-timeout", { timeout: 30 });
        });
        const v = violationsOf(report, "lambda-timeout");
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["no-timeout", "mandatory"]]);
        assert.match(v[0].message, /set timeout explicitly/);
        assert.equal(v[0].policyPack, "faultguard-aws");
    });

    it("takes rule properties and enforcement levels from the policy config", async () => {
        const report = await analyzeInline(() => lambda("slow", { timeout: 600 }), {
            policyConfig: { "lambda-timeout": { enforcementLevel: "advisory", maxSeconds: 300 } },
        });
        const v = violationsOf(report, "lambda-timeout");
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["slow", "advisory"]]);
        assert.match(v[0].message, /at most 300 s/);
    });

    it("switches to the development profile through the stack config key and through the stack tag", async () => {
        const program = () => {
            new aws.autoscaling.Group("single", { minSize: 1, maxSize: 2, availabilityZones: ["us-east-1a"] });
        };
        const prod = violationsOf(await analyzeInline(program), "asg-multi-az");
        assert.ok(prod.length > 0 && prod.every((x) => x.enforcementLevel === "mandatory"));
        const viaConfig = violationsOf(await analyzeInline(program, { config: { "faultguard:profile": "development" } }), "asg-multi-az");
        assert.ok(viaConfig.length > 0 && viaConfig.every((x) => x.enforcementLevel === "advisory"));
        const viaTag = violationsOf(await analyzeInline(program, { stackTags: { "faultguard:profile": "development" } }), "asg-multi-az");
        assert.ok(viaTag.length > 0 && viaTag.every((x) => x.enforcementLevel === "advisory"));
    });

    it("lists exempted findings instead of dropping them, and revives expired exemptions", async () => {
        const report = await analyzeInline(() => {
            lambda("legacy", {}, { "faultguard:exempt:lambda-timeout": "vendor code, replaced in Q1 expires=2099-01-01" });
            lambda("stale", {}, { "faultguard:exempt:lambda-timeout": "was temporary expires=2020-01-01" });
        });
        const ex = exemptedOf(report, "lambda-timeout");
        assert.deepEqual(ex.map((x) => x.name), ["legacy"]);
        assert.match(ex[0].message, /vendor code, replaced in Q1/);
        const v = violationsOf(report, "lambda-timeout");
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["stale", "mandatory"]]);
        assert.match(v[0].message, /exemption expired on 2020-01-01/);
    });

    it("exempts by pattern through the settings policy", async () => {
        const report = await analyzeInline(() => lambda("batch-import"), {
            policyConfig: { "faultguard-settings": { exemptions: [{ rule: "lambda-*", resource: "batch-*", reason: "runs under Step Functions timeouts" }] } },
        });
        assert.equal(violationsOf(report, "lambda-timeout").length, 0);
        assert.deepEqual(exemptedOf(report, "lambda-timeout").map((x) => x.name), ["batch-import"]);
    });

    it("decides a cross-resource rule when every ID is unknown, through propertyDependencies", async () => {
        const report = await analyzeInline(() => {
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
            const a = new aws.ec2.Subnet("a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a" });
            const b = new aws.ec2.Subnet("b", { vpcId: vpc.id, cidrBlock: "10.0.2.0/24", availabilityZone: "us-east-1a" });
            new aws.autoscaling.Group("same-zone", { minSize: 2, maxSize: 4, vpcZoneIdentifiers: [a.id, b.id] });
        });
        const v = violationsOf(report, "asg-multi-az");
        assert.deepEqual(v.map((x) => x.name), ["same-zone"]);
        assert.match(v[0].message, /1 availability zone \(us-east-1a\)/);
        assert.equal(notEvaluatedOf(report, "asg-multi-az").length, 0);
    });

    it("judges a remote awsx component offline by the inputs it was given", async () => {
        const report = await analyzeInline(() => {
            const one = new awsx.ec2.Vpc("one-az", { numberOfAvailabilityZones: 1 });
            const three = new awsx.ec2.Vpc("three-az", {});
            new aws.autoscaling.Group("on-one", { minSize: 2, maxSize: 4, vpcZoneIdentifiers: one.privateSubnetIds });
            new aws.autoscaling.Group("on-three", { minSize: 3, maxSize: 6, vpcZoneIdentifiers: three.privateSubnetIds });
        });
        assert.deepEqual(violationsOf(report, "asg-multi-az").map((x) => x.name), ["on-one"]);
        assert.deepEqual(report.opaqueComponents.map((c) => c.name).sort(), ["one-az", "three-az"]);
    });
});
