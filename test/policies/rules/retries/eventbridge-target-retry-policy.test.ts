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

const THOROUGH = { stackTags: { "faultguard:profile": "thorough" } };

describe(RULE, () => {
    it("is opt-in: nothing is reported by default, even without retry policies", async () => {
        const report = await analyzeInline(targets());
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("regression (issue 14 item 2): absent retry policies are AWS's bounded default, not a finding", async () => {
        const report = await analyzeInline(targets(), THOROUGH);
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("passes explicit bounded retry policies (rule name unknown in preview)", async () => {
        const report = await analyzeInline(targets({ maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 }, { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 900 }), THOROUGH);
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("judges an absent policy as the default (185 attempts, 24 h) against configured bounds, on both resource types", async () => {
        const report = await analyzeInline(targets(undefined, { maximumEventAgeInSeconds: 600 }), {
            policyConfig: { [RULE]: { enforcementLevel: "mandatory", maxRetryAttempts: 10, maxEventAgeSeconds: 1800 } },
        });
        const found = [...violationsOf(report, RULE)].sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(found.map((v) => [v.name, v.enforcementLevel]), [["nightly", "mandatory"], ["orders-target", "mandatory"]]);
        assert.match(found[0].message, /target\.retryPolicy: maximumRetryAttempts is unset \(the default, 185\); set it to at most 10 \(policy config\)/);
        assert.match(found[1].message, /retryPolicy: maximumRetryAttempts is unset \(the default, 185\); set it to at most 10; maximumEventAgeInSeconds is unset \(the default, 86400\); set it to at most 1800/);
    });

    it("applies configured bounds, and is advisory in development", async () => {
        const report = await analyzeInline(targets({ maximumRetryAttempts: 50, maximumEventAgeInSeconds: 3600 }, { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 900 }), {
            policyConfig: { [RULE]: { maxRetryAttempts: 10, maxEventAgeSeconds: 1800 } },
            stackTags: { "faultguard:profile": "development" },
        });
        assert.deepEqual(violationsOf(report, RULE), [], "opt-in rules stay off in development unless given a level");
        const on = await analyzeInline(targets({ maximumRetryAttempts: 50, maximumEventAgeInSeconds: 3600 }, { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 900 }), {
            policyConfig: { [RULE]: { enforcementLevel: "advisory", maxRetryAttempts: 10, maxEventAgeSeconds: 1800 } },
            stackTags: { "faultguard:profile": "development" },
        });
        assert.deepEqual(violationsOf(on, RULE).map((v) => [v.name, v.enforcementLevel]), [["orders-target", "advisory"]]);
        assert.match(violationsOf(on, RULE)[0].message, /maximumRetryAttempts is 50; set it to at most 10; maximumEventAgeInSeconds is 3600; set it to at most 1800/);
    });
});
