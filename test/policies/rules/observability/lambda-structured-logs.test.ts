import * as assert from "node:assert/strict";
import { analyzeInline, violationsOf } from "../../../support/analyze";
import { lambdaFunction } from "./support";

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
});
