import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline as analyzeInlineDefault, violationsOf, type AnalyzeInlineOptions } from "../../../support/analyze";

/** The rule is opt-in (issue 14): these tests run it under the thorough profile, which turns opt-in rules on. */
function analyzeInline(program: () => unknown, options: AnalyzeInlineOptions = {}) {
    return analyzeInlineDefault(program, { stackTags: { "faultguard:profile": "thorough" }, ...options });
}

const RULE = "apigw-xray";

describe(`${RULE} (analyzer)`, () => {
    it("passes a traced stage and flags an untraced one (REST API and deployment ids unknown)", async () => {
        const report = await analyzeInline(() => {
            const api = new aws.apigateway.RestApi("api", {});
            const deployment = new aws.apigateway.Deployment("d", { restApi: api.id });
            new aws.apigateway.Stage("traced", { restApi: api.id, deployment: deployment.id, stageName: "prod", xrayTracingEnabled: true });
            new aws.apigateway.Stage("blind", { restApi: api.id, deployment: deployment.id, stageName: "v1" });
        });
        const v = violationsOf(report, RULE);
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["blind", "advisory"]]);
        assert.match(v[0].message, /set xrayTracingEnabled: true/);
    });
});
