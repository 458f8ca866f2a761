import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource, perGraph } from "../../lib/graph";
import { stackRule, unresolvable, violation } from "../../lib/rule";
import { asNumber, asString } from "../../lib/values";

const DIMENSION = "ecs:service:DesiredCount";

interface Scaling {
    /** Scalable targets on the service's desired count. */
    targets: GraphResource[];
    /** Scaling policies or scheduled actions on one of those targets (or on the same resource ID). */
    policies: GraphResource[];
    /** A target or policy that may scale this service but whose namespace/dimension is unknown in preview. */
    unknown?: GraphResource;
}

const indexOf = perGraph((graph): Map<GraphResource, Scaling> => {
    const index = new Map<GraphResource, Scaling>();
    const scalingOf = (service: GraphResource): Scaling => {
        let s = index.get(service);
        if (!s) {
            s = { targets: [], policies: [] };
            index.set(service, s);
        }
        return s;
    };
    // Services named by a literal resource ID ("service/<cluster>/<service>").
    const byName = new Map<string, GraphResource[]>();
    for (const service of graph.ofType(aws.ecs.Service)) {
        const name = asString(service.props["name"]);
        if (name !== undefined) {
            byName.set(name, [...(byName.get(name) ?? []), service]);
        }
    }
    const servicesOfTarget = new Map<GraphResource, GraphResource[]>();
    const servicesOf = (r: GraphResource): GraphResource[] => {
        const found = new Set<GraphResource>();
        for (const d of r.propertyDependencies["resourceId"] ?? []) {
            if (d.type === aws.ecs.Service) {
                found.add(d);
            }
            (servicesOfTarget.get(d) ?? []).forEach((s) => found.add(s));
        }
        const id = asString(r.props["resourceId"]);
        const literal = id?.startsWith("service/") ? id.split("/")[2] : undefined;
        if (literal !== undefined) {
            (byName.get(literal) ?? []).forEach((s) => found.add(s));
        }
        return [...found];
    };
    /** "yes", "no", or "unknown" when the namespace or dimension is unknown. */
    const scalesDesiredCount = (r: GraphResource): "yes" | "no" | "unknown" => {
        const ns = r.read("serviceNamespace");
        const dim = r.read("scalableDimension");
        if ((ns.known && ns.value !== undefined && ns.value !== "ecs") || (dim.known && dim.value !== undefined && dim.value !== DIMENSION)) {
            return "no";
        }
        return ns.known && dim.known ? "yes" : "unknown";
    };
    for (const target of graph.ofType(aws.appautoscaling.Target)) {
        const services = servicesOf(target);
        servicesOfTarget.set(target, services);
        const kind = scalesDesiredCount(target);
        for (const service of services) {
            if (kind === "yes") {
                scalingOf(service).targets.push(target);
            } else if (kind === "unknown") {
                scalingOf(service).unknown ??= target;
            }
        }
    }
    for (const policy of graph.ofType(aws.appautoscaling.Policy, aws.appautoscaling.ScheduledAction)) {
        const kind = scalesDesiredCount(policy);
        for (const service of servicesOf(policy)) {
            if (kind === "yes") {
                scalingOf(service).policies.push(policy);
            } else if (kind === "unknown") {
                scalingOf(service).unknown ??= policy;
            }
        }
    }
    return index;
});

export const ecsServiceAutoscaling = stackRule({
    id: "ecs-service-autoscaling",
    title: "ECS services scale their task count",
    pillar: "bulkheads",
    description:
        "A replica `aws.ecs.Service` has an `aws.appautoscaling.Target` on `ecs:service:DesiredCount` with `maxCapacity` above `minCapacity`, and an `aws.appautoscaling.Policy` (or ScheduledAction) on it. Daemon services are skipped.",
    remediation: [
        "Track CPU (or requests per target) between a floor and a ceiling:",
        "```ts",
        "const target = new aws.appautoscaling.Target(\"api-scaling\", {",
        "    serviceNamespace: \"ecs\", scalableDimension: \"ecs:service:DesiredCount\",",
        "    resourceId: pulumi.interpolate`service/${cluster.name}/${service.name}`,",
        "    minCapacity: 2, maxCapacity: 10,",
        "});",
        "new aws.appautoscaling.Policy(\"api-cpu\", {",
        "    policyType: \"TargetTrackingScaling\",",
        "    serviceNamespace: target.serviceNamespace, scalableDimension: target.scalableDimension, resourceId: target.resourceId,",
        "    targetTrackingScalingPolicyConfiguration: { targetValue: 60, predefinedMetricSpecification: { predefinedMetricType: \"ECSServiceAverageCPUUtilization\" } },",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: a service at a fixed task count saturates when load grows (timeouts, 5xx, health checks failing under load and tasks being killed), and nothing adds capacity. A fixed count can be a deliberate ceiling (a singleton consumer, a licence limit), so the rule advises.",
    byDefault: { shown: true, why: "A service at a fixed task count cannot absorb a traffic peak or replace lost capacity faster than ECS reschedules." },
    resourceTypes: [aws.ecs.Service],
    anchors: { gap: true, other: ["Resilience Hub"], wellArchitected: ["REL07-BP01"] },
    config: z.object({}),
    check(service, { graph }) {
        if (service.string("schedulingStrategy") === "DAEMON") {
            return [];
        }
        const scaling = indexOf(graph).get(service) ?? { targets: [], policies: [] };
        const ranged = scaling.targets.filter((t) => {
            const min = asNumber(t.props["minCapacity"]);
            const max = asNumber(t.props["maxCapacity"]);
            return min === undefined || max === undefined || max > min;
        });
        if (ranged.length > 0 && scaling.policies.length > 0) {
            return [];
        }
        if (scaling.unknown) {
            return [unresolvable("scalableDimension", `of ${scaling.unknown.name}, which may scale this service`)];
        }
        const missing =
            scaling.targets.length === 0
                ? "no aws.appautoscaling.Target on ecs:service:DesiredCount"
                : ranged.length === 0
                  ? `its scalable target's maxCapacity is not above minCapacity (${scaling.targets[0].name})`
                  : "a scalable target but no scaling policy or scheduled action";
        return [violation(`the task count is fixed (${missing}), so the service saturates when load grows; add an aws.appautoscaling.Target (minCapacity < maxCapacity) and a TargetTrackingScaling aws.appautoscaling.Policy.`)];
    },
});
