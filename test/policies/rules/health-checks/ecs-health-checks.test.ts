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
            const fast = new aws.lb.TargetGroup("api", { port: 8080, protocol: "HTTP", targetType: "ip", vpcId: "vpc-1", healthCheck: { interval: 10, unhealthyThreshold: 2 } });
            service("api", "api:3", { loadBalancers: [{ targetGroupArn: fast.arn, containerName: "app", containerPort: 8080 }] });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.message.localeCompare(b.message));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["api", "advisory"], ["api", "advisory"]]);
        assert.match(v[0].message, /essential container app of task definition api has no healthCheck/);
        assert.match(v[1].message, /healthCheckGracePeriodSeconds is unset \(0\) and the target group can mark a new task unhealthy after 20 s/);
    });

    it("regression (issue 14 item 5): no grace period is needed where the target group's check cannot fail a task that starts within startupSeconds", async () => {
        const program = () => {
            taskDefinition("web", JSON.stringify([{ name: "app", image: "app:1", essential: true, healthCheck: healthy }]));
            const defaults = new aws.lb.TargetGroup("web", { port: 8080, protocol: "HTTP", targetType: "ip", vpcId: "vpc-1" });
            service("web", "web:1", { loadBalancers: [{ targetGroupArn: defaults.arn, containerName: "app", containerPort: 8080 }] });
        };
        const report = await analyzeInline(program);
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
        const slowStart = await analyzeInline(program, { policyConfig: { [RULE]: { enforcementLevel: "advisory", startupSeconds: 120 } } });
        assert.match(violationsOf(slowStart, RULE)[0]?.message ?? "", /unhealthy after 60 s, before it has had 120 s to start/);
    });

    it("regression (issue 14 item 1): a declared healthCheck block is timed with the provider's defaults (3 × 30 s), as the engine sees it after Check; no block, with AWS's (2 × 30 s)", async () => {
        const report = await analyzeInline(
            () => {
                taskDefinition("web", JSON.stringify([{ name: "app", image: "app:1", essential: true, healthCheck: healthy }]));
                const declared = new aws.lb.TargetGroup("declared", { port: 8080, protocol: "HTTP", targetType: "ip", vpcId: "vpc-1", healthCheck: { path: "/health" } });
                const bare = new aws.lb.TargetGroup("bare", { port: 8080, protocol: "HTTP", targetType: "ip", vpcId: "vpc-1" });
                const off = new aws.lb.TargetGroup("off", { port: 8080, protocol: "HTTP", targetType: "ip", vpcId: "vpc-1", healthCheck: { enabled: false } });
                service("declared", "web:1", { loadBalancers: [{ targetGroupArn: declared.arn, containerName: "app", containerPort: 8080 }] });
                service("bare", "web:1", { loadBalancers: [{ targetGroupArn: bare.arn, containerName: "app", containerPort: 8080 }] });
                service("off", "web:1", { loadBalancers: [{ targetGroupArn: off.arn, containerName: "app", containerPort: 8080 }] });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "advisory", startupSeconds: 75 } } },
        );
        // declared: 3 × 30 = 90 s ≥ 75 s, no grace period needed; bare: 2 × 30 = 60 s < 75 s; off: a disabled check fails no task.
        assert.deepEqual(violationsOf(report, RULE).map((x) => [x.name, x.message.match(/unhealthy after (\d+) s/)?.[1]]), [["bare", "60"]]);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("a target group managed elsewhere: whether a grace period is needed cannot be decided", async () => {
        const report = await analyzeInline(() => {
            taskDefinition("ext", JSON.stringify([{ name: "app", image: "app:1", essential: true, healthCheck: healthy }]));
            service("ext", "ext:1");
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.match(notEvaluatedOf(report, RULE)[0]?.message ?? "", /loadBalancers is unknown.*target groups are not visible here/);
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
