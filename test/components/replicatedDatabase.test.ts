import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { parameterGroupFamily, ReplicatedDatabase } from "../../components";
import { alarmsOn, argsErrorOf, capture, type CapturedResource, type CapturedStack, dependsVia, named, ofType, one } from "./support";

const INSTANCE = "aws:rds/instance:Instance";
const CLIENT_SG = "sg-0client00000000001";
const PLACEMENT = { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b", "subnet-c"], allowedSecurityGroupIds: [CLIENT_SG] };

function parameters(resource: CapturedResource): Record<string, string> {
    return Object.fromEntries((resource.inputs.parameters as { name: string; value: string }[]).map((p) => [p.name, p.value]));
}

describe("ReplicatedDatabase", () => {
    describe("PostgreSQL Multi-AZ instance (defaults)", () => {
        let stack: CapturedStack;
        before(async () => {
            stack = await capture(() => void new ReplicatedDatabase("db", { engine: "postgres", ...PLACEMENT }));
        });

        it("is Multi-AZ, encrypted, with a Secrets Manager-managed password and no password in its inputs", () => {
            const db = one(stack, INSTANCE);
            assert.equal(db.inputs.multiAz, true);
            assert.equal(db.inputs.storageEncrypted, true);
            assert.equal(db.inputs.manageMasterUserPassword, true);
            assert.equal(db.inputs.password, undefined);
            assert.equal(db.inputs.publiclyAccessible, false);
        });

        it("is protected: deletion protection, a final snapshot, 14 days of backups", () => {
            const db = one(stack, INSTANCE);
            assert.equal(db.inputs.deletionProtection, true);
            assert.equal(db.inputs.skipFinalSnapshot, false);
            assert.equal(db.inputs.finalSnapshotIdentifier, "db-final-snapshot");
            assert.equal(db.inputs.backupRetentionPeriod, 14);
        });

        it("has Performance Insights and enhanced monitoring", () => {
            const db = one(stack, INSTANCE);
            assert.equal(db.inputs.performanceInsightsEnabled, true);
            assert.equal(db.inputs.monitoringInterval, 60);
            assert.deepEqual(dependsVia(db, "monitoringRoleArn"), [named(stack, "aws:iam/role:Role", "db-monitoring").urn]);
        });

        it("sets server-side statement and idle-in-transaction timeouts", () => {
            const group = one(stack, "aws:rds/parameterGroup:ParameterGroup");
            assert.equal(group.inputs.family, "postgres16");
            assert.deepEqual(parameters(group), { statement_timeout: "60000", idle_in_transaction_session_timeout: "300000" });
            assert.deepEqual(dependsVia(one(stack, INSTANCE), "parameterGroupName"), [group.urn]);
        });

        it("is reachable only from the named security groups, on the database port", () => {
            const rules = ofType(stack, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
            assert.deepEqual(rules.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.cidrIpv4]), [[CLIENT_SG, 5432, undefined]]);
            assert.equal(ofType(stack, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").length, 0);
        });

        it("alarms on CPU, free storage and connections, linked to the instance", () => {
            const alarms = alarmsOn(stack, one(stack, INSTANCE));
            assert.deepEqual(alarms.map((a) => a.inputs.metricName).sort(), ["CPUUtilization", "DatabaseConnections", "FreeStorageSpace"]);
            const storage = alarms.find((a) => a.inputs.metricName === "FreeStorageSpace");
            assert.equal(storage?.inputs.threshold, 10 * 1024 ** 3);
            for (const alarm of alarms) assert.equal((alarm.inputs.alarmActions as unknown[]).length, 1);
        });
    });

    it("MySQL with read replicas: each replica in its own AZ, no final snapshot on replicas, replica-lag alarms", async () => {
        const stack = await capture(() => void new ReplicatedDatabase("db", { engine: "mysql", readReplicas: 2, availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], ...PLACEMENT }));
        const primary = named(stack, INSTANCE, "db-primary");
        const replicas = ofType(stack, INSTANCE)
            .filter((i) => i.name.startsWith("db-replica"))
            .sort((a, b) => a.name.localeCompare(b.name));
        assert.equal(replicas.length, 2);
        assert.deepEqual(replicas.map((r) => r.inputs.availabilityZone), ["eu-west-1b", "eu-west-1c"]);
        for (const replica of replicas) {
            assert.deepEqual(dependsVia(replica, "replicateSourceDb"), [primary.urn]);
            assert.equal(replica.inputs.skipFinalSnapshot, true);
            assert.equal(replica.inputs.finalSnapshotIdentifier, undefined);
            assert.equal(replica.inputs.performanceInsightsEnabled, true);
            assert.deepEqual(alarmsOn(stack, replica).map((a) => a.inputs.metricName).sort(), ["CPUUtilization", "ReplicaLag"]);
        }
        assert.deepEqual(parameters(one(stack, "aws:rds/parameterGroup:ParameterGroup")), { max_execution_time: "60000" });
        assert.equal(one(stack, "aws:rds/parameterGroup:ParameterGroup").inputs.family, "mysql8.0");
    });

    it("Aurora: a writer and a reader in distinct AZs, cluster-level protection, Aurora replica-lag alarm", async () => {
        const stack = await capture(() => void new ReplicatedDatabase("db", { engine: "postgres", topology: "aurora", ...PLACEMENT }));
        const cluster = one(stack, "aws:rds/cluster:Cluster");
        assert.deepEqual(
            [cluster.inputs.storageEncrypted, cluster.inputs.manageMasterUserPassword, cluster.inputs.deletionProtection, cluster.inputs.skipFinalSnapshot, cluster.inputs.backupRetentionPeriod],
            [true, true, true, false, 14],
        );
        const instances = ofType(stack, "aws:rds/clusterInstance:ClusterInstance").sort((a, b) => Number(a.inputs.promotionTier) - Number(b.inputs.promotionTier));
        assert.deepEqual(instances.map((i) => [i.name, i.inputs.availabilityZone, i.inputs.promotionTier]), [
            ["db-writer", "us-east-1a", 0],
            ["db-reader-1", "us-east-1b", 1],
        ]);
        assert.deepEqual(parameters(one(stack, "aws:rds/clusterParameterGroup:ClusterParameterGroup")), { statement_timeout: "60000", idle_in_transaction_session_timeout: "300000" });
        assert.deepEqual(alarmsOn(stack, instances[1]).map((a) => a.inputs.metricName).sort(), ["AuroraReplicaLag", "CPUUtilization", "FreeLocalStorage"]);
        assert.deepEqual(alarmsOn(stack, cluster).map((a) => a.inputs.metricName).sort(), ["CPUUtilization", "DatabaseConnections"]);
    });

    it("optional RDS Proxy: TLS required, reads only the managed secret, reachable from the named groups", async () => {
        const stack = await capture(() => void new ReplicatedDatabase("db", { engine: "postgres", proxy: { enabled: true }, ...PLACEMENT }));
        const proxy = one(stack, "aws:rds/proxy:Proxy");
        assert.equal(proxy.inputs.requireTls, true);
        assert.equal(proxy.inputs.engineFamily, "POSTGRESQL");
        assert.deepEqual(dependsVia(one(stack, "aws:rds/proxyTarget:ProxyTarget"), "dbInstanceIdentifier"), [one(stack, INSTANCE).urn]);
        const proxySg = named(stack, "aws:ec2/securityGroup:SecurityGroup", "db-proxy");
        const intoProxy = ofType(stack, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => dependsVia(r, "securityGroupId").includes(proxySg.urn));
        assert.deepEqual(intoProxy.map((r) => r.inputs.referencedSecurityGroupId), [CLIENT_SG]);
        const outOfProxy = ofType(stack, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => dependsVia(r, "securityGroupId").includes(proxySg.urn));
        const dbSg = named(stack, "aws:ec2/securityGroup:SecurityGroup", "db-db");
        assert.deepEqual(
            outOfProxy.map((r) => [r.inputs.fromPort, r.inputs.cidrIpv4 ?? dependsVia(r, "referencedSecurityGroupId")[0]]).sort(),
            [
                [443, "0.0.0.0/0"],
                [5432, dbSg.urn],
            ],
        );
    });

    it("development profile: single-AZ, no deletion protection, no final snapshot, 1 day of backups", async () => {
        const stack = await capture(() => void new ReplicatedDatabase("db", { engine: "postgres", profile: "development", ...PLACEMENT }));
        const db = one(stack, INSTANCE);
        assert.deepEqual([db.inputs.multiAz, db.inputs.deletionProtection, db.inputs.skipFinalSnapshot, db.inputs.backupRetentionPeriod], [false, false, true, 1]);
        assert.equal(db.inputs.storageEncrypted, true);
    });

    it("derives parameter group families", () => {
        assert.equal(parameterGroupFamily("postgres", "16.4"), "postgres16");
        assert.equal(parameterGroupFamily("mysql", "8.0.39"), "mysql8.0");
        assert.equal(parameterGroupFamily("aurora-mysql", "8.0.mysql_aurora.3.08.0"), "aurora-mysql8.0");
        assert.equal(parameterGroupFamily("mysql", "8"), undefined);
    });

    it("rejects short backups, no allowed clients, one subnet and an Aurora cluster without readers in production, registering nothing", async () => {
        const { error, registered } = await argsErrorOf(
            () => new ReplicatedDatabase("db", { engine: "postgres", topology: "aurora", readers: 0, backupRetentionDays: 3, vpcId: "vpc-1", subnetIds: ["subnet-a"], allowedSecurityGroupIds: [] }),
        );
        assert.deepEqual(registered, []);
        const byPath = Object.fromEntries(error.problems.map((p) => [p.path, p.message]));
        assert.deepEqual(Object.keys(byPath).sort(), ["allowedSecurityGroupIds", "backupRetentionDays", "readers", "subnetIds"]);
        assert.match(byPath.backupRetentionDays, /at least 7 days in production/);
        assert.match(byPath.allowedSecurityGroupIds, /needs at least one security group allowed to connect/);
        assert.match(byPath.readers, /at least 1 in production so the writer can fail over/);
        assert.match(byPath.subnetIds, /needs subnets in at least 2 availability zones; pass one private subnet per AZ/);
    });

    it("checks a subnet list known only at deployment time when it resolves", async () => {
        await assert.rejects(
            capture(() => void new ReplicatedDatabase("db", { ...PLACEMENT, engine: "postgres", subnetIds: pulumi.output(["subnet-a"]) })),
            /ReplicatedDatabase "db" \(1 problem\):\n {2}- subnetIds: needs subnets in at least 2 availability zones \(got 1\)/,
        );
    });

    it("rejects a statement_timeout parameter on MySQL and an unknown engine", async () => {
        const mysql = await argsErrorOf(() => new ReplicatedDatabase("db", { engine: "mysql", parameters: [{ name: "statement_timeout", value: "1" }], ...PLACEMENT }));
        assert.match(mysql.error.message, /MySQL uses max_execution_time/);
        const oracle = await argsErrorOf(() => new ReplicatedDatabase("db", { engine: "oracle", ...PLACEMENT } as never));
        assert.match(oracle.error.message, /engine: must be "postgres" or "mysql"/);
        assert.deepEqual([...mysql.registered, ...oracle.registered], []);
    });
});
