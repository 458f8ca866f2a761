import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyze, messages, outcomes } from "../redundancy/fixtures";

const RULE = "ecs-service-autoscaling";

describe(`${RULE} (through the analyzer)`, () => {
    it("links targets and policies to services through their resource IDs on a new stack; flags fixed counts, a target without a policy and min = max; skips daemons", async () => {
        const report = await analyze(() => {
            const cluster = new aws.ecs.Cluster("cluster");
            const svc = (name: string, args: Partial<aws.ecs.ServiceArgs> = {}) => new aws.ecs.Service(name, { cluster: cluster.arn, taskDefinition: "app:1", desiredCount: 2, ...args });
            const target = (name: string, service: aws.ecs.Service, min: number, max: number) =>
                new aws.appautoscaling.Target(name, {
                    serviceNamespace: "ecs",
                    scalableDimension: "ecs:service:DesiredCount",
                    resourceId: pulumi.interpolate`service/${cluster.name}/${service.name}`,
                    minCapacity: min,
                    maxCapacity: max,
                });
            const policy = (name: string, t: aws.appautoscaling.Target) =>
                new aws.appautoscaling.Policy(name, {
                    policyType: "TargetTrackingScaling",
                    serviceNamespace: t.serviceNamespace,
                    scalableDimension: t.scalableDimension,
                    resourceId: t.resourceId,
                    targetTrackingScalingPolicyConfiguration: { targetValue: 60, predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" } },
                });
            policy("scaled-cpu", target("scaled-scaling", svc("scaled"), 2, 10));
            svc("fixed");
            target("no-policy-scaling", svc("no-policy"), 2, 10);
            policy("pinned-cpu", target("pinned-scaling", svc("pinned"), 2, 2));
            svc("daemon", { schedulingStrategy: "DAEMON", desiredCount: undefined });
            // A literal resource ID naming an explicitly named service.
            svc("named", { name: "orders" });
            const literal = new aws.appautoscaling.Target("literal", { serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount", resourceId: "service/main/orders", minCapacity: 1, maxCapacity: 4 });
            new aws.appautoscaling.ScheduledAction("literal-night", { serviceNamespace: "ecs", scalableDimension: "ecs:service:DesiredCount", resourceId: literal.resourceId, schedule: "cron(0 22 * * ? *)", scalableTargetAction: { minCapacity: 1, maxCapacity: 1 } });
        });
        assert.deepEqual(outcomes(report, RULE), ["violation advisory fixed", "violation advisory no-policy", "violation advisory pinned"]);
        assert.match(messages(report, RULE, "fixed")[0], /task count is fixed \(no aws\.appautoscaling\.Target on ecs:service:DesiredCount\)/);
        assert.match(messages(report, RULE, "no-policy")[0], /a scalable target but no scaling policy or scheduled action/);
        assert.match(messages(report, RULE, "pinned")[0], /maxCapacity is not above minCapacity/);
    });

    it("cannot decide while a target on the service has a computed dimension", async () => {
        const report = await analyze(() => {
            const cluster = new aws.ecs.Cluster("cluster");
            const service = new aws.ecs.Service("svc", { cluster: cluster.arn, taskDefinition: "app:1", desiredCount: 2 });
            new aws.appautoscaling.Target("t", {
                serviceNamespace: "ecs",
                scalableDimension: pulumi.unknown as unknown as pulumi.Input<string>,
                resourceId: pulumi.interpolate`service/${cluster.name}/${service.name}`,
                minCapacity: 2,
                maxCapacity: 4,
            });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory svc"]);
    });
});
