import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation, type Finding } from "../../lib/rule";

/** ECS's default for REPLICA services when deploymentMinimumHealthyPercent is left out. */
const DEFAULT_MIN_HEALTHY_PERCENT = 100;

export const ecsCircuitBreaker = resourceRule({
    id: "ecs-circuit-breaker",
    title: "ECS rolling deployments stop and roll back on failure",
    pillar: "circuit-breakers",
    description:
        "An ECS service on the rolling-update (`ECS`) deployment controller sets `deploymentCircuitBreaker: { enable: true, rollback: true }`, and, when `desiredCount` is at most `smallServiceMaxCount`, keeps `deploymentMinimumHealthyPercent` at 100 or more.",
    remediation: [
        "Let ECS stop a failing deployment and return to the last one that worked, without dropping capacity:",
        "```ts",
        "new aws.ecs.Service(\"web\", {",
        "    cluster: cluster.arn,",
        "    taskDefinition: task.arn,",
        "    desiredCount: 2,",
        "    deploymentCircuitBreaker: { enable: true, rollback: true },",
        "    deploymentMinimumHealthyPercent: 100,",
        "    deploymentMaximumPercent: 200,",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "Mandatory: without the circuit breaker a deployment whose tasks never become healthy keeps replacing them indefinitely (the service never reaches steady state and nobody is told), and without rollback it stops in a broken state; a small service deployed below 100 % minimum healthy loses capacity, or goes down, on every deployment. All of this happens on the next bad release, and the fix is two properties.",
    byDefault: { shown: true, why: "Without the circuit breaker a broken task definition keeps ECS launching failing tasks indefinitely." },
    resourceTypes: [aws.ecs.Service],
    anchors: { gap: true, wellArchitected: ["REL08-BP05", "REL08-BP04"] },
    config: z.object({
        smallServiceMaxCount: z.number().int().min(0).default(3).describe("Services with desiredCount up to this need deploymentMinimumHealthyPercent ≥ 100."),
    }),
    check(service, { config }) {
        const controller = service.read("deploymentController.type");
        if (!controller.known) {
            return [unresolvable(controller.path)];
        }
        // CODE_DEPLOY and EXTERNAL services roll out elsewhere (see codedeploy-rollback).
        if (controller.value !== undefined && controller.value !== "ECS") {
            return [];
        }
        const findings: Finding[] = [];
        const enable = service.read("deploymentCircuitBreaker.enable");
        const rollback = service.read("deploymentCircuitBreaker.rollback");
        if (!enable.known || !rollback.known) {
            findings.push(unresolvable("deploymentCircuitBreaker"));
        } else if (enable.value !== true || rollback.value !== true) {
            const state = enable.value !== true ? "is not enabled" : "does not roll back";
            findings.push(violation(`deploymentCircuitBreaker ${state}; set deploymentCircuitBreaker: { enable: true, rollback: true } so a failing deployment stops and returns to the last working one.`));
        }
        const strategy = service.read("schedulingStrategy");
        if (strategy.known && strategy.value === "DAEMON") {
            return findings;
        }
        const desired = service.read("desiredCount");
        const minHealthy = service.read("deploymentMinimumHealthyPercent");
        if (!desired.known || !minHealthy.known) {
            findings.push(unresolvable(!desired.known ? "desiredCount" : "deploymentMinimumHealthyPercent"));
            return findings;
        }
        const count = typeof desired.value === "number" ? desired.value : 0;
        const percent = typeof minHealthy.value === "number" ? minHealthy.value : DEFAULT_MIN_HEALTHY_PERCENT;
        if (count <= config.smallServiceMaxCount && percent < 100) {
            const keep = Math.ceil((count * percent) / 100);
            findings.push(violation(`deploymentMinimumHealthyPercent is ${percent} with desiredCount ${count}: a deployment may keep only ${keep} task${keep === 1 ? "" : "s"} running; set deploymentMinimumHealthyPercent: 100 (and deploymentMaximumPercent: 200) for services of up to ${config.smallServiceMaxCount} tasks.`));
        }
        return findings;
    },
});
