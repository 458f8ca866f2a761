import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, violationsOf } from "../../../support/analyze";

const RULE = "rds-monitoring";

const instance = (name: string, args: Partial<aws.rds.InstanceArgs> = {}) =>
    new aws.rds.Instance(name, { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app", manageMasterUserPassword: true, ...args });

describe(`${RULE} (analyzer)`, () => {
    it("passes Performance Insights or enhanced monitoring, flags neither (advisory)", async () => {
        const report = await analyzeInline(() => {
            instance("pi", { performanceInsightsEnabled: true });
            instance("enhanced", { monitoringInterval: 60, monitoringRoleArn: "arn:aws:iam::1:role/rds-monitoring" });
            instance("blind");
            instance("zero", { monitoringInterval: 0, performanceInsightsEnabled: false });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["blind", "advisory"], ["zero", "advisory"]]);
        assert.match(v[0].message, /set performanceInsightsEnabled: true and\/or monitoringInterval: 60/);
    });

    it("accepts Aurora cluster instances whose cluster (identifier unknown) enables monitoring; flags those whose cluster does not", async () => {
        const report = await analyzeInline(() => {
            const watched = new aws.rds.Cluster("watched", { engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true, performanceInsightsEnabled: true, monitoringInterval: 60 });
            new aws.rds.ClusterInstance("watched-1", { clusterIdentifier: watched.id, engine: "aurora-postgresql", instanceClass: "db.r6g.large" });
            const plain = new aws.rds.Cluster("plain", { engine: "aurora-postgresql", masterUsername: "app", manageMasterUserPassword: true });
            new aws.rds.ClusterInstance("plain-1", { clusterIdentifier: plain.id, engine: "aurora-postgresql", instanceClass: "db.r6g.large" });
        });
        assert.deepEqual(violationsOf(report, RULE).map((x) => x.name), ["plain-1"]);
    });
});
