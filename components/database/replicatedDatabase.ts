import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { resolveAlarmTopic } from "../alarms/alarmTopic";
import { createMetricAlarm } from "../alarms/metricAlarm";
import { type CommonArgs, commonArgsShape } from "../lib/common";
import { assumeRolePolicyFor, policyDocument } from "../lib/iam";
import { guardedSubnetIds, type SubnetIds, subnetListSchema } from "../lib/subnets";
import { componentTags } from "../lib/tags";
import { input, inputList, validateArgs, whenValid } from "../lib/validation";

export type DatabaseEngine = "postgres" | "mysql";

export interface ReplicatedDatabaseArgs extends CommonArgs {
    engine: DatabaseEngine;
    /**
     * `instance` (default): an RDS Multi-AZ DB instance (synchronous standby in a second AZ) plus
     * `readReplicas` asynchronous read replicas. `aurora`: an Aurora cluster with a writer and
     * `readers` readers, each instance in its own AZ.
     */
    topology?: "instance" | "aurora";
    /** Engine version. Defaults: postgres `16`, mysql `8.0`, Aurora PostgreSQL `16.6`, Aurora MySQL `8.0.mysql_aurora.3.08.0`. */
    engineVersion?: string;
    /** Parameter group family, derived from engine and version (e.g. `postgres16`, `aurora-mysql8.0`); set it for unusual versions. */
    parameterGroupFamily?: string;
    /** Default `db.m7g.large` (instance) / `db.r7g.large` (Aurora). */
    instanceClass?: string;
    vpcId: pulumi.Input<string>;
    /** Private subnets in at least 2 AZs (an RDS requirement, and where the standby/readers go). */
    subnetIds: SubnetIds;
    /** Security groups allowed to connect (at least one). Nothing else can reach the database. */
    allowedSecurityGroupIds: pulumi.Input<string>[];
    /** AZs for read replicas / Aurora instances, each in a distinct AZ. Default: the region's AZs. */
    availabilityZones?: string[];
    /** Read replicas of a Multi-AZ instance (0–5, default 0). Each gets its own AZ; replicas take no final snapshot. */
    readReplicas?: number;
    /** Aurora readers besides the writer (0–15; default 1 in production, 0 in development). */
    readers?: number;
    databaseName?: string;
    /** Master user name (default `dbadmin`). Its password is generated and kept in Secrets Manager by RDS. */
    masterUsername?: string;
    /** GiB of storage, instance topology only (default 100), with storage autoscaling up to `maxAllocatedStorageGb` (default 4×). */
    allocatedStorageGb?: number;
    maxAllocatedStorageGb?: number;
    /** Days of automated backups (1–35; production at least 7, default 14; development default 1). */
    backupRetentionDays?: number;
    /** Server-side statement timeout in ms (PostgreSQL `statement_timeout`, MySQL `max_execution_time`; default 60000). */
    statementTimeoutMs?: number;
    /** PostgreSQL `idle_in_transaction_session_timeout` in ms (default 300000). */
    idleInTransactionTimeoutMs?: number;
    /** More parameters for the (cluster) parameter group. */
    parameters?: { name: string; value: string; applyMethod?: "immediate" | "pending-reboot" }[];
    /** Enhanced monitoring interval in seconds (1, 5, 10, 15, 30 or 60; default 60). */
    monitoringIntervalSeconds?: 1 | 5 | 10 | 15 | 30 | 60;
    /** KMS key for storage encryption (default: the account's RDS key). Storage is always encrypted. */
    kmsKeyId?: pulumi.Input<string>;
    /** An RDS Proxy in front of the writer (connection pooling, faster failover; default off). */
    proxy?: { enabled: boolean; idleClientTimeoutSeconds?: number; maxConnectionsPercent?: number };
    alarmThresholds?: {
        /** Average CPU % (default 80). */
        cpuPercent?: number;
        /** Free storage in GiB below which the alarm fires (default 10 % of allocated storage; Aurora: free local storage 2 GiB). */
        freeStorageGib?: number;
        /** Connections (default 500; set it from your instance class's max_connections). */
        connections?: number;
        /** Replica lag in seconds (default 60). */
        replicaLagSeconds?: number;
    };
}

const TYPE = "faultguard:aws:ReplicatedDatabase";

const DEFAULT_VERSIONS: Record<string, string> = { postgres: "16", mysql: "8.0", "aurora-postgresql": "16.6", "aurora-mysql": "8.0.mysql_aurora.3.08.0" };

/** `postgres` 16.4 → postgres16; `mysql` 8.0.39 → mysql8.0; Aurora MySQL 3 is 8.0-compatible. */
export function parameterGroupFamily(engine: string, version: string): string | undefined {
    const [major, minor] = version.split(".");
    if (engine === "postgres" || engine === "aurora-postgresql") return /^\d+$/.test(major) ? `${engine}${major}` : undefined;
    if (engine === "mysql" || engine === "aurora-mysql") return /^\d+$/.test(major) && minor !== undefined && /^\d+$/.test(minor) ? `${engine}${major}.${minor}` : undefined;
    return undefined;
}

const schema = z
    .strictObject({
        ...commonArgsShape,
        engine: z.enum(["postgres", "mysql"], 'must be "postgres" or "mysql"'),
        topology: z.enum(["instance", "aurora"], 'must be "instance" or "aurora"').default("instance"),
        engineVersion: z.string().regex(/^\d+(\.\w+)*$/, "must be a version such as 16.4 or 8.0.39").optional(),
        parameterGroupFamily: z.string().min(1).optional(),
        instanceClass: z.string().startsWith("db.", "must be an RDS instance class such as db.m7g.large").optional(),
        vpcId: input(z.string().min(1, "must be a VPC ID")),
        subnetIds: subnetListSchema(2, "private", "RDS subnet groups need two AZs for the standby"),
        allowedSecurityGroupIds: inputList({
            min: 1,
            minMessage: "needs at least one security group allowed to connect; pass the client's security group ID (e.g. a service's taskSecurityGroup.id)",
            duplicateMessage: "lists a security group twice",
        }),
        availabilityZones: z
            .array(z.string().min(1))
            .min(2, "needs at least 2 AZs")
            .refine((a) => new Set(a).size === a.length, "AZ names must be distinct")
            .optional(),
        readReplicas: z.number().int().min(0).max(5, "RDS allows at most 5 read replicas per source here").default(0),
        readers: z.number().int().min(0).max(15, "Aurora allows at most 15 readers").optional(),
        databaseName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, "must start with a letter and contain only letters, digits and _ (max 63)").optional(),
        masterUsername: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,15}$/, "must start with a letter, letters/digits/_ only, max 16 characters").default("dbadmin"),
        allocatedStorageGb: z.number().int().min(20, "must be at least 20 GiB").max(65536).default(100),
        maxAllocatedStorageGb: z.number().int().max(65536).optional(),
        backupRetentionDays: z.number().int().min(1, "must be 1–35 days").max(35, "must be 1–35 days").optional(),
        statementTimeoutMs: z.number().int().min(1, "must be > 0 (0 disables the timeout)").default(60_000),
        idleInTransactionTimeoutMs: z.number().int().min(1, "must be > 0 (0 disables the timeout)").default(300_000),
        parameters: z
            .array(z.strictObject({ name: z.string().min(1), value: z.string(), applyMethod: z.enum(["immediate", "pending-reboot"]).optional() }))
            .optional(),
        monitoringIntervalSeconds: z.union([z.literal(1), z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)], { error: "must be 1, 5, 10, 15, 30 or 60" }).default(60),
        kmsKeyId: input(z.string().min(1)).optional(),
        proxy: z
            .strictObject({
                enabled: z.boolean(),
                idleClientTimeoutSeconds: z.number().int().min(1).max(28800, "must be 1–28800 seconds").default(1800),
                maxConnectionsPercent: z.number().int().min(1).max(100, "must be 1–100").default(90),
            })
            .default({ enabled: false, idleClientTimeoutSeconds: 1800, maxConnectionsPercent: 90 }),
        alarmThresholds: z
            .strictObject({
                cpuPercent: z.number().min(1).max(100, "must be 1–100").default(80),
                freeStorageGib: z.number().positive().optional(),
                connections: z.number().int().positive().default(500),
                replicaLagSeconds: z.number().positive().default(60),
            })
            .default({ cpuPercent: 80, connections: 500, replicaLagSeconds: 60 }),
    })
    .superRefine((args, ctx) => {
        const engineName = args.topology === "aurora" ? `aurora-${args.engine === "postgres" ? "postgresql" : "mysql"}` : args.engine;
        const version = args.engineVersion ?? DEFAULT_VERSIONS[engineName];
        if (args.parameterGroupFamily === undefined && parameterGroupFamily(engineName, version) === undefined) {
            ctx.addIssue({ code: "custom", path: ["parameterGroupFamily"], message: `cannot be derived from engineVersion "${version}"; pass it, e.g. "${engineName}16"` });
        }
    }, whenValid("engine", "topology", "engineVersion", "parameterGroupFamily"))
    .superRefine((args, ctx) => {
        const production = args.profile === "production";
        const backups = args.backupRetentionDays ?? (production ? 14 : 1);
        if (production && backups < 7) {
            ctx.addIssue({ code: "custom", path: ["backupRetentionDays"], message: `must be at least 7 days in production (got ${backups}); raise it (default 14)` });
        }
    }, whenValid("profile", "backupRetentionDays"))
    .superRefine((args, ctx) => {
        const production = args.profile === "production";
        if (args.topology === "aurora") {
            if (args.readReplicas > 0) ctx.addIssue({ code: "custom", path: ["readReplicas"], message: 'applies to topology "instance"; for Aurora pass readers' });
            const readers = args.readers ?? (production ? 1 : 0);
            if (production && readers < 1) {
                ctx.addIssue({ code: "custom", path: ["readers"], message: 'must be at least 1 in production so the writer can fail over to another AZ; raise readers or use profile "development"' });
            }
            if (args.availabilityZones !== undefined && readers + 1 > args.availabilityZones.length) {
                ctx.addIssue({ code: "custom", path: ["availabilityZones"], message: `needs ${readers + 1} AZs for a writer and ${readers} readers in distinct AZs; add AZs or lower readers` });
            }
            if (args.maxAllocatedStorageGb !== undefined) ctx.addIssue({ code: "custom", path: ["maxAllocatedStorageGb"], message: "Aurora storage grows automatically; remove maxAllocatedStorageGb" });
        } else {
            if (args.readers !== undefined) ctx.addIssue({ code: "custom", path: ["readers"], message: 'applies to topology "aurora"; for an instance pass readReplicas' });
            if (args.availabilityZones !== undefined && args.readReplicas > args.availabilityZones.length) {
                ctx.addIssue({ code: "custom", path: ["availabilityZones"], message: `needs ${args.readReplicas} AZs to put each read replica in its own AZ; add AZs or lower readReplicas` });
            }
            const max = args.maxAllocatedStorageGb;
            if (max !== undefined && max < args.allocatedStorageGb) {
                ctx.addIssue({ code: "custom", path: ["maxAllocatedStorageGb"], message: `must be at least allocatedStorageGb (${args.allocatedStorageGb})` });
            }
        }
    }, whenValid("profile", "topology", "readReplicas", "readers", "availabilityZones", "allocatedStorageGb", "maxAllocatedStorageGb"))
    .superRefine((args, ctx) => {
        if (args.engine === "mysql" && args.parameters?.some((p) => p.name === "statement_timeout")) {
            ctx.addIssue({ code: "custom", path: ["parameters"], message: "statement_timeout is a PostgreSQL parameter; MySQL uses max_execution_time (set statementTimeoutMs)" });
        }
    }, whenValid("engine", "parameters"));

/** A DB identifier-safe form of a resource name (lowercase letters, digits, single hyphens). */
function identifierSafe(name: string): string {
    const cleaned = name.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
    return /^[a-z]/.test(cleaned) ? cleaned : `db-${cleaned}`;
}

/**
 * A replicated, protected PostgreSQL or MySQL database: a Multi-AZ RDS instance with optional read
 * replicas in distinct AZs, or an Aurora cluster with a writer and readers in distinct AZs.
 * Storage encrypted, master password generated and kept in Secrets Manager by RDS (never in
 * Pulumi state), deletion protection and a final snapshot (never on replicas), ≥ 7 days of
 * backups, Performance Insights and enhanced monitoring, server-side statement and idle-in-
 * transaction timeouts, reachable only from the security groups the caller names, alarms on CPU,
 * free storage, connections and replica lag, and an optional RDS Proxy.
 */
export class ReplicatedDatabase extends pulumi.ComponentResource {
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly subnetGroup: aws.rds.SubnetGroup;
    /** The primary instance (instance topology). */
    readonly instance?: aws.rds.Instance;
    readonly replicas: aws.rds.Instance[];
    /** The cluster and its instances, writer first (Aurora topology). */
    readonly cluster?: aws.rds.Cluster;
    readonly clusterInstances: aws.rds.ClusterInstance[];
    readonly proxy?: aws.rds.Proxy;
    readonly alarms: aws.cloudwatch.MetricAlarm[];
    /** Writer endpoint (the proxy's when a proxy is enabled). */
    readonly endpoint: pulumi.Output<string>;
    readonly readerEndpoint: pulumi.Output<string | undefined>;
    readonly port: number;
    /** Secrets Manager secret holding the master credentials (managed by RDS). */
    readonly masterUserSecretArn: pulumi.Output<string>;
    readonly alarmTopicArn: pulumi.Output<string>;

    constructor(name: string, args: ReplicatedDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        const parsed = validateArgs(schema, args, TYPE, name);
        super(TYPE, name, {}, opts);
        const production = parsed.profile === "production";
        const tags = componentTags(TYPE, parsed.profile, parsed.tags);
        const child = { parent: this };
        const aurora = parsed.topology === "aurora";
        const engine = aurora ? (parsed.engine === "postgres" ? "aurora-postgresql" : "aurora-mysql") : parsed.engine;
        const engineVersion = parsed.engineVersion ?? DEFAULT_VERSIONS[engine];
        const family = parsed.parameterGroupFamily ?? (parameterGroupFamily(engine, engineVersion) as string);
        const instanceClass = parsed.instanceClass ?? (aurora ? "db.r7g.large" : "db.m7g.large");
        this.port = parsed.engine === "postgres" ? 5432 : 3306;
        const backupRetentionPeriod = parsed.backupRetentionDays ?? (production ? 14 : 1);
        const readers = parsed.readers ?? (production ? 1 : 0);
        const safeName = identifierSafe(name);
        this.alarmTopicArn = pulumi.output(resolveAlarmTopic(this, name, parsed.alarms?.topicArn, parsed));
        const subnetIds = Array.isArray(args.subnetIds) ? args.subnetIds : guardedSubnetIds(args.subnetIds, 2, "subnetIds", TYPE, name);
        const needAzs = aurora ? readers + 1 : parsed.readReplicas;
        const availabilityZones: pulumi.Output<string[]> =
            parsed.availabilityZones !== undefined
                ? pulumi.output(parsed.availabilityZones)
                : needAzs > 0
                  ? aws.getAvailabilityZonesOutput({ state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] }, child).names
                  : pulumi.output([]);
        const azAt = (i: number) =>
            availabilityZones.apply((azs) => {
                if (azs.length < needAzs) throw new pulumi.RunError(`${TYPE} "${name}": needs ${needAzs} AZs to place each instance in its own AZ, the region has ${azs.length}`);
                return azs[i % azs.length];
            });

        // Network access: only the caller's security groups, only the database port.
        this.securityGroup = new aws.ec2.SecurityGroup(`${name}-db`, { vpcId: parsed.vpcId, description: `${name} database: port ${this.port} from named security groups only`, tags: { ...tags, Name: `${name}-db` } }, child);
        args.allowedSecurityGroupIds.forEach((sg, i) => {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-db-in-${i}`,
                { securityGroupId: this.securityGroup.id, referencedSecurityGroupId: sg, ipProtocol: "tcp", fromPort: this.port, toPort: this.port, description: "allowed client", tags },
                child,
            );
        });
        this.subnetGroup = new aws.rds.SubnetGroup(`${name}-subnets`, { subnetIds, description: `${name} database subnets`, tags }, child);

        const timeoutParameters =
            parsed.engine === "postgres"
                ? [
                      { name: "statement_timeout", value: String(parsed.statementTimeoutMs), applyMethod: "immediate" },
                      { name: "idle_in_transaction_session_timeout", value: String(parsed.idleInTransactionTimeoutMs), applyMethod: "immediate" },
                  ]
                : [{ name: "max_execution_time", value: String(parsed.statementTimeoutMs), applyMethod: "immediate" }];
        const parameters = [...timeoutParameters, ...(parsed.parameters ?? [])];

        const monitoringRole = new aws.iam.Role(`${name}-monitoring`, { assumeRolePolicy: assumeRolePolicyFor("monitoring.rds.amazonaws.com"), tags }, child);
        const partition = aws.getPartitionOutput({}, child).partition;
        const monitoringPolicy = new aws.iam.RolePolicyAttachment(
            `${name}-monitoring`,
            { role: monitoringRole.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole` },
            child,
        );
        const monitoring = {
            monitoringInterval: parsed.monitoringIntervalSeconds,
            monitoringRoleArn: monitoringRole.arn,
            performanceInsightsEnabled: true,
            performanceInsightsRetentionPeriod: 7,
        };
        const instanceOpts = { parent: this, dependsOn: [monitoringPolicy] };
        const actions = { topicArn: this.alarmTopicArn };
        const thresholds = parsed.alarmThresholds;
        this.alarms = [];
        this.replicas = [];
        this.clusterInstances = [];

        const cpuAlarm = (alarmName: string, dimensions: Record<string, pulumi.Input<string>>) =>
            createMetricAlarm(
                alarmName,
                {
                    namespace: "AWS/RDS",
                    metricName: "CPUUtilization",
                    dimensions,
                    statistic: "Average",
                    comparisonOperator: "GreaterThanThreshold",
                    threshold: thresholds.cpuPercent,
                    periodSeconds: 300,
                    evaluationPeriods: 3,
                    treatMissingData: "missing", // RDS always reports; a gap is not evidence either way
                    description: `${alarmName}: CPU above ${thresholds.cpuPercent}% for 15 minutes`,
                },
                actions,
                child,
                tags,
            );
        const connectionsAlarm = (alarmName: string, dimensions: Record<string, pulumi.Input<string>>) =>
            createMetricAlarm(
                alarmName,
                {
                    namespace: "AWS/RDS",
                    metricName: "DatabaseConnections",
                    dimensions,
                    statistic: "Maximum",
                    comparisonOperator: "GreaterThanThreshold",
                    threshold: thresholds.connections,
                    periodSeconds: 300,
                    evaluationPeriods: 2,
                    treatMissingData: "missing",
                    description: `${alarmName}: more than ${thresholds.connections} connections`,
                },
                actions,
                child,
                tags,
            );
        const lagAlarm = (alarmName: string, metricName: "ReplicaLag" | "AuroraReplicaLag", dimensions: Record<string, pulumi.Input<string>>) =>
            createMetricAlarm(
                alarmName,
                {
                    namespace: "AWS/RDS",
                    metricName,
                    dimensions,
                    statistic: "Maximum",
                    comparisonOperator: "GreaterThanThreshold",
                    // ReplicaLag is in seconds, AuroraReplicaLag in milliseconds.
                    threshold: metricName === "ReplicaLag" ? thresholds.replicaLagSeconds : thresholds.replicaLagSeconds * 1000,
                    periodSeconds: 60,
                    evaluationPeriods: 5,
                    treatMissingData: "breaching", // a replica that stops reporting lag is not replicating
                    description: `${alarmName}: replica more than ${thresholds.replicaLagSeconds}s behind the writer`,
                },
                actions,
                child,
                tags,
            );

        let writerEndpoint: pulumi.Output<string>;
        let proxyTarget: { dbInstanceIdentifier?: pulumi.Input<string>; dbClusterIdentifier?: pulumi.Input<string> };
        if (!aurora) {
            const parameterGroup = new aws.rds.ParameterGroup(`${name}-params`, { family, description: `${name}: server-side timeouts`, parameters, tags }, child);
            const instance = new aws.rds.Instance(
                `${name}-primary`,
                {
                    engine,
                    engineVersion,
                    instanceClass,
                    allocatedStorage: parsed.allocatedStorageGb,
                    maxAllocatedStorage: parsed.maxAllocatedStorageGb ?? parsed.allocatedStorageGb * 4,
                    storageType: "gp3",
                    storageEncrypted: true,
                    kmsKeyId: parsed.kmsKeyId,
                    multiAz: production,
                    dbName: parsed.databaseName,
                    username: parsed.masterUsername,
                    manageMasterUserPassword: true,
                    dbSubnetGroupName: this.subnetGroup.name,
                    vpcSecurityGroupIds: [this.securityGroup.id],
                    parameterGroupName: parameterGroup.name,
                    publiclyAccessible: false,
                    backupRetentionPeriod,
                    backupWindow: "03:00-04:00",
                    maintenanceWindow: "sun:04:30-sun:05:30",
                    copyTagsToSnapshot: true,
                    deletionProtection: production,
                    skipFinalSnapshot: !production,
                    finalSnapshotIdentifier: production ? `${safeName}-final-snapshot` : undefined,
                    autoMinorVersionUpgrade: true,
                    ...monitoring,
                    tags,
                },
                instanceOpts,
            );
            this.instance = instance;
            writerEndpoint = instance.address;
            proxyTarget = { dbInstanceIdentifier: instance.identifier };
            this.masterUserSecretArn = instance.masterUserSecrets.apply((s) => s[0]?.secretArn);
            const dims = { DBInstanceIdentifier: instance.identifier };
            this.alarms.push(
                cpuAlarm(`${name}-primary-cpu`, dims),
                createMetricAlarm(
                    `${name}-primary-free-storage`,
                    {
                        namespace: "AWS/RDS",
                        metricName: "FreeStorageSpace",
                        dimensions: dims,
                        statistic: "Minimum",
                        comparisonOperator: "LessThanThreshold",
                        threshold: (thresholds.freeStorageGib ?? parsed.allocatedStorageGb * 0.1) * 1024 ** 3,
                        periodSeconds: 300,
                        evaluationPeriods: 1,
                        treatMissingData: "missing",
                        description: `${name}: less than ${thresholds.freeStorageGib ?? parsed.allocatedStorageGb * 0.1} GiB of free storage`,
                    },
                    actions,
                    child,
                    tags,
                ),
                connectionsAlarm(`${name}-primary-connections`, dims),
            );

            for (let i = 0; i < parsed.readReplicas; i++) {
                // A replica inherits engine, storage encryption and credentials from its source; it
                // takes no final snapshot (RDS refuses one for replicas).
                const replica = new aws.rds.Instance(
                    `${name}-replica-${i}`,
                    {
                        replicateSourceDb: instance.identifier,
                        instanceClass,
                        // Storage autoscaling is per instance: a replica that cannot grow stops replicating once it fills.
                        maxAllocatedStorage: parsed.maxAllocatedStorageGb ?? parsed.allocatedStorageGb * 4,
                        availabilityZone: azAt(i + 1),
                        storageEncrypted: true,
                        kmsKeyId: parsed.kmsKeyId,
                        vpcSecurityGroupIds: [this.securityGroup.id],
                        parameterGroupName: parameterGroup.name,
                        publiclyAccessible: false,
                        // MySQL replicas can keep their own backups (so they can become sources); PostgreSQL replicas cannot.
                        backupRetentionPeriod: parsed.engine === "mysql" ? backupRetentionPeriod : undefined,
                        deletionProtection: production,
                        skipFinalSnapshot: true,
                        autoMinorVersionUpgrade: true,
                        ...monitoring,
                        tags,
                    },
                    instanceOpts,
                );
                this.replicas.push(replica);
                const replicaDims = { DBInstanceIdentifier: replica.identifier };
                this.alarms.push(cpuAlarm(`${name}-replica-${i}-cpu`, replicaDims), lagAlarm(`${name}-replica-${i}-lag`, "ReplicaLag", replicaDims));
            }
            this.readerEndpoint = this.replicas.length > 0 ? this.replicas[0].address : pulumi.output(undefined);
        } else {
            const clusterParameterGroup = new aws.rds.ClusterParameterGroup(`${name}-params`, { family, description: `${name}: server-side timeouts`, parameters, tags }, child);
            const cluster = new aws.rds.Cluster(
                `${name}-cluster`,
                {
                    engine,
                    engineVersion,
                    databaseName: parsed.databaseName,
                    masterUsername: parsed.masterUsername,
                    manageMasterUserPassword: true,
                    storageEncrypted: true,
                    kmsKeyId: parsed.kmsKeyId,
                    dbSubnetGroupName: this.subnetGroup.name,
                    vpcSecurityGroupIds: [this.securityGroup.id],
                    dbClusterParameterGroupName: clusterParameterGroup.name,
                    backupRetentionPeriod,
                    preferredBackupWindow: "03:00-04:00",
                    preferredMaintenanceWindow: "sun:04:30-sun:05:30",
                    copyTagsToSnapshot: true,
                    deletionProtection: production,
                    skipFinalSnapshot: !production,
                    finalSnapshotIdentifier: production ? `${safeName}-final-snapshot` : undefined,
                    tags,
                },
                child,
            );
            this.cluster = cluster;
            writerEndpoint = cluster.endpoint;
            proxyTarget = { dbClusterIdentifier: cluster.clusterIdentifier };
            this.masterUserSecretArn = cluster.masterUserSecrets.apply((s) => s[0]?.secretArn);
            this.readerEndpoint = cluster.readerEndpoint;
            const clusterDims = { DBClusterIdentifier: cluster.clusterIdentifier };
            this.alarms.push(cpuAlarm(`${name}-cluster-cpu`, clusterDims), connectionsAlarm(`${name}-cluster-connections`, clusterDims));
            // The writer always exists (instance 0, promotion tier 0); readers are failover targets in other AZs.
            for (let i = 0; i <= readers; i++) {
                const role = i === 0 ? "writer" : `reader-${i}`;
                const clusterInstance = new aws.rds.ClusterInstance(
                    `${name}-${role}`,
                    {
                        clusterIdentifier: cluster.id,
                        engine,
                        engineVersion,
                        instanceClass,
                        availabilityZone: azAt(i),
                        promotionTier: i === 0 ? 0 : 1,
                        publiclyAccessible: false,
                        autoMinorVersionUpgrade: true,
                        ...monitoring,
                        tags,
                    },
                    instanceOpts,
                );
                this.clusterInstances.push(clusterInstance);
                const dims = { DBInstanceIdentifier: clusterInstance.identifier };
                this.alarms.push(
                    cpuAlarm(`${name}-${role}-cpu`, dims),
                    createMetricAlarm(
                        `${name}-${role}-free-local-storage`,
                        {
                            namespace: "AWS/RDS",
                            metricName: "FreeLocalStorage",
                            dimensions: dims,
                            statistic: "Minimum",
                            comparisonOperator: "LessThanThreshold",
                            threshold: (thresholds.freeStorageGib ?? 2) * 1024 ** 3,
                            periodSeconds: 300,
                            evaluationPeriods: 1,
                            treatMissingData: "missing",
                            description: `${name} ${role}: less than ${thresholds.freeStorageGib ?? 2} GiB of free local storage`,
                        },
                        actions,
                        child,
                        tags,
                    ),
                );
                if (i > 0) this.alarms.push(lagAlarm(`${name}-${role}-lag`, "AuroraReplicaLag", dims));
            }
        }

        if (parsed.proxy.enabled) {
            const proxySecurityGroup = new aws.ec2.SecurityGroup(`${name}-proxy`, { vpcId: parsed.vpcId, description: `${name} RDS Proxy`, tags: { ...tags, Name: `${name}-proxy` } }, child);
            args.allowedSecurityGroupIds.forEach((sg, i) => {
                new aws.vpc.SecurityGroupIngressRule(`${name}-proxy-in-${i}`, { securityGroupId: proxySecurityGroup.id, referencedSecurityGroupId: sg, ipProtocol: "tcp", fromPort: this.port, toPort: this.port, description: "allowed client", tags }, child);
            });
            new aws.vpc.SecurityGroupEgressRule(`${name}-proxy-out`, { securityGroupId: proxySecurityGroup.id, referencedSecurityGroupId: this.securityGroup.id, ipProtocol: "tcp", fromPort: this.port, toPort: this.port, description: "to the database", tags }, child);
            // The proxy reads the credentials from Secrets Manager (through the NAT gateways or a VPC endpoint).
            new aws.vpc.SecurityGroupEgressRule(`${name}-proxy-out-https`, { securityGroupId: proxySecurityGroup.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "to Secrets Manager", tags }, child);
            new aws.vpc.SecurityGroupIngressRule(`${name}-db-in-proxy`, { securityGroupId: this.securityGroup.id, referencedSecurityGroupId: proxySecurityGroup.id, ipProtocol: "tcp", fromPort: this.port, toPort: this.port, description: "from the RDS Proxy", tags }, child);

            const proxyRole = new aws.iam.Role(`${name}-proxy`, { assumeRolePolicy: assumeRolePolicyFor("rds.amazonaws.com"), tags }, child);
            const proxyPolicy = new aws.iam.RolePolicy(
                `${name}-proxy`,
                {
                    role: proxyRole.id,
                    policy: policyDocument([
                        { Sid: "ReadMasterSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: this.masterUserSecretArn },
                        {
                            Sid: "DecryptViaSecretsManager",
                            Effect: "Allow",
                            Action: ["kms:Decrypt"],
                            Resource: "*",
                            Condition: { StringLike: { "kms:ViaService": "secretsmanager.*.amazonaws.com" } },
                        },
                    ]),
                },
                child,
            );
            const proxy = new aws.rds.Proxy(
                `${name}-proxy`,
                {
                    engineFamily: parsed.engine === "postgres" ? "POSTGRESQL" : "MYSQL",
                    roleArn: proxyRole.arn,
                    vpcSubnetIds: subnetIds,
                    vpcSecurityGroupIds: [proxySecurityGroup.id],
                    requireTls: true,
                    idleClientTimeout: parsed.proxy.idleClientTimeoutSeconds,
                    auths: [{ authScheme: "SECRETS", iamAuth: "DISABLED", secretArn: this.masterUserSecretArn }],
                    tags,
                },
                { parent: this, dependsOn: [proxyPolicy] },
            );
            new aws.rds.ProxyDefaultTargetGroup(
                `${name}-proxy`,
                { dbProxyName: proxy.name, connectionPoolConfig: { maxConnectionsPercent: parsed.proxy.maxConnectionsPercent, connectionBorrowTimeout: 120 } },
                child,
            );
            new aws.rds.ProxyTarget(`${name}-proxy`, { dbProxyName: proxy.name, targetGroupName: "default", ...proxyTarget }, { parent: this, dependsOn: this.clusterInstances });
            this.proxy = proxy;
            writerEndpoint = proxy.endpoint;
        }
        this.endpoint = writerEndpoint;

        this.registerOutputs({
            endpoint: this.endpoint,
            readerEndpoint: this.readerEndpoint,
            port: this.port,
            securityGroupId: this.securityGroup.id,
            masterUserSecretArn: this.masterUserSecretArn,
            alarmTopicArn: this.alarmTopicArn,
            alarmNames: this.alarms.map((a) => a.name),
        });
    }
}
