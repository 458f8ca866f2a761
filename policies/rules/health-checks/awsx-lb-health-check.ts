import { aws } from "../../lib/aws-types";
import { isOpaqueComponent } from "../../lib/graph";
import { ResourceView } from "../../lib/resource";
import { stackRule, unresolvable, violation } from "../../lib/rule";
import { detection, detectionConfig } from "../../lib/target-group-health-check";
import { isRecord } from "../../lib/values";

/** The awsx Application Load Balancer (a remote component, not in the generated aws-types). */
const AWSX_ALB = "awsx:lb:ApplicationLoadBalancer";

export const awsxLbHealthCheck = stackRule({
    id: "awsx-lb-health-check",
    title: "awsx load balancers' listeners forward to a target group whose health check detects failures",
    pillar: "health-checks",
    description:
        "An `awsx.lb.ApplicationLoadBalancer` whose children are not visible (offline, where awsx is a remote component) is judged by its inputs: its listeners forward to the default target group awsx builds from `defaultTargetGroup`, whose health check must stay enabled and detect a failed target within `maxDetectionSeconds` (`unhealthyThreshold` × `interval`: in a declared `defaultTargetGroup.healthCheck`, absent values are the provider's defaults 3 × 30 s; without one, AWS's 2 × 30 s). Not judged when every listener declares its own `defaultActions` (none forwards to the default target group), for Lambda targets, or where the component's children are visible (`tg-health-check-explicit` judges its target group then).",
    remediation: [
        "```ts",
        "new awsx.lb.ApplicationLoadBalancer(\"web\", {",
        "    defaultTargetGroup: { port: 8080, healthCheck: { path: \"/health\", interval: 15, unhealthyThreshold: 2 } },",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory, like tg-health-check-explicit: a disabled check keeps a failed target in service, and a slow one serves errors for minutes; offline the target group behind awsx's listeners is otherwise unseen.",
    byDefault: { shown: true, why: "The listeners of an awsx load balancer forward to a target group nothing else judges offline; a disabled or slow health check keeps failed targets in service." },
    resourceTypes: [AWSX_ALB],
    anchors: {
        gap: true,
        wellArchitected: ["REL06-BP01", "REL11-BP01"],
    },
    config: detectionConfig,
    check(alb, { config }) {
        if (!isOpaqueComponent(alb)) {
            return [];
        }
        // awsx/lb/applicationLoadBalancer.ts (pulumi/pulumi-awsx): every listener gets
        // `defaultActions: [forward to the default target group]` unless its args set their own;
        // without `listener`/`listeners` it builds one such listener.
        const listeners = [alb.read("listener"), alb.read("listeners")];
        if (listeners.every((l) => l.known)) {
            const given = listeners.flatMap((l) => (Array.isArray(l.value) ? l.value : l.value === undefined ? [] : [l.value]));
            if (given.length > 0 && given.every((l) => isRecord(l) && l["defaultActions"] !== undefined)) {
                return [];
            }
        }
        const args = alb.read("defaultTargetGroup");
        if (!args.known) {
            return [unresolvable("defaultTargetGroup")];
        }
        // The target group awsx builds: `{ vpcId, targetType: "ip", port/protocol, ...defaultTargetGroup }`.
        const tg = new ResourceView(aws.lb.TargetGroup, alb.urn, alb.name, { targetType: "ip", ...(isRecord(args.value) ? args.value : {}) });
        const found = detection(tg, config.maxDetectionSeconds);
        switch (found.kind) {
            case "unknown":
                return [unresolvable(`defaultTargetGroup.${found.path}`)];
            case "disabled":
                return [violation("defaultTargetGroup.healthCheck.enabled is false, so the listeners keep forwarding to failed targets; enable the health check.")];
            case "slow":
                return [
                    violation(
                        `the default target group keeps a failed target in service for up to ${found.seconds} s (unhealthyThreshold ${found.timing.unhealthyThreshold} × interval ${found.timing.intervalSeconds} s); lower defaultTargetGroup.healthCheck.unhealthyThreshold or interval to stay within ${config.maxDetectionSeconds} s.`,
                    ),
                ];
            default:
                return [];
        }
    },
});
