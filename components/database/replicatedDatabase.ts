import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type AlarmedContext, defineAlarmedComponent } from "../alarms/routing";
import { availableZoneNames } from "../lib/availabilityZones";
import { type CommonArgs, commonArgsShape } from "../lib/common";
import { guardedSubnetIds, type SubnetIds, subnetListSchema } from "../lib/subnets";
import { input, inputList, whenValid } from "../lib/validation";
import { createDatabaseNetwork, createMonitoring, timeoutParameters } from "./access";
import { createAuroraTopology } from "./auroraTopology";
import { databaseAlarms } from "./databaseAlarms";
import { createInstanceTopology } from "./instanceTopology";
import { createProxy } from "./proxy";
import { type DatabasePlan, type RdsEngine } from "./topology";

export type DatabaseEngine = "postgres" | "mysql";

export interface ReplicatedDatabaseArgs extends CommonArgs {
    /** `postgres` or `mysql` (on RDS, or Aurora with `topology: "aurora"`). */
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
    /** The VPC of the subnets (e.g. a `MultiAzNetwork`'s `vpcId`). */
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
    /** Name of a database to create (default: none; connect to the engine's default database). */
    databaseName?: string;
    /** Master user name (default `dbadmin`). Its password is generated and kept in Secrets Manager by RDS. */
    masterUsername?: string;
    /** GiB of storage, instance topology only (20–65536, default 100). */
    allocatedStorageGb?: number;
    /** Storage autoscaling limit in GiB, instance topology only (default 4 × allocatedStorageGb; Aurora grows by itself). */
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
    proxy?: {
        /** Create the proxy. */
        enabled: boolean;
        /** Seconds an idle client connection is kept (1–28800, default 1800). */
        idleClientTimeoutSeconds?: number;
        /** Share of the database's max_connections the proxy may open (1–100, default 90). */
        maxConnectionsPercent?: number;
    };
    /** When the database alarms fire. */
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
        const engine = engineName(args);
        const version = args.engineVersion ?? DEFAULT_VERSIONS[engine];
        if (args.parameterGroupFamily === undefined && parameterGroupFamily(engine, version) === undefined) {
            ctx.addIssue({ code: "custom", path: ["parameterGroupFamily"], message: `cannot be derived from engineVersion "${version}"; pass it, e.g. "${engine}16"` });
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

/** The type token, args schema and prologue (lib/component.ts). */
export const DATABASE = defineAlarmedComponent("faultguard:aws:ReplicatedDatabase", schema);
type DatabaseContext = AlarmedContext<z.output<typeof schema>>;

/** A DB identifier-safe form of a resource name (lowercase letters, digits, single hyphens). */
function identifierSafe(name: string): string {
    const cleaned = name.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
    return /^[a-z]/.test(cleaned) ? cleaned : `db-${cleaned}`;
}

/** The engine as RDS names it: `postgres`/`mysql`, or `aurora-postgresql`/`aurora-mysql`. */
function engineName(args: { engine: DatabaseEngine; topology: "instance" | "aurora" }): RdsEngine {
    return args.topology === "aurora" ? `aurora-${args.engine === "postgres" ? "postgresql" : "mysql"}` : args.engine;
}

/** How many instances go into distinct AZs: the writer and readers (Aurora), or the read replicas. */
function instancesNeedingAzs(args: { topology: "instance" | "aurora"; readReplicas: number }, readers: number): number {
    return args.topology === "aurora" ? readers + 1 : args.readReplicas;
}

/** The caller's AZs or the region's; instance `i` goes to AZ `i` (the deployment fails when there are too few). */
function azPlacement(ctx: DatabaseContext, needAzs: number): (i: number) => pulumi.Output<string> {
    const { args } = ctx;
    const names = args.availabilityZones !== undefined ? pulumi.output(args.availabilityZones) : needAzs > 0 ? availableZoneNames(ctx.child) : pulumi.output([]);
    return (i) =>
        names.apply((azs) => {
            if (azs.length < needAzs) throw new pulumi.RunError(`${ctx.type} "${ctx.name}": needs ${needAzs} AZs to place each instance in its own AZ, the region has ${azs.length}`);
            return azs[i % azs.length];
        });
}

/**
 * A replicated, protected PostgreSQL or MySQL database. `topology: "instance"` (default): a Multi-AZ
 * RDS instance plus `readReplicas` in distinct AZs; `topology: "aurora"`: a writer and `readers`
 * (default 1) in distinct AZs. Storage encrypted, `manageMasterUserPassword` (the password is kept
 * in Secrets Manager by RDS, never in Pulumi state), deletion protection and a final snapshot (never
 * on replicas), 14 days of backups (≥ 7 enforced in production), Performance Insights, enhanced
 * monitoring, a parameter group with `statement_timeout` + `idle_in_transaction_session_timeout`
 * (PostgreSQL) or `max_execution_time` (MySQL), a security group that admits only
 * `allowedSecurityGroupIds` on the database port, alarms on CPU, free storage, connections and
 * replica lag (per replica/reader), and an optional RDS Proxy (`proxy: { enabled: true }`, TLS
 * required).
 *
 * @example
 * const db = new ReplicatedDatabase("db", {
 *     alarms,
 *     engine: "postgres",
 *     vpcId: network.vpcId,
 *     subnetIds: network.privateSubnetIds,
 *     allowedSecurityGroupIds: [web.instanceSecurityGroup.id], // nothing else can connect
 *     readReplicas: 1,
 * });
 * // db.endpoint, db.readerEndpoint, db.masterUserSecretArn
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
        const parsed = DATABASE.validate(args, name);
        super(DATABASE.type, name, {}, opts);
        const ctx = DATABASE.open(this, name, parsed);
        this.alarmTopicArn = ctx.alarmTopicArn;
        this.port = parsed.engine === "postgres" ? 5432 : 3306;
        const readers = parsed.readers ?? (ctx.production ? 1 : 0);
        const subnetIds = guardedSubnetIds(args.subnetIds, 2, "subnetIds", ctx);
        const azAt = azPlacement(ctx, instancesNeedingAzs(parsed, readers));
        const network = createDatabaseNetwork(ctx, { vpcId: parsed.vpcId, subnetIds, allowedSecurityGroupIds: args.allowedSecurityGroupIds, port: this.port });
        this.securityGroup = network.securityGroup;
        this.subnetGroup = network.subnetGroup;

        const engine = engineName(parsed);
        const engineVersion = parsed.engineVersion ?? DEFAULT_VERSIONS[engine];
        const monitoring = createMonitoring(ctx, parsed.monitoringIntervalSeconds);
        const plan: DatabasePlan = {
            engine,
            engineVersion,
            family: parsed.parameterGroupFamily ?? (parameterGroupFamily(engine, engineVersion) as string),
            instanceClass: parsed.instanceClass ?? (parsed.topology === "aurora" ? "db.r7g.large" : "db.m7g.large"),
            backupRetentionPeriod: parsed.backupRetentionDays ?? (ctx.production ? 14 : 1),
            safeName: identifierSafe(name),
            network,
            parameters: [...timeoutParameters(parsed.engine, parsed.statementTimeoutMs, parsed.idleInTransactionTimeoutMs), ...(parsed.parameters ?? [])],
            instanceDefaults: { publiclyAccessible: false, autoMinorVersionUpgrade: true, ...monitoring.settings, tags: ctx.tags },
            monitoring,
            alarms: databaseAlarms(ctx, parsed.alarmThresholds),
            azAt,
        };
        const settings = { ...parsed, freeStorageGib: parsed.alarmThresholds.freeStorageGib };
        this.replicas = [];
        this.clusterInstances = [];
        let topology;
        if (parsed.topology === "aurora") {
            const aurora = createAuroraTopology(ctx, plan, { ...settings, readers });
            this.cluster = aurora.cluster;
            this.clusterInstances = aurora.instances;
            topology = aurora;
        } else {
            const instance = createInstanceTopology(ctx, plan, settings);
            this.instance = instance.primary;
            this.replicas = instance.replicas;
            topology = instance;
        }
        this.masterUserSecretArn = topology.masterUserSecretArn;
        this.readerEndpoint = topology.readerEndpoint;
        this.alarms = topology.alarms;
        this.endpoint = topology.writerEndpoint;
        if (parsed.proxy.enabled) {
            const proxySettings = { ...parsed.proxy, engine: parsed.engine, vpcId: parsed.vpcId, subnetIds, allowedSecurityGroupIds: args.allowedSecurityGroupIds, port: this.port, dependsOn: this.clusterInstances };
            this.proxy = createProxy(ctx, network, topology, proxySettings);
            this.endpoint = this.proxy.endpoint;
        }

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
