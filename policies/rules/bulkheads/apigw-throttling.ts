import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource, type StackGraph } from "../../lib/graph";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { asString } from "../../lib/values";

/** Method settings that apply to every method of a stage. */
const ALL_METHODS = "*/*";

interface ThrottleSources {
    methodSettings: Map<GraphResource, GraphResource[]>;
    usagePlans: Map<GraphResource, GraphResource[]>;
}

const indexes = new WeakMap<StackGraph, ThrottleSources>();

/**
 * REST API stages, found from what refers to them: by propertyDependencies (the stage's name is an
 * output of the stage) or by the literal stage name (stages are usually named in the program).
 */
function stagesOf(from: GraphResource, property: string, byName: Map<string, GraphResource[]>, names: readonly unknown[]): GraphResource[] {
    const found = new Set((from.propertyDependencies[property] ?? []).filter((d) => d.type === aws.apigateway.Stage));
    for (const name of names) {
        const literal = asString(name);
        for (const s of literal === undefined ? [] : byName.get(literal) ?? []) {
            found.add(s);
        }
    }
    return [...found];
}

function indexOf(graph: StackGraph): ThrottleSources {
    let index = indexes.get(graph);
    if (!index) {
        const byName = new Map<string, GraphResource[]>();
        for (const stage of graph.ofType(aws.apigateway.Stage)) {
            const name = asString(stage.props["stageName"]);
            if (name !== undefined) {
                byName.set(name, [...(byName.get(name) ?? []), stage]);
            }
        }
        const built: ThrottleSources = { methodSettings: new Map(), usagePlans: new Map() };
        for (const ms of graph.ofType(aws.apigateway.MethodSettings)) {
            for (const stage of stagesOf(ms, "stageName", byName, [ms.props["stageName"]])) {
                built.methodSettings.set(stage, [...(built.methodSettings.get(stage) ?? []), ms]);
            }
        }
        for (const plan of graph.ofType(aws.apigateway.UsagePlan)) {
            const stages = plan.read("apiStages");
            const names = stages.known && Array.isArray(stages.value) ? stages.value.map((s) => (typeof s === "object" && s !== null ? (s as Record<string, unknown>)["stage"] : undefined)) : [];
            for (const stage of stagesOf(plan, "apiStages", byName, names)) {
                built.usagePlans.set(stage, [...(built.usagePlans.get(stage) ?? []), plan]);
            }
        }
        index = built;
        indexes.set(graph, index);
    }
    return index;
}

type Limits = { verdict: "ok" } | { verdict: "unknown"; property: string } | { verdict: "missing" } | { verdict: "zero"; what: string };

function judgeLimits(r: GraphResource, burstPath: string, ratePath: string): Limits {
    const burst = r.read(burstPath);
    const rate = r.read(ratePath);
    if (!burst.known) {
        return { verdict: "unknown", property: burst.path };
    }
    if (!rate.known) {
        return { verdict: "unknown", property: rate.path };
    }
    // -1 is the provider's "not set".
    const b = typeof burst.value === "number" && burst.value !== -1 ? burst.value : undefined;
    const q = typeof rate.value === "number" && rate.value !== -1 ? rate.value : undefined;
    if (b === 0 || q === 0) {
        return { verdict: "zero", what: b === 0 ? burstPath : ratePath };
    }
    return b !== undefined && b > 0 && q !== undefined && q > 0 ? { verdict: "ok" } : { verdict: "missing" };
}

export const apigwThrottling = stackRule({
    id: "apigw-throttling",
    title: "API Gateway stages throttle requests",
    pillar: "bulkheads",
    description:
        "A REST API stage has stage-wide throttling (`aws.apigateway.MethodSettings` with `methodPath: \"*/*\"` and positive `throttlingBurstLimit` / `throttlingRateLimit`, or a usage plan with `throttleSettings`); an HTTP/WebSocket stage (`aws.apigatewayv2.Stage`) sets both limits in `defaultRouteSettings`.",
    remediation: [
        "Set burst and rate limits the backend can take:",
        "```ts",
        "new aws.apigateway.MethodSettings(\"all\", {",
        "    restApi: api.id,",
        "    stageName: stage.stageName,",
        "    methodPath: \"*/*\",",
        "    settings: { throttlingBurstLimit: 200, throttlingRateLimit: 100 },",
        "});",
        "new aws.apigatewayv2.Stage(\"http\", {",
        "    apiId: httpApi.id,",
        "    name: \"$default\",",
        "    autoDeploy: true,",
        "    defaultRouteSettings: { throttlingBurstLimit: 200, throttlingRateLimit: 100 },",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: without stage limits an API can use the whole account-level quota (10,000 requests/s per region, shared by every API of the account), so one client or one retry storm starves the other APIs and floods the backend. The right limits come from the backend's capacity, so the rule advises. A limit of 0 rejects every request and is reported too.",
    byDefault: { shown: true, why: "An unthrottled stage lets one client's burst exhaust the backend for everyone." },
    resourceTypes: [aws.apigateway.Stage, aws.apigatewayv2.Stage],
    anchors: { cdkNag: ["Serverless-APIGWDefaultThrottling"], other: ["SR ES2003"], wellArchitected: ["REL05-BP02", "REL10-BP04"] },
    config: z.object({}),
    check(stage, { graph }) {
        if (stage.type === aws.apigatewayv2.Stage) {
            const limits = judgeLimits(stage, "defaultRouteSettings.throttlingBurstLimit", "defaultRouteSettings.throttlingRateLimit");
            return verdictToFindings(limits, "defaultRouteSettings: { throttlingBurstLimit, throttlingRateLimit }");
        }
        const index = indexOf(graph);
        let unknown: Finding | undefined;
        let zero: Finding | undefined;
        for (const ms of index.methodSettings.get(stage) ?? []) {
            const path = ms.read("methodPath");
            if (!path.known) {
                unknown ??= unresolvable("methodPath", `of method settings ${ms.name}`);
                continue;
            }
            if (path.value !== ALL_METHODS) {
                continue;
            }
            const limits = judgeLimits(ms, "settings.throttlingBurstLimit", "settings.throttlingRateLimit");
            if (limits.verdict === "ok") {
                return [];
            }
            if (limits.verdict === "unknown") {
                unknown ??= unresolvable(limits.property, `of method settings ${ms.name}`);
            } else if (limits.verdict === "zero") {
                zero ??= violation(`method settings ${ms.name} set ${limits.what} to 0, which rejects every request; set positive burst and rate limits.`);
            }
        }
        for (const plan of index.usagePlans.get(stage) ?? []) {
            const limits = judgeLimits(plan, "throttleSettings.burstLimit", "throttleSettings.rateLimit");
            if (limits.verdict === "ok") {
                return [];
            }
            if (limits.verdict === "unknown") {
                unknown ??= unresolvable(limits.property, `of usage plan ${plan.name}`);
            }
        }
        if (zero) {
            return [zero];
        }
        if (unknown) {
            return [unknown];
        }
        return [violation("the stage has no throttling, so it can use the account's whole request quota; add aws.apigateway.MethodSettings with methodPath \"*/*\" and settings: { throttlingBurstLimit, throttlingRateLimit } (or a usage plan with throttleSettings).")];
    },
});

function verdictToFindings(limits: Limits, fix: string): Finding[] {
    switch (limits.verdict) {
        case "ok":
            return [];
        case "unknown":
            return [unresolvable(limits.property)];
        case "zero":
            return [violation(`${limits.what} is 0, which rejects every request; set positive limits in ${fix}.`)];
        default:
            return [violation(`the stage has no throttling, so it can use the account's whole request quota; set ${fix} to what the backend can take.`)];
    }
}
