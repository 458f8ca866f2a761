import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";
import { detection, detectionConfig } from "../../lib/target-group-health-check";

export const tgHealthCheckExplicit = resourceRule({
    id: "tg-health-check-explicit",
    title: "Target groups keep health checks on and detect a failed target quickly",
    pillar: "health-checks",
    description:
        "A target group's health checks are not disabled, and a failed target is detected within `maxDetectionSeconds` (`unhealthyThreshold` × `interval`: in a declared `healthCheck` block, absent values are the provider's defaults, 3 × 30 s, which it fills in before policies run; without a block, AWS's own defaults apply, 2 × 30 s). The default check (GET / expecting 200 on the traffic port) is a real health check: a group that relies on it, or declares a `healthCheck` without a `path` or `matcher`, is not flagged, because whether `/` proves health depends on the application. Lambda target groups are exempt (their health checks are optional and off by default).",
    remediation: [
        "Keep health checks enabled and detect failures within the budget; point them at an endpoint that proves the target can serve when `/` does not:",
        "```ts",
        "new aws.lb.TargetGroup(\"web\", {",
        "    port: 8080, protocol: \"HTTP\", vpcId,",
        "    healthCheck: { path: \"/health\", matcher: \"200\", interval: 15, healthyThreshold: 3, unhealthyThreshold: 2 },",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: a disabled check keeps a failed target in service, and a slow one (minutes of unhealthyThreshold × interval) serves errors for that long; the pack cannot tell whether `/` is a good health route, so it does not ask for a path.",
    byDefault: { shown: true, why: "Disabled health checks or a detection time of minutes keep a failed target in service." },
    resourceTypes: [aws.lb.TargetGroup, aws.alb.TargetGroup],
    anchors: {
        checkov: ["CKV_AWS_261"],
        wellArchitected: ["REL06-BP01", "REL11-BP01"],
    },
    config: detectionConfig,
    check(tg, { config }) {
        // The default check, or a declared one without path/matcher (GET / expecting 200), is judged
        // by what it does, like any other: only disabling it or slow detection is a finding.
        const found = detection(tg, config.maxDetectionSeconds);
        switch (found.kind) {
            case "unknown":
                return [unresolvable(found.path)];
            case "disabled":
                return [violation("healthCheck.enabled is false; enable health checks so the load balancer stops routing to failed targets.")];
            case "slow": {
                const { intervalSeconds: interval, unhealthyThreshold: unhealthy, declared } = found.timing;
                const source = declared ? "" : " (AWS's defaults: no healthCheck block is declared)";
                return [
                    violation(
                        `a failed target keeps receiving traffic for up to ${found.seconds} s (unhealthyThreshold ${unhealthy} × interval ${interval} s${source}); lower healthCheck.unhealthyThreshold or healthCheck.interval to stay within ${config.maxDetectionSeconds} s.`,
                    ),
                ];
            }
            default:
                return [];
        }
    },
});
