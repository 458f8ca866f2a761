import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline as analyzeInlineDefault, notEvaluatedOf, violationsOf, type AnalyzeInlineOptions } from "../../../support/analyze";
import { lambdaFunction } from "./support";

/** The rule is opt-in (issue 14): these tests run it under the thorough profile, which turns opt-in rules on. */
function analyzeInline(program: () => unknown, options: AnalyzeInlineOptions = {}) {
    return analyzeInlineDefault(program, { stackTags: { "faultguard:profile": "thorough" }, ...options });
}

const RULE = "lambda-tracing";

describe(`${RULE} (analyzer)`, () => {
    it("passes Active tracing, flags PassThrough and the default (advisory)", async () => {
        const report = await analyzeInline(() => {
            lambdaFunction("active", { tracingConfig: { mode: "Active" } });
            lambdaFunction("passthrough", { tracingConfig: { mode: "PassThrough" } });
            lambdaFunction("default");
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["default", "advisory"], ["passthrough", "advisory"]]);
        assert.match(v[0].message, /tracingConfig.mode is unset \(PassThrough\); set tracingConfig: \{ mode: "Active" \}/);
        assert.match(v[1].message, /tracingConfig.mode is "PassThrough"/);
    });

    it("reports one could-not-evaluate advisory when the mode is computed", async () => {
        const report = await analyzeInline(() => {
            const mode = lambdaFunction("other").arn.apply(() => "Active");
            lambdaFunction("computed", { tracingConfig: { mode } });
        });
        assert.deepEqual(violationsOf(report, RULE).map((x) => x.name), ["other"]);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((x) => x.name), ["computed"]);
    });

    it("exempts Lambda@Edge functions associated with a distribution, by unknown qualified ARN or by a known one", async () => {
        const report = await analyzeInline(() => {
            const edge = lambdaFunction("edge", { publish: true });
            lambdaFunction("edge-by-arn", { name: "edge-by-arn" });
            const behavior = { viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" };
            new aws.cloudfront.Distribution("site", {
                enabled: true,
                origins: [{ originId: "o", domainName: "example.com" }],
                defaultCacheBehavior: { ...behavior, targetOriginId: "o", lambdaFunctionAssociations: [{ eventType: "viewer-request", lambdaArn: edge.qualifiedArn }] },
                orderedCacheBehaviors: [{ ...behavior, pathPattern: "/api/*", targetOriginId: "o", lambdaFunctionAssociations: [{ eventType: "origin-request", lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:edge-by-arn:2" }] }],
                restrictions: { geoRestriction: { restrictionType: "none" } },
                viewerCertificate: { cloudfrontDefaultCertificate: true },
            });
            lambdaFunction("regional");
        });
        assert.deepEqual(violationsOf(report, RULE).map((x) => x.name), ["regional"]);
    });
});
