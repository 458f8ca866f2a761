import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes } from "../redundancy/fixtures";

const RULE = "apigw-integration-timeout";

describe(`${RULE} (through the analyzer)`, () => {
    const program = () => {
        const api = new aws.apigateway.RestApi("api");
        const rest = (name: string, extra: Partial<aws.apigateway.IntegrationArgs>) =>
            new aws.apigateway.Integration(name, { restApi: api.id, resourceId: api.rootResourceId, httpMethod: "GET", type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: "https://example.com", ...extra });
        rest("rest-unset", {});
        rest("rest-default", { timeoutMilliseconds: 29000 });
        rest("rest-chosen", { timeoutMilliseconds: 5000 });
        rest("rest-unknown", { timeoutMilliseconds: api.id.apply(() => 5000) });
        rest("rest-mock", { type: "MOCK", uri: undefined, integrationHttpMethod: undefined });
        const http = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
        new aws.apigatewayv2.Integration("http-unset", { apiId: http.id, integrationType: "HTTP_PROXY", integrationMethod: "GET", integrationUri: "https://example.com" });
        new aws.apigatewayv2.Integration("http-chosen", { apiId: http.id, integrationType: "HTTP_PROXY", integrationMethod: "GET", integrationUri: "https://example.com", timeoutMilliseconds: 10000 });
    };

    it("is opt-in: nothing is reported by default", async () => {
        const report = await analyze(program);
        assert.deepEqual(outcomes(report, RULE), []);
    });

    it("regression (issue 14 item 1): an absent timeout is the default (29000 ms, which the provider fills in), not a finding", async () => {
        const report = await analyze(program, { stackTags: { "faultguard:profile": "thorough" } });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory rest-unknown"]);
    });

    it("with maxMilliseconds, judges explicit and default timeouts alike; skips MOCK; one advisory for an unknown timeout", async () => {
        const report = await analyze(program, { policyConfig: { [RULE]: { enforcementLevel: "mandatory", maxMilliseconds: 8000 } } });
        assert.deepEqual(outcomes(report, RULE), [
            "not-evaluated advisory rest-unknown",
            "violation mandatory http-chosen",
            "violation mandatory http-unset",
            "violation mandatory rest-default",
            "violation mandatory rest-unset",
        ]);
        assert.match(messages(report, RULE, "http-unset")[0], /timeoutMilliseconds is unset \(the default, 30000 ms\); set it to at most 8000 ms/);
        assert.match(messages(report, RULE, "rest-unset")[0], /timeoutMilliseconds is 29000; set it to at most 8000 ms/, "the provider's default was filled in, as under the engine");
    });
});
