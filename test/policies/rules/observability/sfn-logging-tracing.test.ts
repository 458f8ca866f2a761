import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "sfn-logging-tracing";
const definition = JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Succeed" } } });
const roleArn = "arn:aws:iam::123456789012:role/sfn";

describe(`${RULE} (analyzer)`, () => {
    it("passes ERROR logging to a log group created alongside (ARN unknown) with tracing", async () => {
        const report = await analyzeInline(() => {
            const logs = new aws.cloudwatch.LogGroup("sfn", { retentionInDays: 30 });
            new aws.sfn.StateMachine("ok", {
                definition,
                roleArn,
                loggingConfiguration: { level: "ERROR", includeExecutionData: true, logDestination: pulumi.interpolate`${logs.arn}:*` },
                tracingConfiguration: { enabled: true },
            });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags an EXPRESS machine with no logging and no tracing, naming both fixes", async () => {
        const report = await analyzeInline(() => {
            new aws.sfn.StateMachine("bare", { definition, roleArn, type: "EXPRESS" });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.message.localeCompare(b.message));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["bare", "advisory"], ["bare", "advisory"]]);
        assert.match(v[0].message, /loggingConfiguration.level is unset \(OFF\) \(for an EXPRESS workflow the logs are its only execution history\)/);
        assert.match(v[1].message, /tracingConfiguration.enabled is not true/);
    });

    it("applies minLevel and requireExecutionData from policy config; flags a level without destination", async () => {
        const report = await analyzeInline(
            () => {
                new aws.sfn.StateMachine("fatal", { definition, roleArn, loggingConfiguration: { level: "FATAL", logDestination: "arn:aws:logs:eu-west-1:1:log-group:x:*" }, tracingConfiguration: { enabled: true } });
                new aws.sfn.StateMachine("nodata", { definition, roleArn, loggingConfiguration: { level: "ALL", logDestination: "arn:aws:logs:eu-west-1:1:log-group:y:*" }, tracingConfiguration: { enabled: true } });
                new aws.sfn.StateMachine("nodest", { definition, roleArn, loggingConfiguration: { level: "ALL", includeExecutionData: true }, tracingConfiguration: { enabled: true } });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "advisory", minLevel: "ERROR", requireExecutionData: true } } },
        );
        const byName = new Map(violationsOf(report, RULE).map((x) => [x.name, x.message]));
        assert.deepEqual([...byName.keys()].sort(), ["fatal", "nodata", "nodest"]);
        assert.match(byName.get("fatal")!, /level is "FATAL"; set loggingConfiguration: \{ level: "ERROR"/);
        assert.match(byName.get("nodata")!, /includeExecutionData is not true/);
        assert.match(byName.get("nodest")!, /logDestination is not set/);
    });
});
