// Builders of HealthCheckedService's task half: log group, roles, and the Fargate task definition.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type Scope } from "../lib/component";
import { assumeRolePolicyFor, policyDocument } from "../lib/iam";

/**
 * The service's log group. Its name is known before deployment (unique per project, stack and
 * component), which keeps the container definition — and so its health check — visible to
 * policies in a first preview.
 */
export function createServiceLogGroup(scope: Scope, retentionInDays: number): aws.cloudwatch.LogGroup {
    const name = `/faultguard/ecs/${pulumi.getProject()}/${pulumi.getStack()}/${scope.name}`;
    return new aws.cloudwatch.LogGroup(`${scope.name}-logs`, { name, retentionInDays, tags: scope.tags }, scope.child);
}

export interface TaskRoles {
    /** Pulls the image and writes this service's logs, nothing else. */
    execution: aws.iam.Role;
    executionPolicy: aws.iam.RolePolicy;
    /** The application's identity: no permissions unless the caller grants them. */
    task: aws.iam.Role;
}

export function createTaskRoles(scope: Scope, logGroup: aws.cloudwatch.LogGroup, taskPolicyArns: pulumi.Input<string>[]): TaskRoles {
    const { name, tags, child } = scope;
    const ecsTasks = assumeRolePolicyFor("ecs-tasks.amazonaws.com");
    const execution = new aws.iam.Role(`${name}-execution`, { assumeRolePolicy: ecsTasks, tags }, child);
    const policy = policyDocument([
        // GetAuthorizationToken has no resource-level permissions; the image may live in any repository.
        { Sid: "PullImage", Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: "*" },
        { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${logGroup.arn}:*` },
    ]);
    const executionPolicy = new aws.iam.RolePolicy(`${name}-execution`, { role: execution.id, policy }, child);
    const task = new aws.iam.Role(`${name}-task`, { assumeRolePolicy: ecsTasks, tags }, child);
    taskPolicyArns.forEach((policyArn, i) => new aws.iam.RolePolicyAttachment(`${name}-task-${i}`, { role: task.name, policyArn }, child));
    return { execution, executionPolicy, task };
}

export interface ContainerSettings {
    image: pulumi.Input<string>;
    port: number;
    environment: Record<string, pulumi.Input<string>>;
    readonlyRootFilesystem: boolean;
    /** The container health check; `command` defaults to curl on `healthCheckPath`. */
    healthCheck: { command?: string[]; intervalSeconds: number; timeoutSeconds: number; retries: number; startPeriodSeconds: number };
    healthCheckPath: string;
}

/** The one container, "app": health check, non-blocking awslogs to `logGroup`, read-only root by default. */
export function containerDefinitions(scope: Scope, container: ContainerSettings, logGroup: aws.cloudwatch.LogGroup): pulumi.Output<string> {
    const region = aws.getRegionOutput({}, scope.child).region;
    const hc = container.healthCheck;
    const command = hc.command ?? ["CMD-SHELL", `curl -fsS http://localhost:${container.port}${container.healthCheckPath} || exit 1`];
    return pulumi.jsonStringify([
        {
            name: "app",
            image: container.image,
            essential: true,
            readonlyRootFilesystem: container.readonlyRootFilesystem,
            portMappings: [{ containerPort: container.port, protocol: "tcp" }],
            environment: Object.entries(container.environment).map(([key, value]) => ({ name: key, value })),
            healthCheck: { command, interval: hc.intervalSeconds, timeout: hc.timeoutSeconds, retries: hc.retries, startPeriod: hc.startPeriodSeconds },
            // Non-blocking: a slow log pipeline must not stall the application. The app logs JSON to stdout.
            logConfiguration: {
                logDriver: "awslogs",
                options: { "awslogs-group": logGroup.name, "awslogs-region": region, "awslogs-stream-prefix": "app", mode: "non-blocking", "max-buffer-size": "25m" },
            },
            stopTimeout: 30,
        },
    ]);
}

export function createTaskDefinition(scope: Scope, size: { cpu: number; memoryMb: number; cpuArchitecture: "X86_64" | "ARM64" }, roles: TaskRoles, definitions: pulumi.Input<string>): aws.ecs.TaskDefinition {
    return new aws.ecs.TaskDefinition(
        `${scope.name}-task`,
        {
            family: `${scope.name}`,
            requiresCompatibilities: ["FARGATE"],
            networkMode: "awsvpc",
            cpu: String(size.cpu),
            memory: String(size.memoryMb),
            executionRoleArn: roles.execution.arn,
            taskRoleArn: roles.task.arn,
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: size.cpuArchitecture },
            containerDefinitions: definitions,
            tags: scope.tags,
        },
        scope.child,
    );
}
