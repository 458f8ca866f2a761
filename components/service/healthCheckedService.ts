import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resolveAlarmTopic } from "../alarms/alarmTopic";
import { createMetricAlarm } from "../alarms/metricAlarm";
import { type CommonArgs, commonArgsShape } from "../lib/common";
import { assumeRolePolicyFor, policyDocument } from "../lib/iam";
import { defaultLogRetention, logRetentionSchema } from "../lib/logs";
import { defaultRedundantCount } from "../lib/profile";
import { guardedSubnetIds, knownCount, type SubnetIds, subnetListSchema } from "../lib/subnets";
import { componentTags } from "../lib/tags";
import { input, validateArgs, whenValid } from "../lib/validation";
import {
    createLoadBalancer,
    healthCheckSchema,
    type LoadBalancerAlarmThresholds,
    loadBalancerAlarmThresholdsSchema,
    type LoadBalancerArgs,
    loadBalancerSchema,
    type TargetHealthCheckArgs,
    timeToHealthySeconds,
} from "../loadBalancing/applicationLoadBalancer";

export interface ContainerHealthCheckArgs {
    /** Default: `["CMD-SHELL", "curl -fsS http://localhost:<port><healthCheck.path> || exit 1"]` (the image needs curl). */
    command?: string[];
    intervalSeconds?: number;
    timeoutSeconds?: number;
    retries?: number;
    /** Seconds after start during which failures do not count (default 30). */
    startPeriodSeconds?: number;
}

export interface HealthCheckedServiceArgs extends CommonArgs {
    vpcId: pulumi.Input<string>;
    /** One public subnet per AZ for the load balancer (at least 2). */
    publicSubnetIds: SubnetIds;
    /** One private subnet per AZ for the tasks (at least 2 in production). */
    privateSubnetIds: SubnetIds;
    /** Container image, e.g. `public.ecr.aws/nginx/nginx:1.27`. */
    image: pulumi.Input<string>;
    /** Port the container serves on (default 8080). */
    containerPort?: number;
    /** Fargate CPU units (256, 512, 1024, 2048, 4096, 8192, 16384; default 512). */
    cpu?: number;
    /** Fargate memory in MiB, valid for `cpu` (default 1024). */
    memoryMb?: number;
    /** Tasks to run (production: at least 2, default max(2, AZs); development default 1). The autoscaling minimum. */
    desiredCount?: number;
    /** Autoscaling maximum (default 4 × desiredCount). */
    maxCount?: number;
    environment?: Record<string, pulumi.Input<string>>;
    /** CPU architecture of the image (default `X86_64`). */
    cpuArchitecture?: "X86_64" | "ARM64";
    /** Read-only root filesystem for the container (default true; mount volumes for scratch space). */
    readonlyRootFilesystem?: boolean;
    containerHealthCheck?: ContainerHealthCheckArgs;
    healthCheck?: TargetHealthCheckArgs;
    /** Seconds ECS ignores load-balancer health checks after a task starts (default 120); ≥ interval × healthy threshold and ≥ the container start period. */
    healthCheckGracePeriodSeconds?: number;
    loadBalancer?: LoadBalancerArgs;
    /** Target tracking: average CPU % (default 60) and ALB requests per target (default 1000). */
    scaling?: { targetCpuPercent?: number; requestsPerTarget?: number };
    /** Log retention in days (default 90 in production, 7 in development). */
    logRetentionInDays?: number;
    /** Managed policies for the task role (the application's own AWS access; none by default). */
    taskRolePolicyArns?: pulumi.Input<string>[];
    alarmThresholds?: LoadBalancerAlarmThresholds;
}

const TYPE = "faultguard:aws:HealthCheckedService";

/** Fargate memory (MiB) allowed per CPU value: [min, max, step]. */
const FARGATE_MEMORY: Record<number, [number, number, number]> = {
    256: [512, 2048, 512],
    512: [1024, 4096, 1024],
    1024: [2048, 8192, 1024],
    2048: [4096, 16384, 1024],
    4096: [8192, 30720, 1024],
    8192: [16384, 61440, 4096],
    16384: [32768, 122880, 8192],
};

const schema = z
    .strictObject({
        ...commonArgsShape,
        vpcId: input(z.string().min(1, "must be a VPC ID such as vpc-0123…")),
        publicSubnetIds: subnetListSchema(2, "public", "an Application Load Balancer needs two AZs"),
        privateSubnetIds: subnetListSchema(1, "private", "for the tasks"),
        image: input(z.string().min(1, "must be a container image reference")),
        containerPort: z.number().int().min(1).max(65535, "must be a TCP port").default(8080),
        cpu: z
            .number()
            .int()
            .refine((c) => c in FARGATE_MEMORY, `must be a Fargate CPU value: ${Object.keys(FARGATE_MEMORY).join(", ")}`)
            .default(512),
        memoryMb: z.number().int().positive().default(1024),
        desiredCount: z.number().int().min(1, "must be at least 1").optional(),
        maxCount: z.number().int().min(1).optional(),
        environment: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a valid environment variable name"), z.unknown()).optional(),
        cpuArchitecture: z.enum(["X86_64", "ARM64"], 'must be "X86_64" or "ARM64"').default("X86_64"),
        readonlyRootFilesystem: z.boolean().default(true),
        containerHealthCheck: z
            .strictObject({
                command: z.array(z.string()).min(2, 'must be e.g. ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]').optional(),
                intervalSeconds: z.number().int().min(5).max(300, "must be 5–300 seconds").default(15),
                timeoutSeconds: z.number().int().min(2).max(60, "must be 2–60 seconds").default(5),
                retries: z.number().int().min(1).max(10, "must be 1–10").default(3),
                startPeriodSeconds: z.number().int().min(0).max(300, "must be 0–300 seconds").default(30),
            })
            .default({ intervalSeconds: 15, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 30 }),
        healthCheck: healthCheckSchema,
        healthCheckGracePeriodSeconds: z.number().int().min(0).max(2_147_483_647).default(120),
        loadBalancer: loadBalancerSchema,
        scaling: z
            .strictObject({
                targetCpuPercent: z.number().min(10, "must be 10–90 %").max(90, "must be 10–90 %").default(60),
                requestsPerTarget: z.number().int().positive().default(1000),
            })
            .default({ targetCpuPercent: 60, requestsPerTarget: 1000 }),
        logRetentionInDays: logRetentionSchema.optional(),
        taskRolePolicyArns: z.array(z.unknown()).optional(),
        alarmThresholds: loadBalancerAlarmThresholdsSchema,
    })
    .superRefine((args, ctx) => {
        const production = args.profile === "production";
        const azCount = knownCount(args.privateSubnetIds as SubnetIds);
        if (production && azCount !== undefined && azCount < 2) {
            ctx.addIssue({ code: "custom", path: ["privateSubnetIds"], message: `needs subnets in at least 2 availability zones in production (got ${azCount}); pass one private subnet per AZ, or use profile "development"` });
        }
        const desired = defaultRedundantCount(args.desiredCount, production, azCount);
        if (production && desired < 2) {
            ctx.addIssue({ code: "custom", path: ["desiredCount"], message: 'must be at least 2 in production so tasks run in 2 AZs; raise desiredCount or use profile "development"' });
        }
        if (args.maxCount !== undefined && args.maxCount < desired) ctx.addIssue({ code: "custom", path: ["maxCount"], message: `must be at least desiredCount (${desired})` });
    }, whenValid("profile", "privateSubnetIds", "desiredCount", "maxCount"))
    .superRefine((args, ctx) => {
        const memory = FARGATE_MEMORY[args.cpu];
        if (memory !== undefined) {
            const [min, max, step] = memory;
            if (args.memoryMb < min || args.memoryMb > max || (args.memoryMb - min) % step !== 0) {
                ctx.addIssue({ code: "custom", path: ["memoryMb"], message: `is not valid for cpu ${args.cpu} on Fargate; pass ${min}–${max} MiB in steps of ${step}` });
            }
        }
    }, whenValid("cpu", "memoryMb"))
    .superRefine((args, ctx) => {
        const needed = Math.max(timeToHealthySeconds(args.healthCheck), args.containerHealthCheck.startPeriodSeconds);
        if (args.healthCheckGracePeriodSeconds < needed) {
            ctx.addIssue({
                code: "custom",
                path: ["healthCheckGracePeriodSeconds"],
                message: `must be at least ${needed}s (healthCheck.intervalSeconds × healthCheck.healthyThreshold, and containerHealthCheck.startPeriodSeconds) or new tasks are killed before they can pass; raise it`,
            });
        }
        if (args.containerHealthCheck.timeoutSeconds >= args.containerHealthCheck.intervalSeconds) {
            ctx.addIssue({ code: "custom", path: ["containerHealthCheck", "timeoutSeconds"], message: `must be less than containerHealthCheck.intervalSeconds (${args.containerHealthCheck.intervalSeconds})` });
        }
    }, whenValid("healthCheck.intervalSeconds", "healthCheck.healthyThreshold", "containerHealthCheck", "healthCheckGracePeriodSeconds"));


/**
 * An ECS Fargate service behind an Application Load Balancer, safe to deploy and to lose an AZ:
 * at least two tasks over at least two AZs, rolling deployments with minimum healthy 100 %, the
 * deployment circuit breaker and alarm-based rollback (and `pulumi up` waits for steady state, so a
 * rolled-back deployment fails the update), a container health check plus the target-group health
 * check and a grace period, autoscaling on CPU and requests per target, Container Insights, a log
 * group with retention, and alarms on running tasks, 5xx, unhealthy targets and latency.
 */
export class HealthCheckedService extends pulumi.ComponentResource {
    readonly cluster: aws.ecs.Cluster;
    readonly service: aws.ecs.Service;
    readonly taskDefinition: aws.ecs.TaskDefinition;
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly taskSecurityGroup: aws.ec2.SecurityGroup;
    readonly taskRole: aws.iam.Role;
    readonly executionRole: aws.iam.Role;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly alarms: aws.cloudwatch.MetricAlarm[];
    readonly dnsName: pulumi.Output<string>;
    readonly alarmTopicArn: pulumi.Output<string>;

    constructor(name: string, args: HealthCheckedServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        const parsed = validateArgs(schema, args, TYPE, name);
        super(TYPE, name, {}, opts);
        const production = parsed.profile === "production";
        const tags = componentTags(TYPE, parsed.profile, parsed.tags);
        const child = { parent: this };
        const azCount = knownCount(args.privateSubnetIds);
        const desiredCount = defaultRedundantCount(parsed.desiredCount, production, azCount);
        const maxCount = parsed.maxCount ?? desiredCount * 4;
        this.alarmTopicArn = pulumi.output(resolveAlarmTopic(this, name, parsed.alarms?.topicArn, parsed));
        const privateSubnetIds = Array.isArray(args.privateSubnetIds) ? args.privateSubnetIds : guardedSubnetIds(args.privateSubnetIds, production ? 2 : 1, "privateSubnetIds", TYPE, name);
        const publicSubnetIds = Array.isArray(args.publicSubnetIds) ? args.publicSubnetIds : guardedSubnetIds(args.publicSubnetIds, 2, "publicSubnetIds", TYPE, name);

        const lb = createLoadBalancer(this, name, {
            vpcId: parsed.vpcId,
            publicSubnetIds,
            targetPort: parsed.containerPort,
            targetType: "ip",
            lb: parsed.loadBalancer,
            healthCheck: parsed.healthCheck,
            thresholds: parsed.alarmThresholds,
            profile: parsed.profile,
            tags,
            alarmTopicArn: this.alarmTopicArn,
        });
        this.loadBalancer = lb.loadBalancer;
        this.targetGroup = lb.targetGroup;
        this.taskSecurityGroup = lb.targetSecurityGroup;
        this.dnsName = lb.loadBalancer.dnsName;

        this.cluster = new aws.ecs.Cluster(`${name}-cluster`, { settings: [{ name: "containerInsights", value: "enabled" }], tags }, child);
        // A name known before deployment (unique per project, stack and component) keeps the
        // container definition — and so its health check — visible to policies in a first preview.
        this.logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { name: `/faultguard/ecs/${pulumi.getProject()}/${pulumi.getStack()}/${name}`, retentionInDays: parsed.logRetentionInDays ?? defaultLogRetention(production), tags },
            child,
        );

        // Execution role: pull the image and write this service's logs, nothing else.
        this.executionRole = new aws.iam.Role(`${name}-execution`, { assumeRolePolicy: assumeRolePolicyFor("ecs-tasks.amazonaws.com"), tags }, child);
        const executionPolicy = new aws.iam.RolePolicy(
            `${name}-execution`,
            {
                role: this.executionRole.id,
                policy: policyDocument([
                    // GetAuthorizationToken has no resource-level permissions; the image may live in any repository.
                    { Sid: "PullImage", Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: "*" },
                    { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${this.logGroup.arn}:*` },
                ]),
            },
            child,
        );
        // Task role: the application's identity; no permissions unless the caller grants them.
        this.taskRole = new aws.iam.Role(`${name}-task`, { assumeRolePolicy: assumeRolePolicyFor("ecs-tasks.amazonaws.com"), tags }, child);
        (args.taskRolePolicyArns ?? []).forEach((policyArn, i) => new aws.iam.RolePolicyAttachment(`${name}-task-${i}`, { role: this.taskRole.name, policyArn }, child));

        const region = aws.getRegionOutput({}, child).region;
        const hc = parsed.containerHealthCheck;
        const healthCommand = hc.command ?? ["CMD-SHELL", `curl -fsS http://localhost:${parsed.containerPort}${parsed.healthCheck.path} || exit 1`];
        const containerDefinitions = pulumi.jsonStringify([
            {
                name: "app",
                image: args.image,
                essential: true,
                readonlyRootFilesystem: parsed.readonlyRootFilesystem,
                portMappings: [{ containerPort: parsed.containerPort, protocol: "tcp" }],
                environment: Object.entries(args.environment ?? {}).map(([key, value]) => ({ name: key, value })),
                healthCheck: { command: healthCommand, interval: hc.intervalSeconds, timeout: hc.timeoutSeconds, retries: hc.retries, startPeriod: hc.startPeriodSeconds },
                // Non-blocking: a slow log pipeline must not stall the application. The app logs JSON to stdout.
                logConfiguration: {
                    logDriver: "awslogs",
                    options: { "awslogs-group": this.logGroup.name, "awslogs-region": region, "awslogs-stream-prefix": "app", mode: "non-blocking", "max-buffer-size": "25m" },
                },
                stopTimeout: 30,
            },
        ]);
        this.taskDefinition = new aws.ecs.TaskDefinition(
            `${name}-task`,
            {
                family: `${name}`,
                requiresCompatibilities: ["FARGATE"],
                networkMode: "awsvpc",
                cpu: String(parsed.cpu),
                memory: String(parsed.memoryMb),
                executionRoleArn: this.executionRole.arn,
                taskRoleArn: this.taskRole.arn,
                runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: parsed.cpuArchitecture },
                containerDefinitions,
                tags,
            },
            child,
        );

        this.service = new aws.ecs.Service(
            `${name}-service`,
            {
                cluster: this.cluster.arn,
                taskDefinition: this.taskDefinition.arn,
                launchType: "FARGATE",
                desiredCount,
                networkConfiguration: { subnets: privateSubnetIds, securityGroups: [lb.targetSecurityGroup.id], assignPublicIp: false },
                loadBalancers: [{ targetGroupArn: lb.targetGroup.arn, containerName: "app", containerPort: parsed.containerPort }],
                healthCheckGracePeriodSeconds: parsed.healthCheckGracePeriodSeconds,
                deploymentController: { type: "ECS" },
                deploymentCircuitBreaker: { enable: true, rollback: true },
                deploymentMinimumHealthyPercent: 100,
                deploymentMaximumPercent: 200,
                alarms: { alarmNames: lb.rollbackAlarmNames, enable: true, rollback: true },
                availabilityZoneRebalancing: "ENABLED",
                waitForSteadyState: true,
                propagateTags: "SERVICE",
                enableEcsManagedTags: true,
                tags,
            },
            {
                parent: this,
                dependsOn: [...lb.listeners, executionPolicy],
                // Autoscaling owns the running count after creation.
                ignoreChanges: ["desiredCount"],
                customTimeouts: { create: "20m", update: "20m", delete: "20m" },
            },
        );

        const scalingTarget = new aws.appautoscaling.Target(
            `${name}-scaling`,
            {
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                resourceId: pulumi.interpolate`service/${this.cluster.name}/${this.service.name}`,
                minCapacity: desiredCount,
                maxCapacity: maxCount,
                tags,
            },
            child,
        );
        new aws.appautoscaling.Policy(
            `${name}-cpu`,
            {
                policyType: "TargetTrackingScaling",
                serviceNamespace: scalingTarget.serviceNamespace,
                scalableDimension: scalingTarget.scalableDimension,
                resourceId: scalingTarget.resourceId,
                targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" }, targetValue: parsed.scaling.targetCpuPercent, scaleInCooldown: 300, scaleOutCooldown: 60 },
            },
            child,
        );
        new aws.appautoscaling.Policy(
            `${name}-requests`,
            {
                policyType: "TargetTrackingScaling",
                serviceNamespace: scalingTarget.serviceNamespace,
                scalableDimension: scalingTarget.scalableDimension,
                resourceId: scalingTarget.resourceId,
                targetTrackingScalingPolicyConfiguration: {
                    predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: pulumi.interpolate`${lb.loadBalancer.arnSuffix}/${lb.targetGroup.arnSuffix}` },
                    targetValue: parsed.scaling.requestsPerTarget,
                    scaleInCooldown: 300,
                    scaleOutCooldown: 60,
                },
            },
            child,
        );

        const runningTasks = createMetricAlarm(
            `${name}-running-tasks`,
            {
                namespace: "ECS/ContainerInsights",
                metricName: "RunningTaskCount",
                dimensions: { ClusterName: this.cluster.name, ServiceName: this.service.name },
                statistic: "Minimum",
                comparisonOperator: "LessThanThreshold",
                threshold: desiredCount,
                evaluationPeriods: 5,
                treatMissingData: "breaching", // Container Insights reports every minute while the service exists
                description: `${name}: fewer running tasks than the desired minimum (${desiredCount})`,
            },
            { topicArn: this.alarmTopicArn },
            child,
            tags,
        );
        this.alarms = [lb.alarms.target5xx, lb.alarms.elb5xx, lb.alarms.unhealthyHosts, lb.alarms.latency, runningTasks];

        this.registerOutputs({
            dnsName: this.dnsName,
            clusterName: this.cluster.name,
            serviceName: this.service.name,
            loadBalancerArn: this.loadBalancer.arn,
            targetGroupArn: this.targetGroup.arn,
            taskSecurityGroupId: this.taskSecurityGroup.id,
            taskRoleArn: this.taskRole.arn,
            logGroupName: this.logGroup.name,
            alarmTopicArn: this.alarmTopicArn,
            alarmNames: this.alarms.map((a) => a.name),
        });
    }
}
