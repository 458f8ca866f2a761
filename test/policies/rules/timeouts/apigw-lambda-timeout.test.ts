import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyze, fn, messages, outcomes } from "../redundancy/fixtures";

const RULE = "apigw-lambda-timeout";

describe(`${RULE} (through the analyzer)`, () => {
    it("follows REST and HTTP integrations to their functions on a new stack (invoke ARNs unknown) and compares timeouts, defaults included", async () => {
        const report = await analyze(() => {
            const api = new aws.apigateway.RestApi("api", {});
            const method = (name: string) => {
                const resource = new aws.apigateway.Resource(name, { restApi: api.id, parentId: api.rootResourceId, pathPart: name });
                return { resource, method: new aws.apigateway.Method(name, { restApi: api.id, resourceId: resource.id, httpMethod: "GET", authorization: "NONE" }) };
            };
            const rest = (name: string, handler: aws.lambda.Function, timeoutMilliseconds?: number) => {
                const { resource, method: m } = method(name);
                new aws.apigateway.Integration(name, { restApi: api.id, resourceId: resource.id, httpMethod: m.httpMethod, type: "AWS_PROXY", integrationHttpMethod: "POST", uri: handler.invokeArn, timeoutMilliseconds });
            };
            rest("slow", fn("slow-fn", { timeout: 60 })); // 60 s behind the 29 s default
            rest("tight", fn("tight-fn", { timeout: 10 }), 5000); // 10 s behind an explicit 5 s
            rest("ok", fn("ok-fn", { timeout: 10 })); // 10 s behind 29 s
            rest("default", fn("default-fn")); // Lambda's 3 s default
            const http = new aws.apigatewayv2.Api("http", { protocolType: "HTTP" });
            new aws.apigatewayv2.Integration("http-slow", { apiId: http.id, integrationType: "AWS_PROXY", integrationUri: fn("http-fn", { timeout: 45 }).arn });
            new aws.apigatewayv2.Integration("http-ok", { apiId: http.id, integrationType: "AWS_PROXY", integrationUri: fn("http-ok-fn", { timeout: 30 }).arn });
            new aws.apigatewayv2.Integration("http-proxy", { apiId: http.id, integrationType: "HTTP_PROXY", integrationMethod: "GET", integrationUri: "https://example.com" });
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory http-slow", "violation mandatory slow", "violation mandatory tight"]);
        assert.match(messages(report, RULE, "slow")[0], /function slow-fn may run 60 s but the integration gives up after 29 s/);
        assert.match(messages(report, RULE, "tight")[0], /may run 10 s but the integration gives up after 5 s, so clients get a 504/);
        assert.match(messages(report, RULE, "http-slow")[0], /gives up after 30 s \(the default\)/);
    });

    it("resolves a literal invoke URI of a deployed function by its ARN; cannot decide a computed function timeout", async () => {
        const report = await analyze(() => {
            const arn = "arn:aws:lambda:us-east-1:123456789012:function:orders";
            fn("orders", { name: "orders", timeout: 40 });
            const api = new aws.apigateway.RestApi("api", {});
            new aws.apigateway.Integration("literal", {
                restApi: api.id, resourceId: "abc123", httpMethod: "GET", type: "AWS_PROXY", integrationHttpMethod: "POST",
                uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`,
            });
            const computed = fn("computed-fn", { timeout: pulumi.unknown as unknown as pulumi.Input<number> });
            new aws.apigateway.Integration("computed", { restApi: api.id, resourceId: "abc123", httpMethod: "POST", type: "AWS_PROXY", integrationHttpMethod: "POST", uri: computed.invokeArn });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory computed", "violation mandatory literal"]);
    });
});
