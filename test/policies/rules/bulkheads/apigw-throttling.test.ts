import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "apigw-throttling";

function restStage(): { api: aws.apigateway.RestApi; stage: aws.apigateway.Stage } {
    const api = new aws.apigateway.RestApi("api", {});
    const deployment = new aws.apigateway.Deployment("api", { restApi: api.id });
    const stage = new aws.apigateway.Stage("prod", { restApi: api.id, deployment: deployment.id, stageName: "prod" });
    return { api, stage };
}

describe(RULE, () => {
    it("passes a REST stage throttled by */* method settings linked through its (unknown) stage name", async () => {
        const report = await analyzeInline(() => {
            const { api, stage } = restStage();
            new aws.apigateway.MethodSettings("all", { restApi: api.id, stageName: stage.stageName, methodPath: "*/*", settings: { throttlingBurstLimit: 200, throttlingRateLimit: 100 } });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("passes a REST stage in a throttled usage plan, matched by its literal name", async () => {
        const report = await analyzeInline(() => {
            const { api } = restStage();
            new aws.apigateway.UsagePlan("plan", { apiStages: [{ apiId: api.id, stage: "prod" }], throttleSettings: { burstLimit: 50, rateLimit: 20 } });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("flags an unthrottled REST stage and one whose only settings cover a single method, advisory", async () => {
        const report = await analyzeInline(() => {
            const { api, stage } = restStage();
            new aws.apigateway.MethodSettings("one", { restApi: api.id, stageName: stage.stageName, methodPath: "orders/GET", settings: { throttlingBurstLimit: 10, throttlingRateLimit: 5 } });
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel]), [["prod", "advisory"]]);
        assert.match(violationsOf(report, RULE)[0].message, /the stage has no throttling/);
    });

    it("flags a zero limit, which rejects every request", async () => {
        const report = await analyzeInline(() => {
            const { api, stage } = restStage();
            new aws.apigateway.MethodSettings("all", { restApi: api.id, stageName: stage.stageName, methodPath: "*/*", settings: { throttlingBurstLimit: 0, throttlingRateLimit: 100 } });
        });
        assert.match(violationsOf(report, RULE)[0].message, /settings\.throttlingBurstLimit to 0, which rejects every request/);
    });

    it("judges HTTP API stages by defaultRouteSettings", async () => {
        const report = await analyzeInline(() => {
            const api = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
            new aws.apigatewayv2.Stage("throttled", { apiId: api.id, name: "$default", defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 } });
            new aws.apigatewayv2.Stage("open", { apiId: api.id, name: "open" });
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => v.name), ["open"]);
        assert.match(violationsOf(report, RULE)[0].message, /defaultRouteSettings: \{ throttlingBurstLimit, throttlingRateLimit \}/);
    });
});
