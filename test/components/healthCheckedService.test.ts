import assert from "node:assert/strict";
import { HealthCheckedService } from "../../components";
import { minimalNetwork, minimalService } from "./fixtures";
import { alarmsOn, argsErrorOf, capture, type CapturedStack, dependsVia, named, ofType, one } from "./support";

const SERVICE = "aws:ecs/service:Service";
const ACCOUNT = "123456789012";

/**
 * The ARN the cloud would report for the log group, so the execution role's policy can be read. The
 * container definitions need no fixture: the log group's name is chosen before deployment, so they
 * are known in a first preview.
 */
const fixtures = { resources: { "api-logs": { arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/faultguard/ecs/project/dev/api` } } };

interface ContainerDefinition {
    healthCheck: { command: string[]; interval: number; timeout: number; retries: number; startPeriod: number };
    logConfiguration: { logDriver: string; options: Record<string, string> };
    readonlyRootFilesystem: boolean;
    portMappings: { containerPort: number }[];
}

describe("HealthCheckedService", () => {
    let stack: CapturedStack;
    before(async () => {
        stack = await capture(() => void minimalService(minimalNetwork()), fixtures);
    });

    it("runs at least two tasks (one per AZ) in the private subnets of every AZ, without public IPs", () => {
        const service = one(stack, SERVICE);
        assert.equal(service.inputs.desiredCount, 3);
        assert.equal(service.inputs.launchType, "FARGATE");
        const privateSubnets = ofType(stack, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("private"));
        assert.deepEqual(dependsVia(service, "networkConfiguration").filter((u) => u.includes("subnet")).sort(), privateSubnets.map((s) => s.urn).sort());
        assert.equal((service.inputs.networkConfiguration as { assignPublicIp: boolean }).assignPublicIp, false);
    });

    it("deploys safely: circuit breaker with rollback, 100 % minimum healthy, alarm rollback, waits for steady state", () => {
        const service = one(stack, SERVICE);
        assert.deepEqual(service.inputs.deploymentCircuitBreaker, { enable: true, rollback: true });
        assert.equal(service.inputs.deploymentMinimumHealthyPercent, 100);
        assert.equal(service.inputs.waitForSteadyState, true);
        const alarms = service.inputs.alarms as { enable: boolean; rollback: boolean; alarmNames: unknown[] };
        assert.deepEqual([alarms.enable, alarms.rollback, alarms.alarmNames.length], [true, true, 2]);
        const rollbackAlarms = dependsVia(service, "alarms").map((urn) => stack.resources.find((r) => r.urn === urn));
        assert.deepEqual(rollbackAlarms.map((a) => a?.inputs.metricName).sort(), ["HTTPCode_Target_5XX_Count", "UnHealthyHostCount"]);
        assert.deepEqual(service.options.ignoreChanges, ["desiredCount"]);
    });

    it("health-checks the container and the target, with a grace period that covers both", () => {
        assert.equal(typeof one(stack, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions, "string", "known in a first preview");
        const [container] = JSON.parse(String(one(stack, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions)) as ContainerDefinition[];
        assert.deepEqual(container.healthCheck, { command: ["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"], interval: 15, timeout: 5, retries: 3, startPeriod: 30 });
        const tg = one(stack, "aws:lb/targetGroup:TargetGroup");
        assert.equal(tg.inputs.targetType, "ip");
        assert.equal((tg.inputs.healthCheck as { path: string }).path, "/health");
        const grace = Number(one(stack, SERVICE).inputs.healthCheckGracePeriodSeconds);
        assert.ok(grace >= 15 * 3 && grace >= 30, `grace ${grace}`);
    });

    it("logs through awslogs in non-blocking mode to a log group with retention; read-only root filesystem", () => {
        const [container] = JSON.parse(String(one(stack, "aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions)) as ContainerDefinition[];
        assert.equal(container.logConfiguration.logDriver, "awslogs");
        assert.equal(container.logConfiguration.options.mode, "non-blocking");
        assert.equal(container.logConfiguration.options["awslogs-group"], "/faultguard/ecs/project/dev/api");
        assert.equal(container.logConfiguration.options["awslogs-region"], "us-east-1");
        assert.equal(container.readonlyRootFilesystem, true);
        assert.equal(named(stack, "aws:cloudwatch/logGroup:LogGroup", "api-logs").inputs.retentionInDays, 90);
    });

    it("turns on Container Insights", () => {
        assert.deepEqual(one(stack, "aws:ecs/cluster:Cluster").inputs.settings, [{ name: "containerInsights", value: "enabled" }]);
    });

    it("autoscales on CPU and on ALB requests per target, from desiredCount up", () => {
        const target = one(stack, "aws:appautoscaling/target:Target");
        assert.equal(target.inputs.minCapacity, 3);
        assert.equal(target.inputs.maxCapacity, 12);
        const metrics = ofType(stack, "aws:appautoscaling/policy:Policy").map(
            (p) => (p.inputs.targetTrackingScalingPolicyConfiguration as { predefinedMetricSpecification: { predefinedMetricType: string } }).predefinedMetricSpecification.predefinedMetricType,
        );
        assert.deepEqual(metrics.sort(), ["ALBRequestCountPerTarget", "ECSServiceAverageCPUUtilization"]);
    });

    it("gives the execution role only image pulls and its own log group, and the task role nothing", () => {
        const policy = JSON.parse(String(named(stack, "aws:iam/rolePolicy:RolePolicy", "api-execution").inputs.policy)) as { Statement: { Action: string[]; Resource: string }[] };
        const actions = policy.Statement.flatMap((s) => s.Action);
        assert.deepEqual(actions.filter((a) => !a.startsWith("ecr:")), ["logs:CreateLogStream", "logs:PutLogEvents"]);
        assert.equal(policy.Statement.find((s) => s.Action.includes("logs:PutLogEvents"))?.Resource, `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/faultguard/ecs/project/dev/api:*`);
        const taskRole = named(stack, "aws:iam/role:Role", "api-task");
        assert.equal(ofType(stack, "aws:iam/rolePolicy:RolePolicy").filter((p) => dependsVia(p, "role").includes(taskRole.urn)).length, 0);
        assert.equal(ofType(stack, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0);
    });

    it("alarms on running tasks below desired, 5xx and unhealthy targets, with actions", () => {
        const service = one(stack, SERVICE);
        const cluster = one(stack, "aws:ecs/cluster:Cluster");
        const [running] = alarmsOn(stack, service);
        assert.equal(running.inputs.metricName, "RunningTaskCount");
        assert.equal(running.inputs.comparisonOperator, "LessThanThreshold");
        assert.equal(running.inputs.threshold, 3);
        assert.ok(dependsVia(running, "dimensions").includes(cluster.urn));
        const tg = one(stack, "aws:lb/targetGroup:TargetGroup");
        assert.deepEqual(alarmsOn(stack, tg).map((a) => a.inputs.metricName).sort(), ["HTTPCode_Target_5XX_Count", "TargetResponseTime", "UnHealthyHostCount"]);
        for (const alarm of ofType(stack, "aws:cloudwatch/metricAlarm:MetricAlarm")) {
            assert.equal(alarm.inputs.actionsEnabled, true);
            assert.equal((alarm.inputs.okActions as unknown[]).length, 1);
        }
    });

    it("lets only the load balancer reach the tasks, on the container port", () => {
        const taskSg = named(stack, "aws:ec2/securityGroup:SecurityGroup", "api-targets");
        const albSg = named(stack, "aws:ec2/securityGroup:SecurityGroup", "api-alb");
        const ingress = ofType(stack, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => dependsVia(r, "securityGroupId").includes(taskSg.urn));
        assert.equal(ingress.length, 1);
        assert.deepEqual(dependsVia(ingress[0], "referencedSecurityGroupId"), [albSg.urn]);
        assert.equal(ingress[0].inputs.fromPort, 8080);
    });

    it("development profile: a single task", async () => {
        const dev = await capture(
            () => new HealthCheckedService("api", { profile: "development", vpcId: "vpc-1", publicSubnetIds: ["subnet-a", "subnet-b"], privateSubnetIds: ["subnet-c"], image: "nginx" }),
        );
        assert.equal(one(dev, SERVICE).inputs.desiredCount, 1);
        assert.equal(one(dev, "aws:appautoscaling/target:Target").inputs.minCapacity, 1);
    });

    it("rejects one task in production, an invalid Fargate size and a short grace period, registering nothing", async () => {
        const { error, registered } = await argsErrorOf(
            () =>
                new HealthCheckedService("api", {
                    vpcId: "vpc-1",
                    publicSubnetIds: ["subnet-a", "subnet-b"],
                    privateSubnetIds: ["subnet-c", "subnet-d"],
                    image: "nginx",
                    desiredCount: 1,
                    cpu: 512,
                    memoryMb: 3000,
                    healthCheckGracePeriodSeconds: 10,
                    containerHealthCheck: { startPeriodSeconds: 60 },
                }),
        );
        assert.deepEqual(registered, []);
        const byPath = Object.fromEntries(error.problems.map((p) => [p.path, p.message]));
        assert.match(byPath.desiredCount, /at least 2 in production so tasks run in 2 AZs/);
        assert.match(byPath.memoryMb, /not valid for cpu 512 on Fargate; pass 1024–4096 MiB in steps of 1024/);
        assert.match(byPath.healthCheckGracePeriodSeconds, /at least 60s/);
    });
});
