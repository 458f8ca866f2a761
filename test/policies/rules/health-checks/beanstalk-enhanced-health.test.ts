import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "beanstalk-enhanced-health";
const NS = "aws:elasticbeanstalk:healthreporting:system";
const stack = "64bit Amazon Linux 2023 v6.1.0 running Node.js 20";

describe(`${RULE} (analyzer)`, () => {
    it("passes enhanced health set on the environment or in its configuration template (name unknown)", async () => {
        const report = await analyzeInline(() => {
            const app = new aws.elasticbeanstalk.Application("app", {});
            new aws.elasticbeanstalk.Environment("direct", { application: app.name, solutionStackName: stack, settings: [{ namespace: NS, name: "SystemType", value: "enhanced" }] });
            const tpl = new aws.elasticbeanstalk.ConfigurationTemplate("tpl", { application: app.name, solutionStackName: stack, settings: [{ namespace: NS, name: "SystemType", value: "enhanced" }] });
            new aws.elasticbeanstalk.Environment("templated", { application: app.name, templateName: tpl.name });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags basic health, explicit or by omission", async () => {
        const report = await analyzeInline(() => {
            const app = new aws.elasticbeanstalk.Application("app", {});
            new aws.elasticbeanstalk.Environment("basic", { application: app.name, solutionStackName: stack, settings: [{ namespace: NS, name: "SystemType", value: "basic" }] });
            new aws.elasticbeanstalk.Environment("unset", { application: app.name, solutionStackName: stack });
        });
        const byName = new Map(violationsOf(report, RULE).map((x) => [x.name, x]));
        assert.deepEqual([...byName.keys()].sort(), ["basic", "unset"]);
        assert.equal(byName.get("basic")!.enforcementLevel, "advisory");
        assert.match(byName.get("basic")!.message, /SystemType is "basic"/);
        assert.match(byName.get("unset")!.message, /SystemType is not set/);
    });

    it("cannot decide for a template managed elsewhere: one could-not-evaluate advisory", async () => {
        const report = await analyzeInline(() => {
            new aws.elasticbeanstalk.Environment("ext", { application: "shop", templateName: "shared-template" });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((x) => x.name), ["ext"]);
    });
});
