import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { defineAlarmedComponent } from "../alarms/routing";
import { type CommonArgs, commonArgsShape } from "../lib/common";
import { defaultLogRetention, logRetentionSchema } from "../lib/logs";
import { defaultRedundantCount } from "../lib/profile";
import { guardedSubnetIds, knownCount, type SubnetIds } from "../lib/subnets";
import { input, whenValid } from "../lib/validation";
import {
    checkPrivateSubnetsRedundant,
    createLoadBalancer,
    healthCheckSchema,
    type LoadBalancerAlarmThresholds,
    loadBalancerAlarmThresholdsSchema,
    type LoadBalancerArgs,
    loadBalancerSchema,
    type TargetHealthCheckArgs,
    tierNetworkShape,
    timeToHealthySeconds,
} from "../loadBalancing/applicationLoadBalancer";
import { createEcsService, createRunningTasksAlarm, createServiceScaling } from "./ecsService";
import { containerDefinitions, createServiceLogGroup, createTaskDefinition, createTaskRoles } from "./taskDefinition";

export interface ContainerHealthCheckArgs {
    /** Default: `["CMD-SHELL", "curl -fsS http://localhost:<port><healthCheck.path> || exit 1"]` (the image needs curl). */
    command?: string[];
    /** Seconds between checks (5–300, default 15). */
    intervalSeconds?: number;
    /** Seconds before a check fails (2–60, default 5); less than the interval. */
    timeoutSeconds?: number;
    /** Failures before the container is unhealthy (1–10, default 3). */
    retries?: number;
    /** Seconds after start during which failures do not count (default 30). */
    startPeriodSeconds?: number;
}

export interface HealthCheckedServiceArgs extends CommonArgs {
    /** The VPC of the subnets (e.g. a `MultiAzNetwork`'s `vpcId`). */
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
    /** Environment variables of the container. */
    environment?: Record<string, pulumi.Input<string>>;
    /** CPU architecture of the image (default `X86_64`). */
    cpuArchitecture?: "X86_64" | "ARM64";
    /** Read-only root filesystem for the container (default true; mount volumes for scratch space). */
    readonlyRootFilesystem?: boolean;
    /** The container's own health check (ECS replaces a task that fails it). */
    containerHealthCheck?: ContainerHealthCheckArgs;
    /** The target group's health check of each target. */
    healthCheck?: TargetHealthCheckArgs;
    /** Seconds ECS ignores load-balancer health checks after a task starts (default 120); ≥ interval × healthy threshold and ≥ the container start period. */
    healthCheckGracePeriodSeconds?: number;
    /** The Application Load Balancer: TLS, idle timeout, who may reach it, access logs, draining. */
    loadBalancer?: LoadBalancerArgs;
    /** Target tracking scaling policies. */
    scaling?: {
        /** Average CPU % to hold (10–90, default 60). */
        targetCpuPercent?: number;
        /** ALB requests per target to hold (default 1000). */
        requestsPerTarget?: number;
    };
    /** Log retention in days (default 90 in production, 7 in development). */
    logRetentionInDays?: number;
    /** Managed policies for the task role (the application's own AWS access; none by default). */
    taskRolePolicyArns?: pulumi.Input<string>[];
    /** When the load-balancer alarms fire. */
    alarmThresholds?: LoadBalancerAlarmThresholds;
}

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
        ...tierNetworkShape("tasks"),
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
        checkPrivateSubnetsRedundant(args, ctx);
        const production = args.profile === "production";
        const azCount = knownCount(args.privateSubnetIds as SubnetIds);
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

/** The type token, args schema and prologue (lib/component.ts). */
export const SERVICE = defineAlarmedComponent("faultguard:aws:HealthCheckedService", schema);

/**
 * An ECS Fargate service behind an Application Load Balancer (the same load-balancer building block
 * as LoadBalancedAutoScalingGroup), safe to deploy and to lose an AZ: `desiredCount` ≥ 2 (default
 * one task per AZ) over ≥ 2 AZs, rolling deployment with minimum healthy 100 %, circuit breaker
 * **with rollback**, alarm-based rollback on 5xx and unhealthy targets, `waitForSteadyState` (a
 * rolled-back deployment fails `pulumi up`); a container health check plus the target-group health
 * check and a `healthCheckGracePeriodSeconds` covering both; autoscaling on CPU and on ALB requests
 * per target; Container Insights; a log group with retention, `awslogs` in non-blocking mode (log
 * JSON to stdout); read-only root filesystem; an execution role limited to image pulls and its own
 * log group, an empty task role; alarms on running tasks below desired, 5xx, unhealthy targets and
 * latency.
 *
 * @example
 * const api = new HealthCheckedService("api", {
 *     alarms,
 *     vpcId: network.vpcId,
 *     publicSubnetIds: network.publicSubnetIds,
 *     privateSubnetIds: network.privateSubnetIds,
 *     image: "public.ecr.aws/nginx/nginx:1.27",
 *     containerPort: 8080,
 * });
 * // api.dnsName, api.taskSecurityGroup
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
        const parsed = SERVICE.validate(args, name);
        super(SERVICE.type, name, {}, opts);
        const ctx = SERVICE.open(this, name, parsed);
        const desiredCount = defaultRedundantCount(parsed.desiredCount, ctx.production, knownCount(args.privateSubnetIds));
        this.alarmTopicArn = ctx.alarmTopicArn;

        const lb = createLoadBalancer(ctx, { port: parsed.containerPort, type: "ip" });
        this.loadBalancer = lb.loadBalancer;
        this.targetGroup = lb.targetGroup;
        this.taskSecurityGroup = lb.targetSecurityGroup;
        this.dnsName = lb.loadBalancer.dnsName;

        this.cluster = new aws.ecs.Cluster(`${name}-cluster`, { settings: [{ name: "containerInsights", value: "enabled" }], tags: ctx.tags }, ctx.child);
        this.logGroup = createServiceLogGroup(ctx, parsed.logRetentionInDays ?? defaultLogRetention(ctx.production));
        const roles = createTaskRoles(ctx, this.logGroup, args.taskRolePolicyArns ?? []);
        this.executionRole = roles.execution;
        this.taskRole = roles.task;
        const container = {
            image: args.image,
            port: parsed.containerPort,
            environment: args.environment ?? {},
            readonlyRootFilesystem: parsed.readonlyRootFilesystem,
            healthCheck: parsed.containerHealthCheck,
            healthCheckPath: parsed.healthCheck.path,
        };
        this.taskDefinition = createTaskDefinition(ctx, parsed, roles, containerDefinitions(ctx, container, this.logGroup));
        this.service = createEcsService(ctx, {
            cluster: this.cluster,
            taskDefinition: this.taskDefinition,
            desiredCount,
            subnetIds: guardedSubnetIds(args.privateSubnetIds, ctx.production ? 2 : 1, "privateSubnetIds", ctx),
            securityGroupId: lb.targetSecurityGroup.id,
            targetGroup: lb.targetGroup,
            containerPort: parsed.containerPort,
            gracePeriodSeconds: parsed.healthCheckGracePeriodSeconds,
            rollbackAlarmNames: lb.rollbackAlarmNames,
            dependsOn: [...lb.listeners, roles.executionPolicy],
        });
        const running = { cluster: this.cluster, service: this.service };
        createServiceScaling(ctx, running, { min: desiredCount, max: parsed.maxCount ?? desiredCount * 4 }, { ...parsed.scaling, requestCountLabel: lb.requestCountLabel });
        this.alarms = [lb.alarms.target5xx, lb.alarms.elb5xx, lb.alarms.unhealthyHosts, lb.alarms.latency, createRunningTasksAlarm(ctx, running, desiredCount)];

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
