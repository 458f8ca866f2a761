import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes } from "./fixtures";

const RULE = "mq-multi-az";
const base = { engineVersion: "5.18", hostInstanceType: "mq.m5.large", users: [{ username: "app", password: "not-a-real-password" }] };

describe(`${RULE} (through the analyzer)`, () => {
    it("flags single-instance brokers (the default) with the mode to use per engine; passes Multi-AZ modes; one advisory for an unknown mode", async () => {
        const report = await analyze(() => {
            new aws.mq.Broker("active-default", { ...base, engineType: "ActiveMQ" });
            new aws.mq.Broker("rabbit-single", { ...base, engineType: "RabbitMQ", engineVersion: "3.13", deploymentMode: "SINGLE_INSTANCE" });
            new aws.mq.Broker("active-ha", { ...base, engineType: "ActiveMQ", deploymentMode: "ACTIVE_STANDBY_MULTI_AZ" });
            new aws.mq.Broker("unknown", { ...base, engineType: "ActiveMQ", deploymentMode: new aws.s3.Bucket("seed").id.apply(() => "ACTIVE_STANDBY_MULTI_AZ") });
            new aws.mq.Broker("rabbit-cluster", { ...base, engineType: "RabbitMQ", engineVersion: "3.13", deploymentMode: "CLUSTER_MULTI_AZ" });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation mandatory active-default", "violation mandatory rabbit-single"]);
        assert.match(messages(report, RULE, "active-default")[0], /deploymentMode is SINGLE_INSTANCE; set deploymentMode: "ACTIVE_STANDBY_MULTI_AZ"/);
        assert.match(messages(report, RULE, "rabbit-single")[0], /set deploymentMode: "CLUSTER_MULTI_AZ"/);
    });
});
