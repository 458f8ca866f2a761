import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "codedeploy-rollback";
const ROLE = "arn:aws:iam::123456789012:role/codedeploy";

type GroupArgs = Partial<aws.codedeploy.DeploymentGroupArgs>;

function lambdaGroup(args: GroupArgs, alarmed = true): () => void {
    return () => {
        const app = new aws.codedeploy.Application("api", { computePlatform: "Lambda" });
        const errors = new aws.cloudwatch.MetricAlarm("errors", {
            comparisonOperator: "GreaterThanThreshold",
            evaluationPeriods: 1,
            metricName: "Errors",
            namespace: "AWS/Lambda",
            period: 60,
            statistic: "Sum",
            threshold: 1,
        });
        new aws.codedeploy.DeploymentGroup("api", {
            appName: app.name,
            deploymentGroupName: "api",
            serviceRoleArn: ROLE,
            deploymentStyle: { deploymentOption: "WITH_TRAFFIC_CONTROL", deploymentType: "BLUE_GREEN" },
            autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
            alarmConfiguration: alarmed ? { enabled: true, alarms: [errors.name] } : undefined,
            deploymentConfigName: "CodeDeployDefault.LambdaCanary10Percent5Minutes",
            ...args,
        });
    };
}

describe(RULE, () => {
    it("passes a Lambda group with canary traffic shifting, rollback and alarms (names unknown in preview)", async () => {
        const report = await analyzeInline(lambdaGroup({}));
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags an all-at-once Lambda group, mandatory", async () => {
        const report = await analyzeInline(lambdaGroup({ deploymentConfigName: "CodeDeployDefault.LambdaAllAtOnce" }));
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel]), [["api", "mandatory"]]);
        assert.match(violationsOf(report, RULE)[0].message, /LambdaAllAtOnce, which shifts all traffic to the new version at once/);
    });

    it("flags missing rollback and missing alarms", async () => {
        const report = await analyzeInline(lambdaGroup({ autoRollbackConfiguration: undefined }, false));
        const messages = violationsOf(report, RULE).map((v) => v.message).join("\n");
        assert.match(messages, /autoRollbackConfiguration is not enabled/);
        assert.match(messages, /alarmConfiguration is not enabled with at least one alarm/);
    });

    it("asks for DEPLOYMENT_STOP_ON_ALARM when alarms are on, and judges a custom all-at-once config of this stack", async () => {
        const report = await analyzeInline(() => {
            lambdaGroup({ autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE"] } })();
            const custom = new aws.codedeploy.DeploymentConfig("instant", { deploymentConfigName: "instant", computePlatform: "Lambda", trafficRoutingConfig: { type: "AllAtOnce" } });
            const app = new aws.codedeploy.Application("worker", { computePlatform: "Lambda" });
            new aws.codedeploy.DeploymentGroup("worker", {
                appName: app.name,
                deploymentGroupName: "worker",
                serviceRoleArn: ROLE,
                deploymentConfigName: custom.id,
                autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE"] },
            });
        }, { policyConfig: { [RULE]: { requireAlarms: false } } });
        const byName = Object.fromEntries(violationsOf(report, RULE).map((v) => [v.name, v.message]));
        assert.match(byName["api"], /events lacks DEPLOYMENT_STOP_ON_ALARM/);
        assert.match(byName["worker"], /deployment config instant shifts all traffic at once/);
    });

    it("does not ask server (EC2) groups for Lambda traffic shifting", async () => {
        const report = await analyzeInline(() => {
            const app = new aws.codedeploy.Application("web", {});
            new aws.codedeploy.DeploymentGroup("web", {
                appName: app.name,
                deploymentGroupName: "web",
                serviceRoleArn: ROLE,
                autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE"] },
            });
        }, { policyConfig: { [RULE]: { requireAlarms: false } } });
        assert.deepEqual(violationsOf(report, RULE), []);
    });
});
