import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import { analyze, messages, outcomes, subnetsIn } from "./fixtures";

const RULE = "ecs-service-redundancy";

describe(`${RULE} (through the analyzer)`, () => {
    it("judges desiredCount and the zones of awsvpc subnets; skips daemons; judges bridge-mode services on desiredCount only; one advisory for an unknown desiredCount", async () => {
        const report = await analyze(() => {
            const cluster = new aws.ecs.Cluster("cluster");
            const { subnets: [a, b, a2] } = subnetsIn("net", ["us-east-1a", "us-east-1b", "us-east-1a"]);
            const svc = (name: string, args: Partial<aws.ecs.ServiceArgs>) => new aws.ecs.Service(name, { cluster: cluster.arn, taskDefinition: "app:1", ...args });
            svc("ok", { desiredCount: 2, launchType: "FARGATE", networkConfiguration: { subnets: [a.id, b.id] } });
            svc("one-task", { desiredCount: 1, launchType: "FARGATE", networkConfiguration: { subnets: [a.id, b.id] } });
            svc("no-count", { launchType: "FARGATE", networkConfiguration: { subnets: [a.id, b.id] } });
            svc("one-zone", { desiredCount: 3, launchType: "FARGATE", networkConfiguration: { subnets: [a.id, a2.id] } });
            svc("daemon", { schedulingStrategy: "DAEMON", launchType: "EC2" });
            svc("bridge", { desiredCount: 2, launchType: "EC2" });
            svc("unknown-count", { desiredCount: cluster.id.apply(() => 2), launchType: "FARGATE", networkConfiguration: { subnets: [a.id, b.id] } });
            svc("awsx-subnets", { desiredCount: 2, launchType: "FARGATE", networkConfiguration: { subnets: new awsx.ec2.Vpc("network", {}).privateSubnetIds } });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown-count", "violation mandatory no-count", "violation mandatory one-task", "violation mandatory one-zone"]);
        assert.match(messages(report, RULE, "no-count")[0], /desiredCount is unset \(0\); set desiredCount to at least 2/);
        assert.match(messages(report, RULE, "one-zone")[0], /networkConfiguration\.subnets covers 1 availability zone \(us-east-1a\)/);
    });
});
