import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { analyze, messages, outcomes } from "./fixtures";

const RULE = "rds-cluster-multi-az";
const aurora = { engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true, skipFinalSnapshot: true };
const member = (name: string, cluster: aws.rds.Cluster | pulumi.Input<string>, extra: Partial<aws.rds.ClusterInstanceArgs> = {}) =>
    new aws.rds.ClusterInstance(name, { clusterIdentifier: cluster instanceof aws.rds.Cluster ? cluster.id : cluster, instanceClass: "db.r6g.large", engine: "aurora-postgresql", ...extra });

describe(`${RULE} (through the analyzer)`, () => {
    it("counts instances linked by unknown IDs (propertyDependencies) and by known identifiers; flags one instance, none, and all pinned to one zone", async () => {
        const report = await analyze(() => {
            const ok = new aws.rds.Cluster("two-readers", aurora);
            member("two-readers-0", ok);
            member("two-readers-1", ok);
            new aws.rds.Cluster("by-name", { ...aurora, clusterIdentifier: "orders" });
            member("by-name-0", "orders");
            member("by-name-1", "orders");
            const single = new aws.rds.Cluster("single", aurora);
            member("single-0", single);
            new aws.rds.Cluster("empty", aurora);
            const pinned = new aws.rds.Cluster("pinned", aurora);
            member("pinned-0", pinned, { availabilityZone: "us-east-1a" });
            member("pinned-1", pinned, { availabilityZone: "us-east-1a" });
            new aws.rds.Cluster("multi-az-db-cluster", { engine: "mysql", dbClusterInstanceClass: "db.r6gd.large", storageType: "io1", allocatedStorage: 100, iops: 1000, masterUsername: "app", manageMasterUserPassword: true });
            new aws.rds.Cluster("serverless-v1", { ...aurora, engine: "aurora-mysql", engineMode: "serverless" });
        });
        assert.deepEqual(outcomes(report, RULE), [
            "violation mandatory empty",
            "violation mandatory pinned",
            "violation mandatory serverless-v1",
            "violation mandatory single",
        ]);
        assert.match(messages(report, RULE, "single")[0], /the cluster has 1 instance \(single-0\); add aws\.rds\.ClusterInstance resources with clusterIdentifier set to this cluster until it has at least 2/);
        assert.match(messages(report, RULE, "pinned")[0], /pinned to availabilityZone us-east-1a/);
        assert.match(messages(report, RULE, "serverless-v1")[0], /Aurora Serverless v1/);
    });

    it("gives one advisory, not a violation, when an instance's cluster cannot be traced", async () => {
        const report = await analyze(() => {
            const cluster = new aws.rds.Cluster("lonely", aurora);
            member("lonely-0", cluster);
            const bucket = new aws.s3.Bucket("names");
            member("stray", bucket.id.apply((id) => `cluster-of-${id}`));
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory lonely"]);
        assert.match(messages(report, RULE, "lonely")[0], /the cluster of stray cannot be traced/);
    });
});
