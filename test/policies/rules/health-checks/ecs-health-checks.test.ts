import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "ecs-health-checks";

const healthy = { command: ["CMD-SHELL", "curl -fs http://localhost:8080/health || exit 1"], interval: 15, timeout: 5, retries: 3 };

function taskDefinition(name: string, containers: unknown): aws.ecs.TaskDefinition {
    return new aws.ecs.TaskDefinition(name, {
        family: name,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: "256",
        memory: "512",
        containerDefinitions: typeof containers === "string" ? containers : (containers as pulumi.Output<string>),
    });
}

function service(name: string, taskDefinition: pulumi.Input<string>, args: Partial<aws.ecs.ServiceArgs> = {}): aws.ecs.Service {
    return new aws.ecs.Service(name, {
        cluster: "arn:aws:ecs:eu-west-1:1:cluster/main",
        taskDefinition,
        desiredCount: 2,
        loadBalancers: [{ targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/web/1", containerName: "app", containerPort: 8080 }],
        ...args,
    });
}

describe(`${RULE} (analyzer)`, () => {
    it("passes a service with a grace period whose essential containers have health checks (task definition ARN unknown)", async () => {
        const report = await analyzeInline(() => {
            const td = taskDefinition("web", JSON.stringify([
                { name: "app", image: "app:1", essential: true, healthCheck: healthy },
                { name: "xray", image: "xray:1", essential: false },
            ]));
            service("web", td.arn, { healthCheckGracePeriodSeconds: 60 });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags a missing grace period and an essential container without healthCheck (found by family name)", async () => {
        const report = await analyzeInline(() => {
            taskDefinition("api", JSON.stringify([{ name: "app", image: "app:1" }, { name: "sidecar", image: "envoy:1", essential: true, healthCheck: healthy }]));
            service("api", "api:3");
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.message.localeCompare(b.message));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["api", "advisory"], ["api", "advisory"]]);
        assert.match(v[0].message, /essential container app of task definition api has no healthCheck/);
        assert.match(v[1].message, /healthCheckGracePeriodSeconds is unset \(0\)/);
    });

    it("container definitions built with pulumi.jsonStringify over unknown values: one could-not-evaluate advisory, the grace period still decided", async () => {
        const report = await analyzeInline(() => {
            const logs = new aws.cloudwatch.LogGroup("logs", { retentionInDays: 30 });
            const defs = pulumi.jsonStringify([
                { name: "app", image: "app:1", healthCheck: healthy, logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logs.name } } },
            ]);
            const td = taskDefinition("worker", defs);
            service("worker", td.arn, { healthCheckGracePeriodSeconds: 30 });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        const n = notEvaluatedOf(report, RULE);
        assert.deepEqual(n.map((x) => x.name), ["worker"]);
        assert.match(n[0].message, /containerDefinitions is unknown.*task definition worker/);
    });

    it("ignores services without a load balancer and task definitions managed elsewhere", async () => {
        const report = await analyzeInline(() => {
            service("queue-worker", "arn:aws:ecs:eu-west-1:1:task-definition/other:1", { loadBalancers: [] });
            service("external", "arn:aws:ecs:eu-west-1:1:task-definition/shared:7", { healthCheckGracePeriodSeconds: 60 });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });
});
