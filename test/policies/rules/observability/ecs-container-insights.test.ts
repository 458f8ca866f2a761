import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { unknownBoolean } from "./support";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "ecs-container-insights";

describe(`${RULE} (analyzer)`, () => {
    it("passes enabled and enhanced, flags disabled and unset (advisory)", async () => {
        const report = await analyzeInline(() => {
            new aws.ecs.Cluster("enabled", { settings: [{ name: "containerInsights", value: "enabled" }] });
            new aws.ecs.Cluster("enhanced", { settings: [{ name: "containerInsights", value: "enhanced" }] });
            new aws.ecs.Cluster("disabled", { settings: [{ name: "containerInsights", value: "disabled" }] });
            new aws.ecs.Cluster("unset", {});
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["disabled", "advisory"], ["unset", "advisory"]]);
        assert.match(v[0].message, /containerInsights is "disabled"/);
        assert.match(v[1].message, /not set, so the account default applies/);
    });

    it("accepts an unset cluster when the stack turns Container Insights on as the account default", async () => {
        const report = await analyzeInline(() => {
            new aws.ecs.AccountSettingDefault("insights", { name: "containerInsights", value: "enhanced" });
            new aws.ecs.Cluster("unset", {});
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("is disabled in development", async () => {
        const report = await analyzeInline(() => new aws.ecs.Cluster("unset", {}), { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("reports one could-not-evaluate advisory when the setting's value is computed", async () => {
        const report = await analyzeInline(() => {
            new aws.ecs.Cluster("computed", { settings: [{ name: "containerInsights", value: unknownBoolean("q").apply((b) => (b ? "enabled" : "disabled")) }] });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((x) => x.name), ["computed"]);
    });
});
