import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "rds-backups";

const safe = { backupRetentionPeriod: 7, deletionProtection: true, skipFinalSnapshot: false, finalSnapshotIdentifier: "db-final" };

function instance(name: string, args: Partial<aws.rds.InstanceArgs> = {}): aws.rds.Instance {
    return new aws.rds.Instance(name, { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app", manageMasterUserPassword: true, ...args });
}

describe(`${RULE} (analyzer)`, () => {
    it("passes an instance and a cluster with backups, deletion protection and a final snapshot", async () => {
        const report = await analyzeInline(() => {
            instance("db", safe);
            new aws.rds.Cluster("aurora", { engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true, ...safe });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags, as mandatory, an instance with provider defaults: 1-day backups, no protection, no final snapshot id", async () => {
        const report = await analyzeInline(() => {
            instance("db");
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.message.localeCompare(b.message));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["db", "mandatory"], ["db", "mandatory"], ["db", "mandatory"]]);
        assert.match(v[0].message, /backupRetentionPeriod is unset \(the AWS default, 1 day\); set backupRetentionPeriod to at least 7 days/);
        assert.match(v[1].message, /deletionProtection is not enabled/);
        assert.match(v[2].message, /finalSnapshotIdentifier is not set/);
    });

    it("flags disabled backups and skipFinalSnapshot on a cluster", async () => {
        const report = await analyzeInline(() => {
            new aws.rds.Cluster("aurora", { engine: "aurora-mysql", masterUsername: "app", manageMasterUserPassword: true, backupRetentionPeriod: 0, skipFinalSnapshot: true, deletionProtection: true });
        });
        const messages = violationsOf(report, RULE).map((x) => x.message).sort();
        assert.equal(messages.length, 2);
        assert.match(messages[0], /backupRetentionPeriod is 0 \(automated backups disabled\)/);
        assert.match(messages[1], /skipFinalSnapshot is true/);
    });

    it("exempts a read replica of an instance created alongside (source ARN unknown) from backups and final snapshot", async () => {
        const report = await analyzeInline(() => {
            const primary = instance("primary", safe);
            instance("replica", { replicateSourceDb: primary.identifier, deletionProtection: true, username: undefined, manageMasterUserPassword: undefined });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("is advisory in development and honours minRetentionDays", async () => {
        const dev = await analyzeInline(() => instance("db", { ...safe, backupRetentionPeriod: 3 }), { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(violationsOf(dev, RULE).map((x) => [x.name, x.enforcementLevel]), [["db", "advisory"]]);
        const relaxed = await analyzeInline(() => instance("db", { ...safe, backupRetentionPeriod: 3 }), { policyConfig: { [RULE]: { enforcementLevel: "mandatory", minRetentionDays: 3 } } });
        assert.deepEqual(violationsOf(relaxed, RULE), []);
    });
});
