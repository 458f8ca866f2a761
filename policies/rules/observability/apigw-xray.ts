import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";

export const apigwXray = resourceRule({
    id: "apigw-xray",
    title: "API Gateway stages trace with X-Ray",
    pillar: "observability",
    description: "A REST API stage (`aws.apigateway.Stage`) sets `xrayTracingEnabled: true`.",
    remediation: [
        "```ts",
        "new aws.apigateway.Stage(\"prod\", { restApi: api.id, deployment: deployment.id, stageName: \"prod\", xrayTracingEnabled: true });",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory" },
    rationale: "Advisory: tracing at the front door shows which integration fails or is slow; without it incidents take longer to diagnose, but requests are served the same.",
    byDefault: { shown: false, why: "Tracing helps diagnose latency across services but prevents no failure; like lambda-tracing, reviewers did not act on it. Turn it on where request chains span several services." },
    resourceTypes: [aws.apigateway.Stage],
    anchors: {
        cdkNag: ["Serverless-APIGWXrayEnabled", "HIPAA.Security-APIGWXrayEnabled"],
        checkov: ["CKV_AWS_73"],
        awsConfig: ["api-gw-xray-enabled"],
        securityHub: ["APIGateway.3"],
        other: ["SR WS2002"],
        wellArchitected: ["REL06-BP01", "REL06-BP07"],
    },
    config: z.object({}),
    check(stage) {
        const enabled = stage.read("xrayTracingEnabled");
        if (!enabled.known) {
            return [unresolvable("xrayTracingEnabled")];
        }
        return enabled.value === true ? [] : [violation("xrayTracingEnabled is not set; set xrayTracingEnabled: true to trace requests through the API and its integrations.")];
    },
});
