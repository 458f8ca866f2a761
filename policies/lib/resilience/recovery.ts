// The recovery table: every recovery figure the resilience assessment uses, in ONE place, each
// with the AWS documentation it comes from (quoted). A figure AWS does not publish is not here:
// the assessment names it "unsourced" in the derivation and keeps it out of mandatory verdicts.
//
// These are AWS's published typical values, not guarantees; the assessment reasons over
// configuration, not over live health.

export interface RecoveryFigure {
    /** Stable key, cited in every derivation that uses the figure. */
    id: string;
    /** What the figure measures. */
    what: string;
    /** Lower and upper bound in seconds (a single typical value has lower = upper; "less than X" has lower 0). */
    lowerSeconds: number;
    upperSeconds: number;
    /** The AWS documentation page. */
    source: string;
    /** The sentence on that page the figure comes from. */
    quote: string;
}

function figure(f: RecoveryFigure): RecoveryFigure {
    return f;
}

export const RECOVERY = {
    rdsMultiAzInstanceFailover: figure({
        id: "rds-multi-az-instance-failover",
        what: "RDS Multi-AZ DB instance: failover to the standby in another AZ",
        lowerSeconds: 60,
        upperSeconds: 120,
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html",
        quote: "Failover times are typically 60–120 seconds.",
    }),
    rdsMultiAzClusterFailover: figure({
        id: "rds-multi-az-cluster-failover",
        what: "RDS Multi-AZ DB cluster (two readable standbys): failover",
        lowerSeconds: 0,
        upperSeconds: 35,
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-failover.html",
        quote: "Failover times are typically under 35 seconds.",
    }),
    auroraFailoverToReplica: figure({
        id: "aurora-failover-to-replica",
        what: "Aurora: promote an Aurora Replica when the writer fails",
        lowerSeconds: 0,
        upperSeconds: 60,
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html#Aurora.Managing.FaultTolerance",
        quote: "service is typically restored in less than 60 seconds, and often less than 30 seconds.",
    }),
    auroraRecreateWriter: figure({
        id: "aurora-recreate-writer",
        what: "Aurora without replicas: recreate the writer (in the same AZ)",
        lowerSeconds: 0,
        upperSeconds: 600,
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html#Aurora.Managing.FaultTolerance",
        quote: "the primary instance is recreated in the same AZ during a failure event. [...] Service is restored when the new primary instance is created, which typically takes less than 10 minutes.",
    }),
    rdsSingleAzRestore: figure({
        id: "rds-single-az-restore",
        what: "RDS Single-AZ: a user-initiated point-in-time restore after a database failure",
        // "several hours": at least two.
        lowerSeconds: 2 * 3600,
        upperSeconds: 2 * 3600,
        source: "https://aws.amazon.com/rds/features/multi-az/",
        quote: "in case of a Single-AZ database failure, a user-initiated point-in-time-restore operation will be required. This operation can take several hours to complete",
    }),
    rdsLatestRestorableTime: figure({
        id: "rds-latest-restorable-time",
        what: "RDS/Aurora automated backups: data after the latest restorable time is lost on restore",
        lowerSeconds: 0,
        upperSeconds: 300,
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
        quote: "the latest restorable time [...] is typically within the last five minutes",
    }),
    dynamodbLatestRestorableTime: figure({
        id: "dynamodb-latest-restorable-time",
        what: "DynamoDB point-in-time recovery: data after LatestRestorableDateTime is lost on restore",
        lowerSeconds: 0,
        upperSeconds: 300,
        source: "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoveryDescription.html",
        quote: "LatestRestorableDateTime is typically 5 minutes before the current time.",
    }),
    auroraGlobalReplicationLag: figure({
        id: "aurora-global-replication-lag",
        what: "Aurora global database: replication lag to a secondary Region (data at risk on Region loss)",
        lowerSeconds: 0,
        upperSeconds: 1,
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
        quote: "Changes are replicated between AWS Regions with minimal lag, typically less than 1 second.",
    }),
    auroraGlobalPromotion: figure({
        id: "aurora-global-promotion",
        what: "Aurora global database: promote a secondary cluster for writes",
        lowerSeconds: 0,
        upperSeconds: 60,
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
        quote: "You can typically promote a secondary cluster and make it available for writes in under a minute.",
    }),
    targetGroupHealthCheckDefaults: figure({
        id: "target-group-health-check-defaults",
        what: "aws.lb.TargetGroup without a healthCheck block (the provider sends no settings; AWS's defaults): interval 30 s, 2 failures mark a target unhealthy, 5 successes healthy",
        lowerSeconds: 30,
        upperSeconds: 30,
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
        quote: "UnhealthyThresholdCount: [...] If the target group protocol is TCP, TCP_UDP, UDP, TLS, HTTP or HTTPS, the default is 2. [...] HealthyThresholdCount: [...] If the target group protocol is TCP, TCP_UDP, UDP, TLS, HTTP or HTTPS, the default is 5.",
    }),
    targetGroupHealthCheckProviderDefaults: figure({
        id: "target-group-health-check-provider-defaults",
        what: "aws.lb.TargetGroup healthCheck block with values left out (the provider's defaults, filled before it calls AWS): interval 30 s, unhealthy and healthy threshold 3",
        lowerSeconds: 30,
        upperSeconds: 30,
        source: "https://www.pulumi.com/registry/packages/aws/api-docs/lb/targetgroup/",
        quote: "interval: [...] Default 30 seconds. healthyThreshold: Number of consecutive health checks successes required before considering a target healthy. The range is 2-10. Defaults to 3. unhealthyThreshold: Number of consecutive health check failures required before considering a target unhealthy. The range is 2-10. Defaults to 3.",
    }),
    natGatewayZonal: figure({
        id: "nat-gateway-zonal",
        what: "A NAT gateway serves from one AZ: when that AZ is down, subnets routed through it lose internet egress until it returns",
        lowerSeconds: 0,
        upperSeconds: 0,
        source: "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html",
        quote: "If you have resources in multiple Availability Zones and they share one NAT gateway, and if the NAT gateway's Availability Zone is down, resources in the other Availability Zones lose internet access.",
    }),
    lambdaMultiAz: figure({
        id: "lambda-multi-az",
        what: "Lambda runs a function in several AZs (a VPC function: in the AZs of its subnets)",
        lowerSeconds: 0,
        upperSeconds: 0,
        source: "https://docs.aws.amazon.com/lambda/latest/dg/security-resilience.html",
        quote: "Lambda runs your function in multiple Availability Zones to ensure that it is available to process events in case of a service interruption in a single zone. If you configure your function to connect to a virtual private cloud (VPC) in your account, specify subnets in multiple Availability Zones to ensure high availability.",
    }),
    sqsDefaultRetention: figure({
        id: "sqs-default-retention",
        what: "SQS message retention when messageRetentionSeconds is unset: 4 days, after which an unconsumed message is deleted",
        lowerSeconds: 345600,
        upperSeconds: 345600,
        source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html",
        quote: "MessageRetentionPeriod – The length of time, in seconds, for which Amazon SQS retains a message. [...] Default: 345,600 (4 days).",
    }),
} as const;

export type RecoveryId = keyof typeof RECOVERY;

/** The table as data, in a stable order (report, README, tests). */
export const RECOVERY_TABLE: readonly RecoveryFigure[] = Object.values(RECOVERY);

/**
 * An estimate (RTO or RPO) with how it was derived. `upperSeconds` null means no upper bound can
 * be given from sourced figures: part of it is unsourced (named in `unsourced`) or recovery is
 * not automatic.
 */
export interface Estimate {
    lowerSeconds: number;
    upperSeconds: number | null;
    /** False when nothing recovers on its own: the AZ/Region must return, or an operator must act. */
    automatic: boolean;
    /** Human-readable arithmetic, e.g. "unhealthy 3 × 15 s + launch (unsourced) + healthy 3 × 15 s". */
    derivation: string;
    /** Recovery-table ids used. */
    sources: string[];
    /** Components with no AWS-published figure (kept out of mandatory verdicts). */
    unsourced: string[];
}

export const NONE: Estimate = { lowerSeconds: 0, upperSeconds: 0, automatic: true, derivation: "no interruption", sources: [], unsourced: [] };

export function fromFigure(f: RecoveryFigure, derivation?: string): Estimate {
    const range = f.lowerSeconds === f.upperSeconds ? `${formatSeconds(f.upperSeconds)}` : `${formatSeconds(f.lowerSeconds)}–${formatSeconds(f.upperSeconds)}`;
    return {
        lowerSeconds: f.lowerSeconds,
        upperSeconds: f.upperSeconds,
        automatic: true,
        derivation: derivation ?? `${f.what}: ${range} [${f.id}]`,
        sources: [f.id],
        unsourced: [],
    };
}

/** Recovery that waits for the AZ/Region to return or for an operator: no automatic bound. */
export function notAutomatic(derivation: string, sources: string[] = []): Estimate {
    return { lowerSeconds: Number.POSITIVE_INFINITY, upperSeconds: null, automatic: false, derivation, sources, unsourced: [] };
}

/** The longer of two estimates (a service is back when its slowest part is back). */
export function maxEstimate(a: Estimate | undefined, b: Estimate | undefined): Estimate | undefined {
    if (!a) return b;
    if (!b) return a;
    if (!a.automatic) return a;
    if (!b.automatic) return b;
    const upper = a.upperSeconds === null || b.upperSeconds === null ? null : Math.max(a.upperSeconds, b.upperSeconds);
    const first = a.lowerSeconds >= b.lowerSeconds ? a : b;
    const second = first === a ? b : a;
    return {
        lowerSeconds: Math.max(a.lowerSeconds, b.lowerSeconds),
        upperSeconds: upper,
        automatic: true,
        derivation: second.derivation === NONE.derivation || second.derivation === first.derivation ? first.derivation : `max(${first.derivation}; ${second.derivation})`,
        sources: [...new Set([...a.sources, ...b.sources])],
        unsourced: [...new Set([...a.unsourced, ...b.unsourced])],
    };
}

export function formatSeconds(s: number): string {
    if (!Number.isFinite(s)) return "∞";
    if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
    if (s >= 120 && s % 60 === 0) return `${s / 60} min`;
    return `${s} s`;
}

/** "60 s–2 min", "≥ 90 s (+ unsourced: instance launch)", "no automatic recovery". */
export function formatEstimate(e: Estimate): string {
    if (!e.automatic) return "no automatic recovery";
    if (e.upperSeconds === null) return `≥ ${formatSeconds(e.lowerSeconds)}${e.unsourced.length ? ` (+ unsourced: ${e.unsourced.join(", ")})` : ""}`;
    if (e.upperSeconds === 0) return "0";
    if (e.lowerSeconds === e.upperSeconds) return formatSeconds(e.upperSeconds);
    return e.lowerSeconds === 0 ? `≤ ${formatSeconds(e.upperSeconds)}` : `${formatSeconds(e.lowerSeconds)}–${formatSeconds(e.upperSeconds)}`;
}
