import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { alarmTopic, run } from "../dead-letter-queues/harness";

const RULE = "rds-alarm";
const threshold = { period: 300, evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold", threshold: 80, statistic: "Average" };
const instanceArgs = { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app", manageMasterUserPassword: true, multiAz: true };

describe("rds-alarm", () => {
    it("passes an instance with a FreeStorageSpace alarm (identifier unknown: linked through propertyDependencies), flags one without", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const db = new aws.rds.Instance("orders", instanceArgs);
            new aws.cloudwatch.MetricAlarm("orders-storage", { ...threshold, comparisonOperator: "LessThanThreshold", threshold: 5e9, namespace: "AWS/RDS", metricName: "FreeStorageSpace", dimensions: { DBInstanceIdentifier: db.identifier }, alarmActions: [topic.arn] });
            new aws.rds.Instance("reports", instanceArgs);
        });
        assert.deepEqual(r.violations, ["reports mandatory"]);
        assert.match(r.messages["reports"], /no CloudWatch alarm with an alarm action watches any of CPUUtilization, FreeStorageSpace.*DBInstanceIdentifier: db.identifier/);
    });

    it("passes an Aurora cluster through an alarm on one of its instances, or on DBClusterIdentifier; flags a cluster without", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const cluster = new aws.rds.Cluster("orders", { engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true });
            const writer = new aws.rds.ClusterInstance("orders-1", { clusterIdentifier: cluster.id, instanceClass: "db.r6g.large", engine: "aurora-postgresql" });
            new aws.cloudwatch.MetricAlarm("orders-1-cpu", { ...threshold, namespace: "AWS/RDS", metricName: "CPUUtilization", dimensions: { DBInstanceIdentifier: writer.identifier }, alarmActions: [topic.arn] });
            new aws.rds.Cluster("billing", { clusterIdentifier: "billing", engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true });
            new aws.cloudwatch.MetricAlarm("billing-cpu", { ...threshold, namespace: "AWS/RDS", metricName: "CPUUtilization", dimensions: { DBClusterIdentifier: "billing" }, alarmActions: [topic.arn] });
            new aws.rds.Cluster("events", { engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true });
        });
        assert.deepEqual(r.violations, ["events mandatory"]);
        assert.match(r.messages["events"], /DBClusterIdentifier: cluster.clusterIdentifier/);
    });
});
