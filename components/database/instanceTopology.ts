import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type Scope } from "../lib/component";
import { type DatabasePlan, type DatabaseSettings, type Topology, WINDOWS, writerDefaults } from "./topology";

export interface InstanceTopologySettings extends DatabaseSettings {
    allocatedStorageGb: number;
    maxAllocatedStorageGb?: number;
    readReplicas: number;
}

export interface InstanceTopology extends Topology {
    primary: aws.rds.Instance;
    replicas: aws.rds.Instance[];
}

/** A Multi-AZ (in production) RDS instance and `readReplicas` read replicas, each in its own AZ. */
export function createInstanceTopology(scope: Scope, plan: DatabasePlan, settings: InstanceTopologySettings): InstanceTopology {
    const { name, tags, child } = scope;
    const parameterGroup = new aws.rds.ParameterGroup(`${name}-params`, { family: plan.family, description: `${name}: server-side timeouts`, parameters: plan.parameters, tags }, child);
    // Storage autoscaling is per instance: a replica that cannot grow stops replicating once it fills.
    const maxAllocatedStorage = settings.maxAllocatedStorageGb ?? settings.allocatedStorageGb * 4;
    const primary = new aws.rds.Instance(
        `${name}-primary`,
        {
            ...writerDefaults(scope, plan, settings),
            instanceClass: plan.instanceClass,
            allocatedStorage: settings.allocatedStorageGb,
            maxAllocatedStorage,
            storageType: "gp3",
            multiAz: scope.production,
            dbName: settings.databaseName,
            username: settings.masterUsername,
            dbSubnetGroupName: plan.network.subnetGroup.name,
            parameterGroupName: parameterGroup.name,
            backupWindow: WINDOWS.backup,
            maintenanceWindow: WINDOWS.maintenance,
            ...plan.instanceDefaults,
        },
        plan.monitoring.instanceOpts,
    );
    const dims = { DBInstanceIdentifier: primary.identifier };
    const freeGib = settings.freeStorageGib ?? settings.allocatedStorageGb * 0.1;
    const alarms = [
        plan.alarms.cpu("primary-cpu", dims),
        plan.alarms.storage("primary-free-storage", "FreeStorageSpace", dims, freeGib, `${name}: less than ${freeGib} GiB of free storage`),
        plan.alarms.connections("primary-connections", dims),
    ];

    const replicas: aws.rds.Instance[] = [];
    for (let i = 0; i < settings.readReplicas; i++) {
        // A replica inherits engine, storage encryption and credentials from its source; it takes no
        // final snapshot (RDS refuses one for replicas).
        const replica = new aws.rds.Instance(
            `${name}-replica-${i}`,
            {
                replicateSourceDb: primary.identifier,
                instanceClass: plan.instanceClass,
                maxAllocatedStorage,
                availabilityZone: plan.azAt(i + 1),
                storageEncrypted: true,
                kmsKeyId: settings.kmsKeyId,
                vpcSecurityGroupIds: [plan.network.securityGroup.id],
                parameterGroupName: parameterGroup.name,
                // MySQL replicas can keep their own backups (so they can become sources); PostgreSQL replicas cannot.
                backupRetentionPeriod: settings.engine === "mysql" ? plan.backupRetentionPeriod : undefined,
                deletionProtection: scope.production,
                skipFinalSnapshot: true,
                ...plan.instanceDefaults,
            },
            plan.monitoring.instanceOpts,
        );
        replicas.push(replica);
        const replicaDims = { DBInstanceIdentifier: replica.identifier };
        alarms.push(plan.alarms.cpu(`replica-${i}-cpu`, replicaDims), plan.alarms.lag(`replica-${i}-lag`, "ReplicaLag", replicaDims));
    }
    return {
        primary,
        replicas,
        writerEndpoint: primary.address,
        readerEndpoint: replicas.length > 0 ? replicas[0].address : pulumi.output(undefined),
        proxyTarget: { dbInstanceIdentifier: primary.identifier },
        masterUserSecretArn: primary.masterUserSecrets.apply((s) => s[0]?.secretArn),
        alarms,
    };
}
