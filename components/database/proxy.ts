import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { type Scope } from "../lib/component";
import { assumeRolePolicyFor, policyDocument } from "../lib/iam";
import { type DatabaseNetwork } from "./access";
import { type Topology } from "./topology";

export interface ProxySettings {
    engine: "postgres" | "mysql";
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    allowedSecurityGroupIds: pulumi.Input<string>[];
    port: number;
    idleClientTimeoutSeconds: number;
    maxConnectionsPercent: number;
    /** The proxy target waits for them (Aurora: the cluster instances). */
    dependsOn: pulumi.Resource[];
}

/** The proxy's own security group: allowed clients in, the database and Secrets Manager out; the database admits the proxy. */
function createProxySecurityGroup(scope: Scope, database: DatabaseNetwork, settings: ProxySettings): aws.ec2.SecurityGroup {
    const { name, tags, child } = scope;
    const port = { ipProtocol: "tcp", fromPort: settings.port, toPort: settings.port, tags };
    const group = new aws.ec2.SecurityGroup(`${name}-proxy`, { vpcId: settings.vpcId, description: `${name} RDS Proxy`, tags: { ...tags, Name: `${name}-proxy` } }, child);
    settings.allowedSecurityGroupIds.forEach((sg, i) => {
        new aws.vpc.SecurityGroupIngressRule(`${name}-proxy-in-${i}`, { securityGroupId: group.id, referencedSecurityGroupId: sg, ...port, description: "allowed client" }, child);
    });
    new aws.vpc.SecurityGroupEgressRule(`${name}-proxy-out`, { securityGroupId: group.id, referencedSecurityGroupId: database.securityGroup.id, ...port, description: "to the database" }, child);
    // The proxy reads the credentials from Secrets Manager (through the NAT gateways or a VPC endpoint).
    new aws.vpc.SecurityGroupEgressRule(`${name}-proxy-out-https`, { securityGroupId: group.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "to Secrets Manager", tags }, child);
    new aws.vpc.SecurityGroupIngressRule(`${name}-db-in-proxy`, { securityGroupId: database.securityGroup.id, referencedSecurityGroupId: group.id, ...port, description: "from the RDS Proxy" }, child);
    return group;
}

/** A role that may only read the master secret (and decrypt it through Secrets Manager). */
function createProxyRole(scope: Scope, masterUserSecretArn: pulumi.Output<string>): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
    const { name, tags, child } = scope;
    const role = new aws.iam.Role(`${name}-proxy`, { assumeRolePolicy: assumeRolePolicyFor("rds.amazonaws.com"), tags }, child);
    const document = policyDocument([
        { Sid: "ReadMasterSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: masterUserSecretArn },
        { Sid: "DecryptViaSecretsManager", Effect: "Allow", Action: ["kms:Decrypt"], Resource: "*", Condition: { StringLike: { "kms:ViaService": "secretsmanager.*.amazonaws.com" } } },
    ]);
    const policy = new aws.iam.RolePolicy(`${name}-proxy`, { role: role.id, policy: document }, child);
    return { role, policy };
}

/** An RDS Proxy in front of the writer: TLS required, authenticating with the RDS-managed master secret. */
export function createProxy(scope: Scope, database: DatabaseNetwork, topology: Topology, settings: ProxySettings): aws.rds.Proxy {
    const { name, tags, child } = scope;
    const securityGroup = createProxySecurityGroup(scope, database, settings);
    const { role, policy } = createProxyRole(scope, topology.masterUserSecretArn);
    const proxy = new aws.rds.Proxy(
        `${name}-proxy`,
        {
            engineFamily: settings.engine === "postgres" ? "POSTGRESQL" : "MYSQL",
            roleArn: role.arn,
            vpcSubnetIds: settings.subnetIds,
            vpcSecurityGroupIds: [securityGroup.id],
            requireTls: true,
            idleClientTimeout: settings.idleClientTimeoutSeconds,
            auths: [{ authScheme: "SECRETS", iamAuth: "DISABLED", secretArn: topology.masterUserSecretArn }],
            tags,
        },
        { ...child, dependsOn: [policy] },
    );
    const connectionPoolConfig = { maxConnectionsPercent: settings.maxConnectionsPercent, connectionBorrowTimeout: 120 };
    new aws.rds.ProxyDefaultTargetGroup(`${name}-proxy`, { dbProxyName: proxy.name, connectionPoolConfig }, child);
    new aws.rds.ProxyTarget(`${name}-proxy`, { dbProxyName: proxy.name, targetGroupName: "default", ...topology.proxyTarget }, { ...child, dependsOn: settings.dependsOn });
    return proxy;
}
