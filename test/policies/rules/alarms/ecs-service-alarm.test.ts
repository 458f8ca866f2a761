import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { alarmTopic, run } from "../dead-letter-queues/harness";

const RULE = "ecs-service-alarm";

describe("ecs-service-alarm", () => {
    it("passes a service with a RunningTaskCount alarm on ClusterName + ServiceName (unknown in preview), flags one without", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const cluster = new aws.ecs.Cluster("main", {});
            const task = new aws.ecs.TaskDefinition("api", { family: "api", containerDefinitions: JSON.stringify([{ name: "api", image: "nginx", essential: true }]), cpu: "256", memory: "512", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc" });
            const api = new aws.ecs.Service("api", { cluster: cluster.arn, taskDefinition: task.arn, desiredCount: 2, launchType: "FARGATE" });
            new aws.cloudwatch.MetricAlarm("api-running", {
                namespace: "ECS/ContainerInsights",
                metricName: "RunningTaskCount",
                statistic: "Minimum",
                period: 60,
                evaluationPeriods: 3,
                threshold: 2,
                comparisonOperator: "LessThanThreshold",
                dimensions: { ClusterName: cluster.name, ServiceName: api.name },
                alarmActions: [topic.arn],
            });
            new aws.ecs.Service("worker", { cluster: cluster.arn, taskDefinition: task.arn, desiredCount: 2, launchType: "FARGATE" });
        });
        assert.deepEqual(r.violations, ["worker mandatory"]);
        assert.deepEqual(r.notEvaluated, []);
        assert.match(r.messages["worker"], /no CloudWatch alarm with an alarm action watches any of RunningTaskCount, CPUUtilization, MemoryUtilization.*ServiceName: service.name/);
    });
});
