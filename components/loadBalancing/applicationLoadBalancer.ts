// The load-balancer half shared by LoadBalancedAutoScalingGroup and HealthCheckedService: an ALB in
// the public subnets with access logs, listeners, a target group with an explicit health check,
// the two security groups (world → ALB listener ports, ALB → targets on the target port only), and
// the ALB/target-group alarms.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { createMetricAlarm } from "../alarms/metricAlarm";
import { type Profile } from "../lib/profile";
import { input } from "../lib/validation";
import { elbLogDeliveryPrincipal } from "./elbLogDelivery";

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
    accessLogs?: { bucket?: pulumi.Input<string>; prefix?: string; expireAfterDays?: number };
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

export interface LoadBalancerParts {
    loadBalancer: aws.lb.LoadBalancer;
    targetGroup: aws.lb.TargetGroup;
    loadBalancerSecurityGroup: aws.ec2.SecurityGroup;
    targetSecurityGroup: aws.ec2.SecurityGroup;
    listeners: aws.lb.Listener[];
    accessLogBucket?: aws.s3.Bucket;
    /** Alarms on the target group (5xx, unhealthy hosts, latency) and the ALB (ELB 5xx). */
    alarms: { target5xx: aws.cloudwatch.MetricAlarm; elb5xx: aws.cloudwatch.MetricAlarm; unhealthyHosts: aws.cloudwatch.MetricAlarm; latency: aws.cloudwatch.MetricAlarm };
    /** The alarms that mean "the new version is bad": used for deployment rollback. */
    rollbackAlarmNames: pulumi.Output<string>[];
}

export function createLoadBalancer(
    parent: pulumi.ComponentResource,
    name: string,
    args: {
        vpcId: pulumi.Input<string>;
        publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
        targetPort: number;
        targetType: "instance" | "ip";
        lb: ParsedLoadBalancer;
        healthCheck: ParsedHealthCheck;
        thresholds: z.output<typeof loadBalancerAlarmThresholdsSchema>;
        profile: Profile;
        tags: Record<string, string>;
        alarmTopicArn: pulumi.Input<string>;
    },
): LoadBalancerParts {
    const child = { parent };
    const { lb, healthCheck, tags } = args;
    const production = args.profile === "production";
    const https = lb.certificateArn !== undefined;

    // Security groups: world → ALB on the listener ports only; ALB → targets on the target port only.
    const loadBalancerSecurityGroup = new aws.ec2.SecurityGroup(
        `${name}-alb`,
        { vpcId: args.vpcId, description: `${name} load balancer: listener ports from ${lb.ingressCidrBlocks.join(", ")}`, tags: { ...tags, Name: `${name}-alb` } },
        child,
    );
    const targetSecurityGroup = new aws.ec2.SecurityGroup(
        `${name}-targets`,
        { vpcId: args.vpcId, description: `${name} targets: port ${args.targetPort} from the load balancer only`, tags: { ...tags, Name: `${name}-targets` } },
        child,
    );
    const listenerPorts = https ? [443, 80] : [80];
    for (const port of listenerPorts) {
        lb.ingressCidrBlocks.forEach((cidr, i) => {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-alb-in-${port}-${i}`,
                { securityGroupId: loadBalancerSecurityGroup.id, cidrIpv4: cidr, ipProtocol: "tcp", fromPort: port, toPort: port, description: `listener ${port}`, tags },
                child,
            );
        });
    }
    new aws.vpc.SecurityGroupEgressRule(
        `${name}-alb-out-targets`,
        { securityGroupId: loadBalancerSecurityGroup.id, referencedSecurityGroupId: targetSecurityGroup.id, ipProtocol: "tcp", fromPort: args.targetPort, toPort: args.targetPort, description: "to targets", tags },
        child,
    );
    new aws.vpc.SecurityGroupIngressRule(
        `${name}-targets-in-alb`,
        { securityGroupId: targetSecurityGroup.id, referencedSecurityGroupId: loadBalancerSecurityGroup.id, ipProtocol: "tcp", fromPort: args.targetPort, toPort: args.targetPort, description: "from the load balancer", tags },
        child,
    );
    // Targets call out (package mirrors, AWS APIs) through the NAT gateways.
    new aws.vpc.SecurityGroupEgressRule(
        `${name}-targets-out`,
        { securityGroupId: targetSecurityGroup.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "-1", description: "outbound through NAT", tags },
        child,
    );

    // Access logs: the caller's bucket, or one made here.
    let accessLogBucket: aws.s3.Bucket | undefined;
    let bucketName: pulumi.Input<string>;
    let bucketReady: pulumi.Resource[] = [];
    if (lb.accessLogs.bucket !== undefined) {
        bucketName = lb.accessLogs.bucket;
    } else {
        // Disposable diagnostics (they expire): not worth cross-region replication. Exempted by tag,
        // so faultguard preview lists the exemption with its reason instead of hiding it.
        const exemption = { "faultguard:exempt:s3-replication": `ALB access logs are disposable diagnostics that expire after ${lb.accessLogs.expireAfterDays} days` };
        accessLogBucket = new aws.s3.Bucket(`${name}-access-logs`, { forceDestroy: !production, tags: { ...tags, ...exemption } }, child);
        const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-access-logs`,
            // ALB log delivery supports SSE-S3 only.
            { bucket: accessLogBucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
            child,
        );
        const publicAccess = new aws.s3.BucketPublicAccessBlock(
            `${name}-access-logs`,
            { bucket: accessLogBucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            child,
        );
        const ownership = new aws.s3.BucketOwnershipControls(`${name}-access-logs`, { bucket: accessLogBucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-access-logs`,
            { bucket: accessLogBucket.id, rules: [{ id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: lb.accessLogs.expireAfterDays } }] },
            child,
        );
        const region = aws.getRegionOutput({}, child);
        const partition = aws.getPartitionOutput({}, child);
        const caller = aws.getCallerIdentityOutput({}, child);
        const prefix = lb.accessLogs.prefix ? `${lb.accessLogs.prefix}/` : "";
        const policy = new aws.s3.BucketPolicy(
            `${name}-access-logs`,
            {
                bucket: accessLogBucket.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "ElbLogDelivery",
                            Effect: "Allow",
                            Principal: pulumi.all([region.region, partition.partition]).apply(([r, p]) => elbLogDeliveryPrincipal(r, p)),
                            Action: "s3:PutObject",
                            Resource: pulumi.interpolate`${accessLogBucket.arn}/${prefix}AWSLogs/${caller.accountId}/*`,
                        },
                        {
                            Sid: "DenyInsecureTransport",
                            Effect: "Deny",
                            Principal: "*",
                            Action: "s3:*",
                            Resource: [accessLogBucket.arn, pulumi.interpolate`${accessLogBucket.arn}/*`],
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        },
                    ],
                }),
            },
            { parent, dependsOn: [publicAccess, ownership] },
        );
        bucketName = accessLogBucket.bucket;
        bucketReady = [policy, encryption];
    }

    const loadBalancer = new aws.lb.LoadBalancer(
        `${name}-alb`,
        {
            loadBalancerType: "application",
            internal: lb.internal,
            subnets: args.publicSubnetIds,
            securityGroups: [loadBalancerSecurityGroup.id],
            idleTimeout: lb.idleTimeoutSeconds,
            enableDeletionProtection: production,
            dropInvalidHeaderFields: true,
            desyncMitigationMode: "defensive",
            enableCrossZoneLoadBalancing: true,
            enableHttp2: true,
            accessLogs: { bucket: bucketName, prefix: lb.accessLogs.prefix, enabled: true },
            tags,
        },
        { parent, dependsOn: bucketReady },
    );

    const targetGroup = new aws.lb.TargetGroup(
        `${name}-tg`,
        {
            vpcId: args.vpcId,
            port: args.targetPort,
            protocol: "HTTP",
            targetType: args.targetType,
            deregistrationDelay: lb.deregistrationDelaySeconds,
            healthCheck: {
                enabled: true,
                path: healthCheck.path,
                matcher: healthCheck.matcher,
                protocol: "HTTP",
                port: "traffic-port",
                interval: healthCheck.intervalSeconds,
                timeout: healthCheck.timeoutSeconds,
                healthyThreshold: healthCheck.healthyThreshold,
                unhealthyThreshold: healthCheck.unhealthyThreshold,
            },
            tags,
        },
        child,
    );

    const listeners: aws.lb.Listener[] = [];
    if (lb.certificateArn !== undefined) {
        listeners.push(
            new aws.lb.Listener(
                `${name}-https`,
                { loadBalancerArn: loadBalancer.arn, port: 443, protocol: "HTTPS", sslPolicy: lb.sslPolicy, certificateArn: lb.certificateArn, defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }], tags },
                child,
            ),
            new aws.lb.Listener(
                `${name}-http-redirect`,
                {
                    loadBalancerArn: loadBalancer.arn,
                    port: 80,
                    protocol: "HTTP",
                    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
                    tags,
                },
                child,
            ),
        );
    } else {
        // No certificate: plain HTTP (development, or TLS terminated in front of the ALB).
        listeners.push(new aws.lb.Listener(`${name}-http`, { loadBalancerArn: loadBalancer.arn, port: 80, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }], tags }, child));
    }

    const actions = { topicArn: args.alarmTopicArn };
    const targetDimensions = { LoadBalancer: loadBalancer.arnSuffix, TargetGroup: targetGroup.arnSuffix };
    const target5xx = createMetricAlarm(
        `${name}-target-5xx`,
        {
            namespace: "AWS/ApplicationELB",
            metricName: "HTTPCode_Target_5XX_Count",
            dimensions: targetDimensions,
            statistic: "Sum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: args.thresholds.http5xxPerMinute,
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
            treatMissingData: "notBreaching", // no datapoint = no 5xx responses
            description: `${name}: targets returned more than ${args.thresholds.http5xxPerMinute} 5xx responses per minute`,
        },
        actions,
        child,
        tags,
    );
    const elb5xx = createMetricAlarm(
        `${name}-elb-5xx`,
        {
            namespace: "AWS/ApplicationELB",
            metricName: "HTTPCode_ELB_5XX_Count",
            dimensions: { LoadBalancer: loadBalancer.arnSuffix },
            statistic: "Sum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: args.thresholds.http5xxPerMinute,
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
            treatMissingData: "notBreaching",
            description: `${name}: the load balancer itself returned 5xx (no healthy target, timeouts)`,
        },
        actions,
        child,
        tags,
    );
    const unhealthyHosts = createMetricAlarm(
        `${name}-unhealthy-hosts`,
        {
            namespace: "AWS/ApplicationELB",
            metricName: "UnHealthyHostCount",
            dimensions: targetDimensions,
            statistic: "Maximum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            evaluationPeriods: 3,
            treatMissingData: "notBreaching", // reported while targets are registered; no targets is the capacity alarm's job
            description: `${name}: at least one target fails its health check`,
        },
        actions,
        child,
        tags,
    );
    const latency = createMetricAlarm(
        `${name}-latency`,
        {
            namespace: "AWS/ApplicationELB",
            metricName: "TargetResponseTime",
            dimensions: targetDimensions,
            statistic: "p99",
            comparisonOperator: "GreaterThanThreshold",
            threshold: args.thresholds.latencyP99Seconds,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            treatMissingData: "notBreaching", // no requests = no latency
            description: `${name}: p99 target response time above ${args.thresholds.latencyP99Seconds}s`,
        },
        actions,
        child,
        tags,
    );

    return {
        loadBalancer,
        targetGroup,
        loadBalancerSecurityGroup,
        targetSecurityGroup,
        listeners,
        accessLogBucket,
        alarms: { target5xx, elb5xx, unhealthyHosts, latency },
        rollbackAlarmNames: [target5xx.name, unhealthyHosts.name],
    };
}
