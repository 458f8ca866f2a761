import type * as aws from "@pulumi/aws";
import { type Scope } from "../lib/component";
import type * as pulumi from "@pulumi/pulumi";
import { type DatabaseNetwork, type DatabaseParameter, type Monitoring } from "./access";
import { type DatabaseAlarms } from "./databaseAlarms";

/** The engine as RDS names it. */
export type RdsEngine = "postgres" | "mysql" | "aurora-postgresql" | "aurora-mysql";

/** What both topologies are built from: resolved engine settings and the shared children. */
export interface DatabasePlan {
    engine: RdsEngine;
    engineVersion: string;
    family: string;
    instanceClass: string;
    backupRetentionPeriod: number;
    /** A DB identifier-safe form of the component name, for the final snapshot. */
    safeName: string;
    network: DatabaseNetwork;
    /** Spread into every DB instance's args: private, minor-version upgrades, monitoring, tags. */
    instanceDefaults: { publiclyAccessible: false; autoMinorVersionUpgrade: true; tags: Record<string, string> } & Monitoring["settings"];
    monitoring: Monitoring;
    parameters: DatabaseParameter[];
    alarms: DatabaseAlarms;
    /** The AZ for instance `i` (fails the deployment when the region has too few). */
    azAt(i: number): pulumi.Output<string>;
}

/** The caller's database-wide settings both topologies pass through. */
export interface DatabaseSettings {
    engine: "postgres" | "mysql";
    databaseName?: string;
    masterUsername: string;
    kmsKeyId?: pulumi.Input<string>;
    freeStorageGib?: number;
}

/** What a topology built: endpoints, the proxy's target, the master secret and the alarms. */
export interface Topology {
    writerEndpoint: pulumi.Output<string>;
    readerEndpoint: pulumi.Output<string | undefined>;
    proxyTarget: { dbInstanceIdentifier?: pulumi.Input<string>; dbClusterIdentifier?: pulumi.Input<string> };
    masterUserSecretArn: pulumi.Output<string>;
    alarms: aws.cloudwatch.MetricAlarm[];
}

/** Backup and maintenance windows (UTC), apart so maintenance never overlaps a backup. */
export const WINDOWS = { backup: "03:00-04:00", maintenance: "sun:04:30-sun:05:30" } as const;

/**
 * What the writer (an RDS instance or an Aurora cluster: the same argument names) always gets:
 * encryption, an RDS-managed master password, backups, and in production deletion protection and a
 * final snapshot.
 */
export function writerDefaults(scope: Scope, plan: DatabasePlan, settings: DatabaseSettings) {
    return {
        engine: plan.engine,
        engineVersion: plan.engineVersion,
        manageMasterUserPassword: true,
        storageEncrypted: true,
        kmsKeyId: settings.kmsKeyId,
        vpcSecurityGroupIds: [plan.network.securityGroup.id],
        backupRetentionPeriod: plan.backupRetentionPeriod,
        copyTagsToSnapshot: true,
        deletionProtection: scope.production,
        skipFinalSnapshot: !scope.production,
        finalSnapshotIdentifier: scope.production ? `${plan.safeName}-final-snapshot` : undefined,
    };
}
