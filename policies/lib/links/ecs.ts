// ECS links: service → task definition (by ARN, family[:revision], or graph edge) and the task
// definition's container definitions (a JSON string, often unknown in preview).
import { aws } from "../aws-types";
import { type GraphResource, perGraph, type StackGraph } from "../graph";
import { type ResourceView } from "../resource";
import { asString, isRecord, isUnknown } from "../values";

export type TaskDefinitionLink =
    | { kind: "found"; taskDefinition: GraphResource }
    /** Managed outside this stack (a literal ARN or family that matches nothing here) or in an opaque component. */
    | { kind: "elsewhere"; detail: string }
    | { kind: "unresolved" }
    | { kind: "absent" };

type FamilyIndex = Map<string, GraphResource[]>;
const familyIndex = perGraph((graph): FamilyIndex => {
    const index: FamilyIndex = new Map();
    for (const td of graph.ofType(aws.ecs.TaskDefinition)) {
        const family = asString(td.props["family"]);
        if (family !== undefined) {
            index.set(family, [...(index.get(family) ?? []), td]);
        }
    }
    return index;
});

/** "arn:aws:ecs:…:task-definition/web:3", "web:3" or "web" → "web". */
export function taskDefinitionFamily(ref: string): string {
    const afterSlash = ref.includes("task-definition/") ? ref.slice(ref.lastIndexOf("task-definition/") + "task-definition/".length) : ref;
    return afterSlash.replace(/:\d+$/, "");
}

export function serviceTaskDefinition(graph: StackGraph, service: GraphResource): TaskDefinitionLink {
    const res = graph.resolve(service, "taskDefinition", [aws.ecs.TaskDefinition]);
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

export interface ContainerDefinition {
    name: string;
    /** "unknown": set from a value known only after deployment (a document judged by its structure). */
    essential: boolean | "unknown";
    hasHealthCheck: boolean | "unknown";
    /** A `logConfiguration` with a log driver (awslogs, awsfirelens, …): the container's output goes somewhere. */
    hasLogConfiguration: boolean;
}

export type ContainerDefinitions =
    | { kind: "ok"; containers: ContainerDefinition[] }
    | { kind: "unknown" }
    | { kind: "invalid"; reason: string };

/** Parses `containerDefinitions` (JSON string or array) into the facts health rules need. */
export function containerDefinitions(taskDefinition: ResourceView): ContainerDefinitions {
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
    // A document judged by its structure: a container that is itself unknown hides its settings.
    if (parsed.value.some(isUnknown)) {
        return { kind: "unknown" };
    }
    const containers = parsed.value.filter(isRecord).map((c, i): ContainerDefinition => {
        const hc = c["healthCheck"];
        const command = isRecord(hc) ? hc["command"] : undefined;
        return {
            name: asString(c["name"]) ?? `#${i}`,
            // `essential` defaults to true in ECS.
            essential: isUnknown(c["essential"]) ? "unknown" : c["essential"] !== false && c["essential"] !== "false",
            hasHealthCheck:
                isUnknown(hc) || isUnknown(command)
                    ? "unknown"
                    : Array.isArray(command)
                      ? command.length > 0
                      : typeof command === "string" && command !== "",
            // A value unknown in preview is still a value the program set: ECS requires logDriver in any logConfiguration.
            hasLogConfiguration: isUnknown(c["logConfiguration"]) || (isRecord(c["logConfiguration"]) && c["logConfiguration"]["logDriver"] !== undefined && c["logConfiguration"]["logDriver"] !== ""),
        };
    });
    return { kind: "ok", containers };
}
