// The load-balancer half shared by LoadBalancedAutoScalingGroup and HealthCheckedService: an ALB in
// the public subnets with access logs, listeners, a target group with an explicit health check,
// the two security groups (world → ALB listener ports, ALB → targets on the target port only), and
// the ALB/target-group alarms.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type AlarmedContext } from "../alarms/routing";
import { type Profile } from "../lib/profile";
import { guardedSubnetIds, knownCount, type SubnetIds, subnetListSchema } from "../lib/subnets";
import { input } from "../lib/validation";
import { accessLogDestination } from "./accessLogBucket";
import { createListeners, createTargetGroup, listenerPorts } from "./listeners";
import { createLoadBalancerAlarms, type LoadBalancerAlarms } from "./loadBalancerAlarms";
import { createLoadBalancerSecurityGroups } from "./securityGroups";

/** The TLS policies we accept: TLS 1.3-capable ELB policies (`ELBSecurityPolicy-TLS13-*`). */
export const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface LoadBalancerArgs {
    /**
     * ACM certificate ARN. With it: an HTTPS listener on 443 (TLS policy `sslPolicy`) and an HTTP
     * listener on 80 that only redirects to HTTPS. Without it: a plain HTTP listener on 80 that
     * forwards to the targets — meant for development or for a TLS-terminating layer in front
     * (CloudFront, Global Accelerator); do not serve user traffic over plain HTTP.
     */
    certificateArn?: pulumi.Input<string>;
    /** A TLS 1.3-capable policy (default `ELBSecurityPolicy-TLS13-1-2-2021-06`). */
    sslPolicy?: string;
    /** Seconds an idle connection is kept open (1–4000, default 60). Set explicitly on the ALB. */
    idleTimeoutSeconds?: number;
    /** Internal (private) load balancer instead of internet-facing (default false). */
    internal?: boolean;
    /** Who may reach the listener ports (default `["0.0.0.0/0"]`). */
    ingressCidrBlocks?: string[];
    /**
     * Access logs. Default: a bucket made for them (SSE-S3, public access blocked, 90-day expiry).
     * Pass `bucket` to use your own (it needs the ELB log-delivery bucket policy).
     */
    accessLogs?: {
        /** Your own bucket instead (it needs the ELB log-delivery bucket policy). */
        bucket?: pulumi.Input<string>;
        /** Key prefix for the logs (no leading or trailing `/`). */
        prefix?: string;
        /** Days before the logs in the bucket made here expire (default 90). */
        expireAfterDays?: number;
    };
    /** Seconds to drain in-flight requests before a target is deregistered (0–3600, default 30). */
    deregistrationDelaySeconds?: number;
}

export interface TargetHealthCheckArgs {
    /** HTTP path probed on each target (default `/health`). */
    path?: string;
    /** HTTP codes that count as healthy (default `200-399`). */
    matcher?: string;
    /** Seconds between probes (5–300, default 15). */
    intervalSeconds?: number;
    /** Seconds before a probe fails (2–120, default 5); must be less than the interval. */
    timeoutSeconds?: number;
    /** Consecutive successes before a target is healthy (2–10, default 3). */
    healthyThreshold?: number;
    /** Consecutive failures before a target is unhealthy (2–10, default 3). */
    unhealthyThreshold?: number;
}

export interface LoadBalancerAlarmThresholds {
    /** Target 5xx responses per minute before the alarm fires (default 5). */
    http5xxPerMinute?: number;
    /** p99 target response time in seconds before the alarm fires (default 2). */
    latencyP99Seconds?: number;
}

export const loadBalancerSchema = z
    .strictObject({
        certificateArn: input(z.string().startsWith("arn:", "must be an ACM certificate ARN (arn:aws:acm:...)")).optional(),
        sslPolicy: z
            .string()
            .startsWith("ELBSecurityPolicy-TLS13-", `must be a TLS 1.3 policy (ELBSecurityPolicy-TLS13-*); pass "${DEFAULT_SSL_POLICY}" or newer`)
            .default(DEFAULT_SSL_POLICY),
        idleTimeoutSeconds: z.number().int().min(1, "must be 1–4000 seconds").max(4000, "must be 1–4000 seconds").default(60),
        internal: z.boolean().default(false),
        ingressCidrBlocks: z.array(z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "must be an IPv4 CIDR block such as 10.0.0.0/8")).min(1, "needs at least one CIDR block").default(["0.0.0.0/0"]),
        accessLogs: z
            .strictObject({
                bucket: input(z.string().min(3)).optional(),
                prefix: z.string().regex(/^[^/].*[^/]$|^$/, "must not start or end with '/'").optional(),
                expireAfterDays: z.number().int().min(1).default(90),
            })
            .default({ expireAfterDays: 90 }),
        deregistrationDelaySeconds: z.number().int().min(0).max(3600, "must be 0–3600 seconds").default(30),
    })
    .default({ sslPolicy: DEFAULT_SSL_POLICY, idleTimeoutSeconds: 60, internal: false, ingressCidrBlocks: ["0.0.0.0/0"], accessLogs: { expireAfterDays: 90 }, deregistrationDelaySeconds: 30 });

export const healthCheckSchema = z
    .strictObject({
        path: z.string().startsWith("/", "must be an absolute path such as /health").default("/health"),
        matcher: z.string().regex(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, 'must be HTTP codes such as "200" or "200-399"').default("200-399"),
        intervalSeconds: z.number().int().min(5, "must be 5–300 seconds").max(300, "must be 5–300 seconds").default(15),
        timeoutSeconds: z.number().int().min(2, "must be 2–120 seconds").max(120, "must be 2–120 seconds").default(5),
        healthyThreshold: z.number().int().min(2, "must be 2–10").max(10, "must be 2–10").default(3),
        unhealthyThreshold: z.number().int().min(2, "must be 2–10").max(10, "must be 2–10").default(3),
    })
    .superRefine((hc, ctx) => {
        if (hc.timeoutSeconds >= hc.intervalSeconds) {
            ctx.addIssue({ code: "custom", path: ["timeoutSeconds"], message: `must be less than intervalSeconds (${hc.intervalSeconds}); lower the timeout or raise the interval` });
        }
    })
    .default({ path: "/health", matcher: "200-399", intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 3, unhealthyThreshold: 3 });

export const loadBalancerAlarmThresholdsSchema = z
    .strictObject({
        http5xxPerMinute: z.number().min(0).default(5),
        latencyP99Seconds: z.number().positive().default(2),
    })
    .default({ http5xxPerMinute: 5, latencyP99Seconds: 2 });

export type ParsedLoadBalancer = z.output<typeof loadBalancerSchema>;
export type ParsedHealthCheck = z.output<typeof healthCheckSchema>;

/** Seconds a new target needs to pass the health check: interval × healthy threshold. */
export function timeToHealthySeconds(hc: ParsedHealthCheck): number {
    return hc.intervalSeconds * hc.healthyThreshold;
}

/** The parsed args every load-balanced component has (LoadBalancedAutoScalingGroup, HealthCheckedService). */
export interface LoadBalancedArgs {
    vpcId: pulumi.Input<string>;
    publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    loadBalancer: ParsedLoadBalancer;
    healthCheck: ParsedHealthCheck;
    alarmThresholds: z.output<typeof loadBalancerAlarmThresholdsSchema>;
}

/** The shape of `vpcId` and the two subnet lists in a load-balanced component's schema. */
export function tierNetworkShape(targets: string) {
    return {
        vpcId: input(z.string().min(1, "must be a VPC ID such as vpc-0123…")),
        publicSubnetIds: subnetListSchema(2, "public", "an Application Load Balancer needs two AZs"),
        privateSubnetIds: subnetListSchema(1, "private", `for the ${targets}`),
    };
}

/** Production runs the targets in at least two AZs: the issue when a plain list has fewer. */
export function checkPrivateSubnetsRedundant(args: { profile: Profile; privateSubnetIds: unknown }, ctx: z.RefinementCtx): void {
    const azCount = knownCount(args.privateSubnetIds as SubnetIds);
    if (args.profile === "production" && azCount !== undefined && azCount < 2) {
        ctx.addIssue({ code: "custom", path: ["privateSubnetIds"], message: `needs subnets in at least 2 availability zones in production (got ${azCount}); pass one private subnet per AZ, or use profile "development"` });
    }
}

export interface LoadBalancerParts {
    loadBalancer: aws.lb.LoadBalancer;
    targetGroup: aws.lb.TargetGroup;
    loadBalancerSecurityGroup: aws.ec2.SecurityGroup;
    targetSecurityGroup: aws.ec2.SecurityGroup;
    listeners: aws.lb.Listener[];
    accessLogBucket?: aws.s3.Bucket;
    alarms: LoadBalancerAlarms;
    /** The alarms that mean "the new version is bad": used for deployment rollback. */
    rollbackAlarmNames: pulumi.Output<string>[];
    /** `app/<alb>/<id>/targetgroup/<tg>/<id>`: the resource label of ALBRequestCountPerTarget scaling. */
    requestCountLabel: pulumi.Output<string>;
}

/**
 * The load-balancer half of a load-balanced component: security groups, access logs, the ALB in
 * the public subnets, a target group on `target.port`, the listeners and the ALB alarms.
 */
export function createLoadBalancer(ctx: AlarmedContext<LoadBalancedArgs>, target: { port: number; type: "instance" | "ip" }): LoadBalancerParts {
    const { args: { loadBalancer: lb, healthCheck, vpcId }, child } = ctx;
    const publicSubnetIds = guardedSubnetIds(ctx.args.publicSubnetIds, 2, "publicSubnetIds", ctx);
    const securityGroups = createLoadBalancerSecurityGroups(ctx, { vpcId, ingressCidrBlocks: lb.ingressCidrBlocks, listenerPorts: listenerPorts(lb), targetPort: target.port });
    const accessLogs = accessLogDestination(ctx, lb.accessLogs);
    const loadBalancer = new aws.lb.LoadBalancer(
        `${ctx.name}-alb`,
        {
            loadBalancerType: "application",
            internal: lb.internal,
            subnets: publicSubnetIds,
            securityGroups: [securityGroups.loadBalancer.id],
            idleTimeout: lb.idleTimeoutSeconds,
            enableDeletionProtection: ctx.production,
            dropInvalidHeaderFields: true,
            desyncMitigationMode: "defensive",
            enableCrossZoneLoadBalancing: true,
            enableHttp2: true,
            accessLogs: { bucket: accessLogs.bucketName, prefix: lb.accessLogs.prefix, enabled: true },
            tags: ctx.tags,
        },
        { ...child, dependsOn: accessLogs.ready },
    );
    const targetGroup = createTargetGroup(ctx, { vpcId, port: target.port, targetType: target.type, deregistrationDelaySeconds: lb.deregistrationDelaySeconds, healthCheck });
    const listeners = createListeners(ctx, loadBalancer, targetGroup, lb);
    const alarms = createLoadBalancerAlarms(ctx, loadBalancer, targetGroup, ctx.args.alarmThresholds);
    return {
        loadBalancer,
        targetGroup,
        loadBalancerSecurityGroup: securityGroups.loadBalancer,
        targetSecurityGroup: securityGroups.targets,
        listeners,
        accessLogBucket: accessLogs.bucket,
        alarms,
        rollbackAlarmNames: [alarms.target5xx.name, alarms.unhealthyHosts.name],
        requestCountLabel: pulumi.interpolate`${loadBalancer.arnSuffix}/${targetGroup.arnSuffix}`,
    };
}
