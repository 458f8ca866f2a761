import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

/** REST API integrations: the provider's default, which its Check fills in when absent (so does faultguard preview). */
const REST_DEFAULT_TIMEOUT_MS = 29_000;
/** HTTP API integrations: AWS's default and maximum (the provider leaves it computed). */
const HTTP_API_DEFAULT_TIMEOUT_MS = 30_000;

export const apigwIntegrationTimeout = resourceRule({
    id: "apigw-integration-timeout",
    title: "API Gateway integrations time out within the latency budget",
    pillar: "timeouts",
    description:
        "An `aws.apigateway.Integration` or `aws.apigatewayv2.Integration` (other than MOCK) times out within `maxMilliseconds`; an absent `timeoutMilliseconds` is the default (29000 ms for REST, which the provider fills in; 30000 ms for HTTP APIs).",
    remediation: [
        "Set the timeout from the backend's latency budget, below the client's own timeout:",
        "```ts",
        "new aws.apigateway.Integration(\"get-items\", { ..., timeoutMilliseconds: 5000 });",
        "new aws.apigatewayv2.Integration(\"items\", { ..., timeoutMilliseconds: 5000 });",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "Mandatory once a team sets its budget: an integration that waits longer than its callers do keeps the backend working for clients that have already given up, piling up retries and connections upstream.",
    byDefault: { shown: false, why: "Integrations without a timeout get the provider's or AWS's default (29 s REST, 30 s HTTP APIs), which is bounded. Turn it on with maxMilliseconds to enforce a latency budget below the client's." },
    resourceTypes: [aws.apigateway.Integration, aws.apigatewayv2.Integration],
    anchors: {
        gap: true,
        wellArchitected: ["REL05-BP05"],
    },
    config: z.object({
        maxMilliseconds: z
            .number()
            .int()
            .min(50)
            .max(HTTP_API_DEFAULT_TIMEOUT_MS)
            .default(HTTP_API_DEFAULT_TIMEOUT_MS)
            .describe("Longest integration timeout allowed, in milliseconds (absent timeouts count as the default: 29000 REST, 30000 HTTP APIs)."),
    }),
    check(integration, { config }) {
        const kind = integration.type === aws.apigateway.Integration ? integration.string("type") : integration.string("integrationType");
        if (kind === "MOCK") {
            return [];
        }
        // Judge the behaviour: an absent value is the default, never a finding by itself.
        const isRest = integration.type === aws.apigateway.Integration;
        const explicit = integration.number("timeoutMilliseconds");
        const timeout = explicit ?? (isRest ? REST_DEFAULT_TIMEOUT_MS : HTTP_API_DEFAULT_TIMEOUT_MS);
        if (timeout > config.maxMilliseconds) {
            return [violation(`timeoutMilliseconds is ${explicit === undefined ? `unset (the default, ${timeout} ms)` : timeout}; set it to at most ${config.maxMilliseconds} ms (policy config maxMilliseconds), below the client's own timeout.`)];
        }
        return [];
    },
});
