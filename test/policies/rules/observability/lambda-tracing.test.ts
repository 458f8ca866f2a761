import * as assert from "node:assert/strict";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";
import { lambdaFunction } from "./support";

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
});
