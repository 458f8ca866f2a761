import { type GraphResource, type StackGraph } from "../graph";
import { type ResourceView } from "../resource";
export type TaskDefinitionLink = {
    kind: "found";
    taskDefinition: GraphResource;
}
/** Managed outside this stack (a literal ARN or family that matches nothing here) or in an opaque component. */
 | {
    kind: "elsewhere";
    detail: string;
} | {
    kind: "unresolved";
} | {
    kind: "absent";
};
/** "arn:aws:ecs:…:task-definition/web:3", "web:3" or "web" → "web". */
export declare function taskDefinitionFamily(ref: string): string;
export declare function serviceTaskDefinition(graph: StackGraph, service: GraphResource): TaskDefinitionLink;
export interface ContainerDefinition {
    name: string;
    essential: boolean;
    hasHealthCheck: boolean;
    /** A `logConfiguration` with a log driver (awslogs, awsfirelens, …): the container's output goes somewhere. */
    hasLogConfiguration: boolean;
}
export type ContainerDefinitions = {
    kind: "ok";
    containers: ContainerDefinition[];
} | {
    kind: "unknown";
} | {
    kind: "invalid";
    reason: string;
};
/** Parses `containerDefinitions` (JSON string or array) into the facts health rules need. */
export declare function containerDefinitions(taskDefinition: ResourceView): ContainerDefinitions;
