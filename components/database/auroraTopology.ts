import * as aws from "@pulumi/aws";
import { type Scope } from "../lib/component";
import { type DatabasePlan, type DatabaseSettings, type Topology, WINDOWS, writerDefaults } from "./topology";

export interface AuroraTopology extends Topology {
    cluster: aws.rds.Cluster;
    /** Writer first. */
    instances: aws.rds.ClusterInstance[];
}

/** An Aurora cluster with a writer and `readers` readers (failover targets), each in its own AZ. */
export function createAuroraTopology(scope: Scope, plan: DatabasePlan, settings: DatabaseSettings & { readers: number }): AuroraTopology {
    const { name, tags, child } = scope;
    const parameterGroup = new aws.rds.ClusterParameterGroup(`${name}-params`, { family: plan.family, description: `${name}: server-side timeouts`, parameters: plan.parameters, tags }, child);
    const cluster = new aws.rds.Cluster(
        `${name}-cluster`,
        {
            ...writerDefaults(scope, plan, settings),
            databaseName: settings.databaseName,
            masterUsername: settings.masterUsername,
            dbSubnetGroupName: plan.network.subnetGroup.name,
            dbClusterParameterGroupName: parameterGroup.name,
            preferredBackupWindow: WINDOWS.backup,
            preferredMaintenanceWindow: WINDOWS.maintenance,
            tags,
        },
        child,
    );
    const clusterDims = { DBClusterIdentifier: cluster.clusterIdentifier };
    const alarms = [plan.alarms.cpu("cluster-cpu", clusterDims), plan.alarms.connections("cluster-connections", clusterDims)];
    const freeGib = settings.freeStorageGib ?? 2;
    const instances: aws.rds.ClusterInstance[] = [];
    // The writer always exists (instance 0, promotion tier 0); readers are failover targets in other AZs.
    for (let i = 0; i <= settings.readers; i++) {
        const role = i === 0 ? "writer" : `reader-${i}`;
        const instance = new aws.rds.ClusterInstance(
            `${name}-${role}`,
            {
                clusterIdentifier: cluster.id,
                engine: plan.engine,
                engineVersion: plan.engineVersion,
                instanceClass: plan.instanceClass,
                availabilityZone: plan.azAt(i),
                promotionTier: i === 0 ? 0 : 1,
                ...plan.instanceDefaults,
            },
            plan.monitoring.instanceOpts,
        );
        instances.push(instance);
        const dims = { DBInstanceIdentifier: instance.identifier };
        alarms.push(
            plan.alarms.cpu(`${role}-cpu`, dims),
            plan.alarms.storage(`${role}-free-local-storage`, "FreeLocalStorage", dims, freeGib, `${name} ${role}: less than ${freeGib} GiB of free local storage`),
        );
        if (i > 0) alarms.push(plan.alarms.lag(`${role}-lag`, "AuroraReplicaLag", dims));
    }
    return {
        cluster,
        instances,
        writerEndpoint: cluster.endpoint,
        readerEndpoint: cluster.readerEndpoint,
        proxyTarget: { dbClusterIdentifier: cluster.clusterIdentifier },
        masterUserSecretArn: cluster.masterUserSecrets.apply((s) => s[0]?.secretArn),
        alarms,
    };
}
