// Builders shared by both database topologies: network access, enhanced monitoring, server-side timeouts.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type Scope } from "../lib/component";
import { assumeRolePolicyFor } from "../lib/iam";

export interface DatabaseNetwork {
    securityGroup: aws.ec2.SecurityGroup;
    subnetGroup: aws.rds.SubnetGroup;
}

/** A security group that admits only `allowedSecurityGroupIds` on the database port, and the subnet group. */
export function createDatabaseNetwork(
    scope: Scope,
    settings: { vpcId: pulumi.Input<string>; subnetIds: pulumi.Input<pulumi.Input<string>[]>; allowedSecurityGroupIds: pulumi.Input<string>[]; port: number },
): DatabaseNetwork {
    const { name, tags, child } = scope;
    const { port } = settings;
    const securityGroup = new aws.ec2.SecurityGroup(`${name}-db`, { vpcId: settings.vpcId, description: `${name} database: port ${port} from named security groups only`, tags: { ...tags, Name: `${name}-db` } }, child);
    settings.allowedSecurityGroupIds.forEach((sg, i) => {
        new aws.vpc.SecurityGroupIngressRule(`${name}-db-in-${i}`, { securityGroupId: securityGroup.id, referencedSecurityGroupId: sg, ipProtocol: "tcp", fromPort: port, toPort: port, description: "allowed client", tags }, child);
    });
    const subnetGroup = new aws.rds.SubnetGroup(`${name}-subnets`, { subnetIds: settings.subnetIds, description: `${name} database subnets`, tags }, child);
    return { securityGroup, subnetGroup };
}

export interface Monitoring {
    /** Spread into every DB instance's args. */
    settings: { monitoringInterval: number; monitoringRoleArn: pulumi.Output<string>; performanceInsightsEnabled: true; performanceInsightsRetentionPeriod: number };
    /** Options for every DB instance: it waits for the monitoring role's policy. */
    instanceOpts: pulumi.CustomResourceOptions;
}

/** Enhanced monitoring (its role) and Performance Insights (7 days, the free tier). */
export function createMonitoring(scope: Scope, intervalSeconds: number): Monitoring {
    const { name, tags, child } = scope;
    const role = new aws.iam.Role(`${name}-monitoring`, { assumeRolePolicy: assumeRolePolicyFor("monitoring.rds.amazonaws.com"), tags }, child);
    const partition = aws.getPartitionOutput({}, child).partition;
    const policyArn = pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`;
    const attachment = new aws.iam.RolePolicyAttachment(`${name}-monitoring`, { role: role.name, policyArn }, child);
    return {
        settings: { monitoringInterval: intervalSeconds, monitoringRoleArn: role.arn, performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 7 },
        instanceOpts: { ...child, dependsOn: [attachment] },
    };
}

export interface DatabaseParameter {
    name: string;
    value: string;
    applyMethod?: string;
}

/** Server-side timeouts: PostgreSQL `statement_timeout` + `idle_in_transaction_session_timeout`, MySQL `max_execution_time`. */
export function timeoutParameters(engine: "postgres" | "mysql", statementTimeoutMs: number, idleInTransactionTimeoutMs: number): DatabaseParameter[] {
    if (engine === "mysql") return [{ name: "max_execution_time", value: String(statementTimeoutMs), applyMethod: "immediate" }];
    return [
        { name: "statement_timeout", value: String(statementTimeoutMs), applyMethod: "immediate" },
        { name: "idle_in_transaction_session_timeout", value: String(idleInTransactionTimeoutMs), applyMethod: "immediate" },
    ];
}
