import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alarmTopic, lambda, run } from "../dead-letter-queues/harness";

const RULE = "lambda-alarm";
const threshold = { period: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: "GreaterThanOrEqualToThreshold", statistic: "Sum" };

describe("lambda-alarm", () => {
    it("links an alarm to a function through propertyDependencies when FunctionName is unknown (new stack)", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const watched = lambda("watched");
            new aws.cloudwatch.MetricAlarm("watched-errors", { ...threshold, namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: watched.name }, alarmActions: [topic.arn] });
            lambda("unwatched");
        });
        assert.deepEqual(r.violations, ["unwatched mandatory"]);
        assert.deepEqual(r.notEvaluated, []);
        assert.match(r.messages["unwatched"], /no CloudWatch alarm with an alarm action watches Errors; add an aws.cloudwatch.MetricAlarm .*FunctionName: fn.name/);
    });

    it("stays mandatory in the development profile", async () => {
        const r = await run(RULE, () => lambda("unwatched"), { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(r.violations, ["unwatched mandatory"]);
    });

    it("links by a known FunctionName value (deployed or explicitly named function)", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            lambda("orders", { name: "orders-handler" });
            new aws.cloudwatch.MetricAlarm("orders-errors", { ...threshold, namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: "orders-handler" }, alarmActions: [topic.arn] });
        });
        assert.deepEqual(r.violations, []);
    });

    it("links a metric-math alarm through metricQueries[].metric.dimensions", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const fn = lambda("orders");
            new aws.cloudwatch.MetricAlarm("orders-error-rate", {
                comparisonOperator: "GreaterThanThreshold",
                evaluationPeriods: 1,
                threshold: 5,
                alarmActions: [topic.arn],
                metricQueries: [
                    { id: "errors", metric: { namespace: "AWS/Lambda", metricName: "Errors", stat: "Sum", period: 60, dimensions: { FunctionName: fn.name } } },
                    { id: "invocations", metric: { namespace: "AWS/Lambda", metricName: "Invocations", stat: "Sum", period: 60, dimensions: { FunctionName: fn.name } } },
                    { id: "rate", expression: "100 * errors / invocations", returnData: true },
                ],
            });
        });
        assert.deepEqual(r.violations, []);
    });

    it("flags a function whose only alarms watch another metric or notify nobody", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const slow = lambda("slow");
            new aws.cloudwatch.MetricAlarm("slow-duration", { ...threshold, namespace: "AWS/Lambda", metricName: "Duration", dimensions: { FunctionName: slow.name }, alarmActions: [topic.arn] });
            const silent = lambda("silent");
            new aws.cloudwatch.MetricAlarm("silent-errors", { ...threshold, namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: silent.name }, actionsEnabled: false, alarmActions: [topic.arn] });
        });
        assert.deepEqual(r.violations, ["silent mandatory", "slow mandatory"]);
        assert.match(r.messages["silent"], /alarms watching Errors notify nobody: silent-errors \(actionsEnabled is false\)/);
    });

    it("takes the metrics that count from policy config", async () => {
        const r = await run(
            RULE,
            () => {
                const topic = alarmTopic();
                const fn = lambda("throttled");
                new aws.cloudwatch.MetricAlarm("throttles", { ...threshold, namespace: "AWS/Lambda", metricName: "Throttles", dimensions: { FunctionName: fn.name }, alarmActions: [topic.arn] });
            },
            { policyConfig: { [RULE]: { metrics: ["Errors", "Throttles"] } } },
        );
        assert.deepEqual(r.violations, []);
    });

    it("does not flag a function while an alarm's FunctionName is unknown with no dependency edge: not evaluated instead", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            lambda("maybe-watched");
            // An unknown whose origin the engine does not record (e.g. a lookup resolved only at deploy time).
            const untraceable = pulumi.unknown as unknown as pulumi.Input<string>;
            new aws.cloudwatch.MetricAlarm("errors", { ...threshold, namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: untraceable }, alarmActions: [topic.arn] });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, ["maybe-watched"]);
        assert.match(r.messages["maybe-watched"], /could not evaluate: dimensions.*alarm errors's FunctionName dimension is unknown/);
    });

    it("links an alarm whose whole dimensions object is computed, through its dependency on the function", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const fn = lambda("orders");
            new aws.cloudwatch.MetricAlarm("orders-errors", { ...threshold, namespace: "AWS/Lambda", metricName: "Errors", dimensions: fn.name.apply((n) => ({ FunctionName: n })), alarmActions: [topic.arn] });
            lambda("unwatched");
        });
        assert.deepEqual(r.violations, ["unwatched mandatory"]);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("still flags an auto-named function when the only other alarm names a function outside the stack by literal", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            new aws.cloudwatch.MetricAlarm("legacy-errors", { ...threshold, namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: "legacy-billing" }, alarmActions: [topic.arn] });
            lambda("new-fn");
        });
        assert.deepEqual(r.violations, ["new-fn mandatory"]);
    });
});
