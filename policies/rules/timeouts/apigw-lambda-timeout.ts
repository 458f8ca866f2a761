import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource, type StackGraph } from "../../lib/graph";
import { resolveFunction } from "../../lib/links/invoked-function";
import { stackRule, unresolvable, violation } from "../../lib/rule";
import { asNumber, asString } from "../../lib/values";

/** Lambda's default function timeout, in seconds, when `timeout` is absent. */
const LAMBDA_DEFAULT_TIMEOUT_S = 3;
/** API Gateway's integration timeout when `timeoutMilliseconds` is absent: REST and WebSocket APIs, HTTP APIs. */
const REST_DEFAULT_MS = 29_000;
const HTTP_DEFAULT_MS = 30_000;
/** The Lambda function of this stack an integration invokes (by output, function ARN or invoke URI), if it is one. */
function integratedFunction(graph: StackGraph, integration: GraphResource, path: string): { fn?: GraphResource; unknown?: boolean } {
    const res = resolveFunction(graph, integration, path);
    return res.targets[0] ? { fn: res.targets[0] } : { unknown: res.unresolved };
}

function integrationDefaultMs(graph: StackGraph, integration: GraphResource): number {
    if (integration.type === aws.apigateway.Integration) {
        return REST_DEFAULT_MS;
    }
    const api = graph.resolve(integration, "apiId", [aws.apigatewayv2.Api]).targets[0];
    return api && asString(api.props["protocolType"]) === "WEBSOCKET" ? REST_DEFAULT_MS : HTTP_DEFAULT_MS;
}

export const apigwLambdaTimeout = stackRule({
    id: "apigw-lambda-timeout",
    title: "Lambda functions behind API Gateway time out before their integration does",
    pillar: "timeouts",
    description:
        "A Lambda function invoked by an `aws.apigateway.Integration` (`uri`) or `aws.apigatewayv2.Integration` (`integrationUri`) has a `timeout` (default 3 s) no longer than the integration's `timeoutMilliseconds` (default 29 s for REST and WebSocket APIs, 30 s for HTTP APIs).",
    remediation: [
        "Keep the function's budget inside the integration's, so the function gives up before the client is answered with a 504:",
        "```ts",
        "const handler = new aws.lambda.Function(\"api\", { ..., timeout: 10 });",
        "new aws.apigateway.Integration(\"get-items\", { ..., type: \"AWS_PROXY\", uri: handler.invokeArn, timeoutMilliseconds: 12000 });",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "When the function may run longer than the integration waits, the client gets a 504 while the function keeps working: clients retry work that is still running (duplicates, doubled load on a slow dependency), and the function's timeout never protects anything. The fix costs nothing.",
    byDefault: { shown: true, why: "A function that outlives its API Gateway integration keeps working after the client got a 504: wasted work and duplicate retries." },
    resourceTypes: [aws.apigateway.Integration, aws.apigatewayv2.Integration],
    anchors: { gap: true, other: ["API Gateway quotas (29 s integration timeout)"], wellArchitected: ["REL05-BP05"] },
    config: z.object({}),
    check(integration, { graph }) {
        const path = integration.type === aws.apigateway.Integration ? "uri" : "integrationUri";
        const { fn, unknown } = integratedFunction(graph, integration, path);
        if (!fn) {
            return unknown ? [unresolvable(path, "the integration's target cannot be traced, so whether it is a Lambda function is not known")] : [];
        }
        const fnTimeout = fn.read("timeout");
        if (!fnTimeout.known) {
            return [unresolvable("timeout", `of function ${fn.name}`)];
        }
        const own = integration.read("timeoutMilliseconds");
        if (!own.known) {
            return [unresolvable("timeoutMilliseconds")];
        }
        const seconds = asNumber(fnTimeout.value) ?? LAMBDA_DEFAULT_TIMEOUT_S;
        const ms = asNumber(own.value) ?? integrationDefaultMs(graph, integration);
        if (seconds * 1000 <= ms) {
            return [];
        }
        return [
            violation(
                `function ${fn.name} may run ${seconds} s but the integration gives up after ${ms / 1000} s${own.value === undefined ? " (the default)" : ""}, so clients get a 504 while the function keeps working; set the function's timeout to at most ${Math.floor(ms / 1000)} s (a little below the integration's), or raise timeoutMilliseconds where the API allows it.`,
            ),
        ];
    },
});
