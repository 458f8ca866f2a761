import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "ecs-deployment-alarms";

function stack(alarms?: (alarm: aws.cloudwatch.MetricAlarm) => aws.types.input.ecs.ServiceAlarms, withAlarm = true): () => void {
    return () => {
        const cluster = new aws.ecs.Cluster("c", {});
        const web = new aws.ecs.Service("web", {
            cluster: cluster.arn,
            taskDefinition: "web:1",
            desiredCount: 2,
            deploymentCircuitBreaker: { enable: true, rollback: true },
        });
        if (withAlarm) {
            const alarm = new aws.cloudwatch.MetricAlarm("web-cpu", {
                comparisonOperator: "GreaterThanThreshold",
                evaluationPeriods: 1,
                metricName: "CPUUtilization",
                namespace: "AWS/ECS",
                period: 60,
                statistic: "Average",
                threshold: 90,
                dimensions: { ClusterName: cluster.name, ServiceName: web.name },
                alarmActions: ["arn:aws:sns:eu-west-1:123456789012:ops"],
            });
            if (alarms) {
                new aws.ecs.Service("api", { cluster: cluster.arn, taskDefinition: "api:1", desiredCount: 2, alarms: alarms(alarm) });
            }
        }
    };
}

describe(RULE, () => {
    it("flags a service watched by an alarm (linked through its unknown name) whose deployments ignore it, advisory", async () => {
        const report = await analyzeInline(stack());
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel]), [["web", "advisory"]]);
        assert.match(violationsOf(report, RULE)[0].message, /alarms web-cpu watch this service, but its deployments ignore them/);
    });

    it("passes a service with no alarms, and one whose deployment alarms enable rollback", async () => {
        const report = await analyzeInline(stack(undefined, false));
        assert.deepEqual(violationsOf(report, RULE), []);
        const withRollback = await analyzeInline(stack((a) => ({ alarmNames: [a.name], enable: true, rollback: true })));
        assert.deepEqual(violationsOf(withRollback, RULE).map((v) => v.name), ["web"]);
        assert.deepEqual(notEvaluatedOf(withRollback, RULE), []);
    });

    it("flags deployment alarms without rollback", async () => {
        const report = await analyzeInline(stack((a) => ({ alarmNames: [a.name], enable: true, rollback: false })));
        const api = violationsOf(report, RULE).find((v) => v.name === "api");
        assert.ok(api);
        assert.match(api.message, /rollback is not true/);
    });
});
