import * as assert from "node:assert/strict";
import { analyzeInline as analyzeInlineDefault, notEvaluatedOf, violationsOf, type AnalyzeInlineOptions } from "../../../support/analyze";
import { lambdaFunction, unknownBoolean } from "./support";

/** The rule is opt-in (issue 14): these tests run it under the thorough profile, which turns opt-in rules on. */
function analyzeInline(program: () => unknown, options: AnalyzeInlineOptions = {}) {
    return analyzeInlineDefault(program, { stackTags: { "faultguard:profile": "thorough" }, ...options });
}

const RULE = "lambda-structured-logs";

describe(`${RULE} (analyzer)`, () => {
    it("passes JSON logs, flags Text and the default (advisory)", async () => {
        const report = await analyzeInline(() => {
            lambdaFunction("json", { loggingConfig: { logFormat: "JSON", applicationLogLevel: "INFO" } });
            lambdaFunction("text", { loggingConfig: { logFormat: "Text" } });
            lambdaFunction("default");
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["default", "advisory"], ["text", "advisory"]]);
        assert.match(v[0].message, /logFormat is unset \(Text\); set loggingConfig: \{ logFormat: "JSON" \}/);
    });

    it("reports one could-not-evaluate advisory when the format is computed; a log group name computed in preview does not matter", async () => {
        const report = await analyzeInline(() => {
            lambdaFunction("computed", { loggingConfig: { logFormat: unknownBoolean("q").apply((b) => (b ? "JSON" : "Text")) } });
            lambdaFunction("json", { loggingConfig: { logFormat: "JSON", logGroup: unknownBoolean("q2").apply(() => "/aws/lambda/json") } });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((x) => x.name), ["computed"]);
    });
});
