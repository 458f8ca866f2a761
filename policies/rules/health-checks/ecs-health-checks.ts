import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { containerDefinitions, serviceTaskDefinition } from "../../lib/links/ecs";
import { targetGroupsOf } from "../../lib/links/loadbalancing";
import { type GraphResource, type StackGraph } from "../../lib/graph";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { healthCheckTiming } from "../../lib/target-group-health-check";

/**
 * The earliest a load balancer can mark a new task unhealthy (unhealthyThreshold × interval of its
 * target groups), or undefined when a target group's check is not visible here.
 */
function earliestUnhealthySeconds(graph: StackGraph, service: GraphResource): number | undefined {
    const groups = targetGroupsOf(graph, service);
    if (groups.unresolved || groups.external.length > 0 || groups.opaque.length > 0 || groups.targets.length === 0) {
        return undefined;
    }
    let earliest = Number.POSITIVE_INFINITY;
    for (const tg of groups.targets) {
        // A declared block carries the provider's defaults (3 × 30 s); without one, AWS's (2 × 30 s).
        const timing = healthCheckTiming(tg);
        if (!timing.known) {
            return undefined;
        }
        if (timing.enabled) {
            earliest = Math.min(earliest, timing.intervalSeconds * timing.unhealthyThreshold);
        }
    }
    return earliest;
}

export const ecsHealthChecks = stackRule({
    id: "ecs-health-checks",
    title: "ECS services behind a load balancer have a grace period and container health checks",
    pillar: "health-checks",
    description:
        "An ECS service with `loadBalancers` sets `healthCheckGracePeriodSeconds` (at least `minGracePeriodSeconds`) when its target groups can mark a task unhealthy (unhealthyThreshold × interval) before `startupSeconds` have passed, and every essential container of its task definition defines a `healthCheck`.",
    remediation: [
        "Give tasks time to start before load-balancer checks count, and let ECS see when a container is sick:",
        "```ts",
        "new aws.ecs.TaskDefinition(\"web\", {",
        "    family: \"web\",",
        "    containerDefinitions: JSON.stringify([{",
        "        name: \"app\", image, essential: true, portMappings: [{ containerPort: 8080 }],",
        "        healthCheck: { command: [\"CMD-SHELL\", \"curl -fs http://localhost:8080/health || exit 1\"], interval: 15, timeout: 5, retries: 3, startPeriod: 30 },",
        "    }]),",
        "    ...",
        "});",
        "new aws.ecs.Service(\"web\", { taskDefinition: td.arn, loadBalancers: [...], healthCheckGracePeriodSeconds: 60, ... });",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: without a grace period (ECS default 0) a task that starts slower than its target group's checks can fail is killed, which can stall every deployment (the default check, 2 failures 30 s apart, cannot fail a task that is ready within a minute, so that case is not flagged); without container health checks ECS only replaces tasks whose process exits, not ones that hang. Both bite only for some workloads, so they warn rather than block.",
    byDefault: { shown: true, why: "Tasks killed by load-balancer checks before they can start, or hung containers never replaced, are real outages." },
    resourceTypes: [aws.ecs.Service],
    structureInputs: [{ type: aws.ecs.TaskDefinition, property: "containerDefinitions" }],
    anchors: {
        gap: true,
        wellArchitected: ["REL06-BP01", "REL11-BP01"],
    },
    config: z.object({
        minGracePeriodSeconds: z.number().int().min(1).max(2147483647).default(1).describe("Smallest healthCheckGracePeriodSeconds accepted when a grace period is needed."),
        startupSeconds: z
            .number()
            .int()
            .min(1)
            .max(3600)
            .default(60)
            .describe("How long the service's tasks may take to become healthy; a grace period is needed when a target group can fail a task sooner."),
    }),
    check(service, { config, graph }) {
        const lbs = service.read("loadBalancers");
        const behindLb = !lbs.known || (Array.isArray(lbs.value) && lbs.value.length > 0);
        if (!behindLb) {
            return [];
        }
        const findings: Finding[] = [];
        const grace = service.read("healthCheckGracePeriodSeconds");
        if (!grace.known) {
            findings.push(unresolvable("healthCheckGracePeriodSeconds"));
        } else {
            const seconds = typeof grace.value === "number" ? grace.value : 0;
            if (seconds < config.minGracePeriodSeconds) {
                // Judge the behaviour: a grace period matters only when the target groups can fail a
                // task before it has had time to start.
                const earliest = lbs.known ? earliestUnhealthySeconds(graph, service) : undefined;
                if (earliest === undefined) {
                    findings.push(unresolvable("loadBalancers", "the health checks of the service's target groups are not visible here, so whether they can fail a starting task is unknown"));
                } else if (earliest < config.startupSeconds) {
                    findings.push(
                        violation(
                            `healthCheckGracePeriodSeconds is ${grace.value === undefined ? "unset (0)" : seconds} and the target group can mark a new task unhealthy after ${earliest} s, before it has had ${config.startupSeconds} s to start (policy config startupSeconds); set healthCheckGracePeriodSeconds to at least the tasks' start-up time so they are not killed before they are ready.`,
                        ),
                    );
                }
            }
        }
        const link = serviceTaskDefinition(graph, service);
        if (link.kind === "unresolved") {
            findings.push(unresolvable("taskDefinition", "the task definition comes from a value this preview cannot trace"));
        } else if (link.kind === "found") {
            const td = link.taskDefinition;
            const defs = containerDefinitions(td);
            if (defs.kind === "unknown") {
                findings.push(unresolvable("containerDefinitions", `of task definition ${td.name}: built from values computed at deploy time, so its container health checks are not visible`));
            } else if (defs.kind === "invalid") {
                findings.push(violation(`task definition ${td.name}'s containerDefinitions cannot be read (${defs.reason}); give it a JSON array of containers, each essential one with a healthCheck.`));
            } else {
                const missing = defs.containers.filter((c) => c.essential === true && c.hasHealthCheck === false).map((c) => c.name);
                const undecided = defs.containers.filter((c) => c.essential !== false && c.hasHealthCheck !== true && !missing.includes(c.name)).map((c) => c.name);
                if (undecided.length > 0) {
                    findings.push(
                        unresolvable("containerDefinitions", `of task definition ${td.name}: whether container ${undecided.join(", ")} is essential or has a healthCheck is built from values known only after deployment`),
                    );
                }
                if (missing.length > 0) {
                    findings.push(
                        violation(
                            `essential container${missing.length === 1 ? "" : "s"} ${missing.join(", ")} of task definition ${td.name} ${missing.length === 1 ? "has" : "have"} no healthCheck; add healthCheck: { command: ["CMD-SHELL", "<probe> || exit 1"], ... } so ECS replaces tasks that hang.`,
                        ),
                    );
                }
            }
        }
        return findings;
    },
});
