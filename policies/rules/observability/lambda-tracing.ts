import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { edgeFunctions } from "../../lib/links/cloudfront";
import { stackRule, unresolvable, violation } from "../../lib/rule";

export const lambdaTracing = stackRule({
    id: "lambda-tracing",
    title: "Lambda functions trace with X-Ray",
    pillar: "observability",
    description: "A Lambda function sets `tracingConfig.mode: \"Active\"`. Lambda@Edge functions (associated with a CloudFront cache behavior) are exempt: they cannot use active tracing.",
    remediation: [
        "```ts",
        "new aws.lambda.Function(\"worker\", { tracingConfig: { mode: \"Active\" }, ... });",
        "```",
        "The execution role needs `xray:PutTraceSegments` and `xray:PutTelemetryRecords` (managed policy AWSXRayDaemonWriteAccess).",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: without traces, finding which dependency makes a request slow or fail during an incident takes guesswork; nothing breaks because of it, it only takes longer to repair.",
    byDefault: { shown: false, why: "Tracing a single event-triggered function adds little; reviewers did not act on it. Turn it on where functions sit in synchronous request chains." },
    resourceTypes: [aws.lambda.Function],
    anchors: {
        cdkNag: ["Serverless-LambdaTracing"],
        checkov: ["CKV_AWS_50"],
        other: ["PCP aws-lambda-function-enable-tracing-config", "SR WS1000"],
        wellArchitected: ["REL06-BP01", "REL06-BP07"],
    },
    config: z.object({}),
    check(fn, { graph }) {
        if (edgeFunctions(graph).has(fn)) {
            return [];
        }
        const mode = fn.read("tracingConfig.mode");
        if (!mode.known) {
            return [unresolvable(mode.path)];
        }
        return mode.value === "Active"
            ? []
            : [violation(`tracingConfig.mode is ${typeof mode.value === "string" ? `"${mode.value}"` : "unset (PassThrough)"}; set tracingConfig: { mode: "Active" } to trace every invocation with X-Ray.`)];
    },
});
