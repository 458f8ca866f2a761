import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { containerDefinitions, serviceTaskDefinition } from "../../lib/links/ecs";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";

export const ecsHealthChecks = stackRule({
    id: "ecs-health-checks",
    title: "ECS services behind a load balancer have a grace period and container health checks",
    pillar: "health-checks",
    description:
        "An ECS service with `loadBalancers` sets `healthCheckGracePeriodSeconds` (at least `minGracePeriodSeconds`), and every essential container of its task definition defines a `healthCheck`.",
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
        "Advisory: without a grace period (ECS default 0) a slow-starting task fails its first load-balancer checks and is killed, which can stall every deployment; without container health checks ECS only replaces tasks whose process exits, not ones that hang. Both bite only for some workloads, so they warn rather than block.",
    resourceTypes: [aws.ecs.Service],
    anchors: {
        gap: true,
        wellArchitected: ["REL06-BP01", "REL11-BP01"],
    },
    config: z.object({
        minGracePeriodSeconds: z.number().int().min(1).max(2147483647).default(1).describe("Smallest healthCheckGracePeriodSeconds accepted when the service is behind a load balancer."),
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
                findings.push(
                    violation(
                        `healthCheckGracePeriodSeconds is ${grace.value === undefined ? "unset (0)" : seconds}; set it to at least the tasks' start-up time (e.g. 60) so new tasks are not killed by load-balancer checks before they are ready.`,
                    ),
                );
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
                const missing = defs.containers.filter((c) => c.essential && !c.hasHealthCheck).map((c) => c.name);
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
