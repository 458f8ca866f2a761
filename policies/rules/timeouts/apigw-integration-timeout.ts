import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

/** REST API integrations: the provider's default, which the Pulumi engine fills in when absent. */
const REST_DEFAULT_TIMEOUT_MS = 29_000;

export const apigwIntegrationTimeout = resourceRule({
    id: "apigw-integration-timeout",
    title: "API Gateway integrations set an explicit timeout",
    pillar: "timeouts",
    description:
        "An `aws.apigateway.Integration` or `aws.apigatewayv2.Integration` (other than MOCK) sets `timeoutMilliseconds` explicitly (present in the program's inputs). For REST APIs, 29000 ms (the default) is accepted as a deliberate choice unless `rejectDefault` is on.",
    remediation: [
        "Set the timeout from the backend's latency budget, below the client's own timeout:",
        "```ts",
        "new aws.apigateway.Integration(\"get-items\", { ..., timeoutMilliseconds: 5000 });",
        "new aws.apigatewayv2.Integration(\"items\", { ..., timeoutMilliseconds: 5000 });",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "With the default 29–30 s, a slow backend holds every caller for half a minute, piling up retries and connections upstream; an explicit budget fails fast.",
    resourceTypes: [aws.apigateway.Integration, aws.apigatewayv2.Integration],
    anchors: {
        gap: true,
        wellArchitected: ["REL05-BP05"],
    },
    config: z.object({
        rejectDefault: z
            .boolean()
            .default(false)
            .describe(
                "Also reject 29000 ms on REST integrations. Under the Pulumi engine the provider fills 29000 into an absent timeoutMilliseconds before policies run, so only this catches an omission there.",
            ),
    }),
    check(integration, { config }) {
        const kind = integration.type === aws.apigateway.Integration ? integration.string("type") : integration.string("integrationType");
        if (kind === "MOCK") {
            return [];
        }
        const timeout = integration.number("timeoutMilliseconds");
        const isRestDefault = integration.type === aws.apigateway.Integration && timeout === REST_DEFAULT_TIMEOUT_MS && config.rejectDefault;
        if (timeout === undefined || isRestDefault) {
            return [violation(`timeoutMilliseconds is ${timeout === undefined ? "unset" : "the 29000 ms default, which this pack's config (rejectDefault) does not accept"}; set timeoutMilliseconds to the backend's latency budget (50–29000 ms for REST, up to 30000 ms for HTTP APIs).`)];
        }
        return [];
    },
});
