import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";
import { unknownBoolean } from "./support";

const RULE = "log-group-retention";

describe(`${RULE} (analyzer)`, () => {
    it("passes a set retention, flags unset and 0 (never expire)", async () => {
        const report = await analyzeInline(() => {
            new aws.cloudwatch.LogGroup("ok", { retentionInDays: 30 });
            new aws.cloudwatch.LogGroup("forever", {});
            new aws.cloudwatch.LogGroup("zero", { retentionInDays: 0 });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["forever", "advisory"], ["zero", "advisory"]]);
        assert.match(v[0].message, /retentionInDays is unset, so logs never expire/);
        assert.match(v[1].message, /retentionInDays is 0/);
    });

    it("applies minDays from policy config and reports an unknown retention once", async () => {
        const report = await analyzeInline(
            () => {
                new aws.cloudwatch.LogGroup("short", { retentionInDays: 30 });
                new aws.cloudwatch.LogGroup("computed", { retentionInDays: unknownBoolean("q").apply((b) => (b ? 365 : 30)) });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "advisory", minDays: 365 } } },
        );
        const v = violationsOf(report, RULE);
        assert.deepEqual(v.map((x) => x.name), ["short"]);
        assert.match(v[0].message, /retentionInDays is 30; keep logs at least 365 days/);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((x) => x.name), ["computed"]);
    });
});
