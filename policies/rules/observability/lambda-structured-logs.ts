import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";

export const lambdaStructuredLogs = resourceRule({
    id: "lambda-structured-logs",
    title: "Lambda functions log structured JSON",
    pillar: "observability",
    description: "A Lambda function sets `loggingConfig.logFormat: \"JSON\"`, so platform and application logs are structured and queryable.",
    remediation: [
        "```ts",
        "new aws.lambda.Function(\"worker\", {",
        "    loggingConfig: { logFormat: \"JSON\", applicationLogLevel: \"INFO\", systemLogLevel: \"WARN\" },",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: text logs still work, but correlating a failing request across functions (request IDs, error types, levels) needs structured fields; JSON logs make CloudWatch Logs Insights queries and metric filters reliable during an incident.",
    byDefault: { shown: false, why: "Log format is an operability preference, not a reliability finding; reviewers did not act on it (13 findings on real programs). Turn it on to standardise logging." },
    resourceTypes: [aws.lambda.Function],
    anchors: {
        gap: true,
        wellArchitected: ["REL06-BP01"],
    },
    config: z.object({}),
    check(fn) {
        const format = fn.read("loggingConfig.logFormat");
        if (!format.known) {
            return [unresolvable(format.path)];
        }
        return format.value === "JSON"
            ? []
            : [violation(`loggingConfig.logFormat is ${typeof format.value === "string" ? `"${format.value}"` : "unset (Text)"}; set loggingConfig: { logFormat: "JSON" } for structured, queryable logs.`)];
    },
});
