import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type StackGraph } from "../../lib/graph";
import { stackRule, unresolvable, violation } from "../../lib/rule";
import { asString, isRecord } from "../../lib/values";

const ON = new Set(["enabled", "enhanced"]);

const accountDefaults = new WeakMap<StackGraph, boolean>();

/** True when the stack turns Container Insights on as the account default (aws.ecs.AccountSettingDefault). */
function accountDefaultOn(graph: StackGraph): boolean {
    let on = accountDefaults.get(graph);
    if (on === undefined) {
        on = graph
            .ofType(aws.ecs.AccountSettingDefault)
            .some((s) => asString(s.props["name"]) === "containerInsights" && ON.has(asString(s.props["value"]) ?? ""));
        accountDefaults.set(graph, on);
    }
    return on;
}

/** A property value for a message; odd shapes (objects, arrays) as JSON, never an exception. */
function shown(value: unknown): string {
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value) ?? "undefined";
}

export const ecsContainerInsights = stackRule({
    id: "ecs-container-insights",
    title: "ECS clusters have Container Insights",
    pillar: "observability",
    description:
        "An ECS cluster sets the `containerInsights` setting to \"enabled\" or \"enhanced\" (or the stack sets it as the account default with `aws.ecs.AccountSettingDefault`).",
    remediation: [
        "```ts",
        "new aws.ecs.Cluster(\"main\", { settings: [{ name: \"containerInsights\", value: \"enhanced\" }] });",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory", development: "disabled" },
    rationale:
        "Advisory: without Container Insights there are no task- or container-level CPU, memory, restart and network metrics to alarm on or to diagnose a failing service with; it costs money per metric, so it is disabled in development.",
    byDefault: { shown: true, why: "Task-level metrics are what ECS alarms and diagnosis need; without them a cluster's failing tasks are invisible." },
    resourceTypes: [aws.ecs.Cluster],
    anchors: {
        cdkNag: ["AwsSolutions-ECS4"],
        checkov: ["CKV_AWS_65"],
        awsConfig: ["ecs-container-insights-enabled"],
        securityHub: ["ECS.12"],
        wellArchitected: ["REL06-BP01"],
    },
    config: z.object({}),
    check(cluster, { graph }) {
        const settings = cluster.read("settings");
        if (!settings.known) {
            return [unresolvable("settings")];
        }
        const list = Array.isArray(settings.value) ? settings.value : [];
        const index = list.findIndex((s) => isRecord(s) && s["name"] === "containerInsights");
        if (index >= 0) {
            const value = cluster.read(`settings.${index}.value`);
            if (!value.known) {
                return [unresolvable(value.path)];
            }
            if (ON.has(shown(value.value))) {
                return [];
            }
            return [violation(`containerInsights is "${shown(value.value)}"; set settings: [{ name: "containerInsights", value: "enabled" }] (or "enhanced").`)];
        }
        if (accountDefaultOn(graph)) {
            return [];
        }
        return [violation("containerInsights is not set, so the account default applies (disabled unless changed); set settings: [{ name: \"containerInsights\", value: \"enabled\" }] (or \"enhanced\").")];
    },
});
