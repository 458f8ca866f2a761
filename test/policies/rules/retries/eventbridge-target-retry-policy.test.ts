import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "eventbridge-target-retry-policy";
const FN = "arn:aws:lambda:eu-west-1:123456789012:function:f";
const ROLE = "arn:aws:iam::123456789012:role/scheduler";

type RetryPolicy = { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };

function targets(targetPolicy?: RetryPolicy, schedulePolicy?: RetryPolicy): () => void {
    return () => {
        const rule = new aws.cloudwatch.EventRule("orders", { eventPattern: JSON.stringify({ source: ["shop"] }) });
        new aws.cloudwatch.EventTarget("orders-target", { rule: rule.name, arn: FN, retryPolicy: targetPolicy });
        new aws.scheduler.Schedule("nightly", {
            scheduleExpression: "cron(0 2 * * ? *)",
            flexibleTimeWindow: { mode: "OFF" },
            target: { arn: FN, roleArn: ROLE, retryPolicy: schedulePolicy },
        });
    };
}

describe(RULE, () => {
    it("passes explicit bounded retry policies (rule name unknown in preview)", async () => {
        const report = await analyzeInline(targets({ maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 }, { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 900 }));
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags absent retry policies on both resource types, mandatory", async () => {
        const report = await analyzeInline(targets());
        const found = [...violationsOf(report, RULE)].sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(found.map((v) => [v.name, v.enforcementLevel]), [["nightly", "mandatory"], ["orders-target", "mandatory"]]);
        assert.match(found[0].message, /target\.retryPolicy is unset \(185 attempts over 24 h\)/);
        assert.match(found[1].message, /retryPolicy is unset/);
    });

    it("flags a policy spelled out as the default (what AWS fills in), and passes one lowered field", async () => {
        const report = await analyzeInline(targets({ maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86400 }, { maximumEventAgeInSeconds: 600 }));
        assert.deepEqual(violationsOf(report, RULE).map((v) => v.name), ["orders-target"]);
        assert.match(violationsOf(report, RULE)[0].message, /retryPolicy is the default/);
    });

    it("applies configured bounds, and is advisory in development", async () => {
        const report = await analyzeInline(targets({ maximumRetryAttempts: 50, maximumEventAgeInSeconds: 3600 }, { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 900 }), {
            policyConfig: { [RULE]: { maxRetryAttempts: 10, maxEventAgeSeconds: 1800 } },
            stackTags: { "faultguard:profile": "development" },
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel]), [["orders-target", "advisory"]]);
        assert.match(violationsOf(report, RULE)[0].message, /maximumRetryAttempts is 50; set it to at most 10; maximumEventAgeInSeconds is 3600; set it to at most 1800/);
    });
});
