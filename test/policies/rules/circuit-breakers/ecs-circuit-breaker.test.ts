import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "ecs-circuit-breaker";

function service(args: Partial<aws.ecs.ServiceArgs>): () => void {
    return () => {
        const cluster = new aws.ecs.Cluster("c", {});
        new aws.ecs.Service("web", { cluster: cluster.arn, taskDefinition: "web:1", desiredCount: 2, ...args });
    };
}

describe(RULE, () => {
    it("passes a service with circuit breaker + rollback and 100 % minimum healthy (cluster ARN unknown in preview)", async () => {
        const report = await analyzeInline(service({ deploymentCircuitBreaker: { enable: true, rollback: true }, deploymentMinimumHealthyPercent: 100 }));
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags a service without a circuit breaker, mandatory; an absent minimum healthy percent is ECS's 100", async () => {
        const report = await analyzeInline(service({}));
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel]), [["web", "mandatory"]]);
        assert.match(violationsOf(report, RULE)[0].message, /deploymentCircuitBreaker is not enabled; set deploymentCircuitBreaker: \{ enable: true, rollback: true \}/);
    });

    it("flags a breaker without rollback and a small service deployed at 50 % minimum healthy", async () => {
        const report = await analyzeInline(service({ deploymentCircuitBreaker: { enable: true, rollback: false }, deploymentMinimumHealthyPercent: 50 }));
        const messages = violationsOf(report, RULE).map((v) => v.message).join("\n");
        assert.match(messages, /does not roll back/);
        assert.match(messages, /deploymentMinimumHealthyPercent is 50 with desiredCount 2: a deployment may keep only 1 task running/);
    });

    it("lets large services deploy below 100 % (config threshold), and is advisory in development", async () => {
        const large = await analyzeInline(service({ desiredCount: 10, deploymentCircuitBreaker: { enable: true, rollback: true }, deploymentMinimumHealthyPercent: 50 }));
        assert.deepEqual(violationsOf(large, RULE), []);
        const dev = await analyzeInline(service({}), { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(violationsOf(dev, RULE).map((v) => v.enforcementLevel), ["advisory"]);
    });

    it("skips services deployed by CodeDeploy or an external controller", async () => {
        const report = await analyzeInline(service({ deploymentController: { type: "CODE_DEPLOY" }, deploymentMinimumHealthyPercent: 0 }));
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("reports one could-not-evaluate when desiredCount comes from a value unknown in preview, and still judges the breaker", async () => {
        const report = await analyzeInline(service({ desiredCount: pulumi.output(pulumi.unknown) as unknown as pulumi.Output<number>, deploymentMinimumHealthyPercent: 50 }));
        assert.deepEqual(notEvaluatedOf(report, RULE).map((f) => f.name), ["web"]);
        assert.match(notEvaluatedOf(report, RULE)[0].message, /desiredCount is unknown during preview/);
        assert.match(violationsOf(report, RULE)[0].message, /deploymentCircuitBreaker is not enabled/);
    });
});
