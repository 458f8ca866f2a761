"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.taskDefinitionFamily = taskDefinitionFamily;
exports.serviceTaskDefinition = serviceTaskDefinition;
exports.containerDefinitions = containerDefinitions;
// ECS links: service → task definition (by ARN, family[:revision], or graph edge) and the task
// definition's container definitions (a JSON string, often unknown in preview).
const aws_types_1 = require("../aws-types");
const values_1 = require("../values");
const familyIndexes = new WeakMap();
function familyIndex(graph) {
    let index = familyIndexes.get(graph);
    if (!index) {
        index = new Map();
        for (const td of graph.ofType(aws_types_1.aws.ecs.TaskDefinition)) {
            const family = (0, values_1.asString)(td.props["family"]);
            if (family !== undefined) {
                index.set(family, [...(index.get(family) ?? []), td]);
            }
        }
        familyIndexes.set(graph, index);
    }
    return index;
}
/** "arn:aws:ecs:…:task-definition/web:3", "web:3" or "web" → "web". */
function taskDefinitionFamily(ref) {
    const afterSlash = ref.includes("task-definition/") ? ref.slice(ref.lastIndexOf("task-definition/") + "task-definition/".length) : ref;
    return afterSlash.replace(/:\d+$/, "");
}
function serviceTaskDefinition(graph, service) {
    const res = graph.resolve(service, "taskDefinition", [aws_types_1.aws.ecs.TaskDefinition]);
    if (res.targets.length > 0) {
        return { kind: "found", taskDefinition: res.targets[0] };
    }
    if (res.absent) {
        return { kind: "absent" };
    }
    for (const ref of res.external) {
        const byFamily = familyIndex(graph).get(taskDefinitionFamily(ref));
        if (byFamily && byFamily.length > 0) {
            return { kind: "found", taskDefinition: byFamily[0] };
        }
    }
    if (res.external.length > 0) {
        return { kind: "elsewhere", detail: `task definition ${res.external[0]} is not managed in this stack` };
    }
    if (res.opaque.length > 0) {
        return { kind: "elsewhere", detail: `task definition comes from ${res.opaque[0].type} ${res.opaque[0].name}, whose children are not visible here` };
    }
    return { kind: "unresolved" };
}
/** Parses `containerDefinitions` (JSON string or array) into the facts health rules need. */
function containerDefinitions(taskDefinition) {
    const parsed = taskDefinition.json("containerDefinitions");
    if (parsed.kind === "unknown") {
        return { kind: "unknown" };
    }
    if (parsed.kind === "invalid") {
        return { kind: "invalid", reason: parsed.reason };
    }
    if (parsed.kind === "absent" || !Array.isArray(parsed.value)) {
        return { kind: "invalid", reason: "it is not a JSON array of container definitions" };
    }
    const containers = parsed.value.filter(values_1.isRecord).map((c, i) => {
        const hc = c["healthCheck"];
        const command = (0, values_1.isRecord)(hc) ? hc["command"] : undefined;
        return {
            name: (0, values_1.asString)(c["name"]) ?? `#${i}`,
            // `essential` defaults to true in ECS.
            essential: c["essential"] !== false && c["essential"] !== "false",
            hasHealthCheck: Array.isArray(command) ? command.length > 0 : typeof command === "string" && command !== "",
            // A value unknown in preview is still a value the program set: ECS requires logDriver in any logConfiguration.
            hasLogConfiguration: (0, values_1.isUnknown)(c["logConfiguration"]) || ((0, values_1.isRecord)(c["logConfiguration"]) && c["logConfiguration"]["logDriver"] !== undefined && c["logConfiguration"]["logDriver"] !== ""),
        };
    });
    return { kind: "ok", containers };
}
//# sourceMappingURL=ecs.js.map