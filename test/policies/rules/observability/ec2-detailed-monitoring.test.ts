import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { unknownBoolean } from "./support";
import { analyzeInline as analyzeInlineDefault, notEvaluatedOf, violationsOf, type AnalyzeInlineOptions } from "../../../support/analyze";

/** The rule is opt-in (issue 14): these tests run it under the thorough profile, which turns opt-in rules on. */
function analyzeInline(program: () => unknown, options: AnalyzeInlineOptions = {}) {
    return analyzeInlineDefault(program, { stackTags: { "faultguard:profile": "thorough" }, ...options });
}

const RULE = "ec2-detailed-monitoring";

describe(`${RULE} (analyzer)`, () => {
    it("passes monitored instances and launch templates, flags the defaults (advisory)", async () => {
        const report = await analyzeInline(() => {
            new aws.ec2.Instance("watched", { ami: "ami-123", instanceType: "t3.micro", monitoring: true });
            new aws.ec2.LaunchTemplate("watched-lt", { imageId: "ami-123", monitoring: { enabled: true } });
            new aws.ec2.Instance("basic", { ami: "ami-123", instanceType: "t3.micro" });
            new aws.ec2.LaunchTemplate("basic-lt", { imageId: "ami-123" });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["basic", "advisory"], ["basic-lt", "advisory"]]);
        assert.match(v[0].message, /monitoring is unset .*set monitoring: true/);
        assert.match(v[1].message, /monitoring.enabled is unset .*set monitoring: \{ enabled: true \}/);
    });

    it("is disabled in development", async () => {
        const report = await analyzeInline(() => new aws.ec2.Instance("basic", { ami: "ami-123", instanceType: "t3.micro" }), { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("reports one could-not-evaluate advisory when monitoring is computed; an AMI computed in preview does not matter", async () => {
        const report = await analyzeInline(() => {
            new aws.ec2.LaunchTemplate("computed", { imageId: "ami-123", monitoring: { enabled: unknownBoolean("q") } });
            new aws.ec2.Instance("watched", { ami: unknownBoolean("q2").apply(() => "ami-456"), instanceType: "t3.micro", monitoring: true });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((x) => x.name), ["computed"]);
    });
});
