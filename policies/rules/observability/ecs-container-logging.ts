import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { containerDefinitions } from "../../lib/links/ecs";
import { resourceRule, unresolvable, violation } from "../../lib/rule";

export const ecsContainerLogging = resourceRule({
    id: "ecs-container-logging",
    title: "ECS containers send their logs somewhere",
    pillar: "observability",
    description: "Every container definition of an `aws.ecs.TaskDefinition` has a `logConfiguration` with a `logDriver` (awslogs, awsfirelens, …).",
    remediation: [
        "Send each container's output to CloudWatch Logs (non-blocking, so a slow log pipeline cannot stall the app):",
        "```ts",
        "const logs = new aws.cloudwatch.LogGroup(\"api\", { retentionInDays: 30 });",
        "containerDefinitions: pulumi.jsonStringify([{",
        "    name: \"app\", image,",
        "    logConfiguration: { logDriver: \"awslogs\", options: {",
        "        \"awslogs-group\": logs.name, \"awslogs-region\": region, \"awslogs-stream-prefix\": \"app\", mode: \"non-blocking\",",
        "    } },",
        "}]),",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "A container without a log configuration writes its output nowhere ECS keeps: when a task crashes on start or fails its health checks, the stopped-task reason is all anyone sees, and diagnosing the outage starts by redeploying with logging.",
    byDefault: { shown: true, why: "A container without a log configuration leaves no trace of why it failed." },
    resourceTypes: [aws.ecs.TaskDefinition],
    structureInputs: [{ type: aws.ecs.TaskDefinition, property: "containerDefinitions" }],
    anchors: {
        cdkNag: ["AwsSolutions-ECS7"],
        awsConfig: ["ecs-task-definition-log-configuration"],
        securityHub: ["ECS.9"],
        wellArchitected: ["REL06-BP01"],
    },
    config: z.object({}),
    check(taskDefinition) {
        const parsed = containerDefinitions(taskDefinition);
        if (parsed.kind === "unknown") {
            return [unresolvable("containerDefinitions", "the container definitions are built from values known only after deployment")];
        }
        if (parsed.kind === "invalid") {
            return []; // Not a readable document: ECS rejects it at deployment, so there are no containers to judge.
        }
        const silent = parsed.containers.filter((c) => !c.hasLogConfiguration).map((c) => c.name);
        if (silent.length === 0) {
            return [];
        }
        return [
            violation(
                `container${silent.length === 1 ? "" : "s"} ${silent.join(", ")} ha${silent.length === 1 ? "s" : "ve"} no logConfiguration, so ${silent.length === 1 ? "its" : "their"} output is lost; add logConfiguration { logDriver: "awslogs", options: { "awslogs-group", "awslogs-region", "awslogs-stream-prefix" } } to each container definition.`,
            ),
        ];
    },
});
