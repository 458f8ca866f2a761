import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { alarmsWatching } from "../../lib/links/alarms";
import { stackRule, unresolvable, violation } from "../../lib/rule";

export const ecsDeploymentAlarms = stackRule({
    id: "ecs-deployment-alarms",
    title: "ECS deployments roll back on the service's alarms",
    pillar: "circuit-breakers",
    description:
        "An ECS service on the `ECS` deployment controller that has CloudWatch alarms (or names alarms in `alarms`) sets `alarms: { alarmNames, enable: true, rollback: true }`, so a release that trips them is rolled back.",
    remediation: [
        "Hand the service's alarms to the deployment:",
        "```ts",
        "new aws.ecs.Service(\"web\", {",
        "    ...,",
        "    alarms: { alarmNames: [errors.name, latency.name], enable: true, rollback: true },",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: the circuit breaker (ecs-circuit-breaker) already stops deployments whose tasks fail to start or pass health checks; deployment alarms add rollback on errors the tasks cause while healthy (5xx, latency), which is valuable but depends on alarms that measure the release, so the rule advises.",
    byDefault: { shown: true, why: "A deployment that breaks the service's alarms should roll back on its own; otherwise it waits for a human." },
    resourceTypes: [aws.ecs.Service],
    anchors: { gap: true, wellArchitected: ["REL08-BP04", "REL06-BP01"] },
    config: z.object({}),
    check(service, { graph }) {
        const controller = service.read("deploymentController.type");
        if (controller.known && controller.value !== undefined && controller.value !== "ECS") {
            return [];
        }
        const alarms = service.read("alarms");
        if (!alarms.known) {
            return [unresolvable("alarms")];
        }
        const names = service.read("alarms.alarmNames");
        const named = !names.known || (Array.isArray(names.value) && names.value.length > 0);
        if (named) {
            const enable = service.read("alarms.enable");
            const rollback = service.read("alarms.rollback");
            if (!enable.known) {
                return [unresolvable(enable.path)];
            }
            if (!rollback.known) {
                return [unresolvable(rollback.path)];
            }
            if (enable.value !== true || rollback.value !== true) {
                return [violation(`alarms names deployment alarms but ${enable.value !== true ? "enable is not true" : "rollback is not true"}; set alarms: { alarmNames, enable: true, rollback: true }.`)];
            }
            return [];
        }
        const watching = alarmsWatching(graph, service);
        if (watching.length === 0) {
            return [];
        }
        const list = watching.map((a) => a.alarm.name).sort().join(", ");
        return [violation(`alarms ${list} watch this service, but its deployments ignore them; set alarms: { alarmNames: [${list}], enable: true, rollback: true }.`)];
    },
});
