import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { asNumber, asString, isRecord } from "../../lib/values";

const HTTP_PROTOCOLS = new Set(["HTTP", "HTTPS"]);
/** AWS/provider defaults for an explicit health check block: interval 30 s, 3 failures to mark unhealthy. */
const DEFAULT_INTERVAL_SECONDS = 30;
const DEFAULT_UNHEALTHY_THRESHOLD = 3;

export const tgHealthCheckExplicit = resourceRule({
    id: "tg-health-check-explicit",
    title: "Target groups configure an explicit health check",
    pillar: "health-checks",
    description:
        "A target group checked over HTTP/HTTPS declares `healthCheck` with a `path` and a `matcher`, health checks are not disabled, and a failed target is detected within `maxDetectionSeconds` (`unhealthyThreshold` × `interval`; absent values are the AWS defaults 3 × 30 s). Lambda target groups are exempt (their health checks are optional and off by default).",
    remediation: [
        "Point the health check at an endpoint that proves the target can serve (dependencies included), and say what healthy looks like:",
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
        "Advisory: the default check (GET / expecting 200) often works by accident, so the harm is conditional — a redirecting or heavy root page marks healthy targets unhealthy, or a static page keeps a broken target in service. Whether it bites depends on the application.",
    resourceTypes: [aws.lb.TargetGroup, aws.alb.TargetGroup],
    anchors: {
        checkov: ["CKV_AWS_261"],
        wellArchitected: ["REL06-BP01", "REL11-BP01"],
    },
    config: z.object({
        maxDetectionSeconds: z
            .number()
            .int()
            .min(10)
            .max(3600)
            .default(150)
            .describe("Longest time (unhealthyThreshold × interval, seconds) a failed target may keep receiving traffic."),
    }),
    check(tg, { config }) {
        if (tg.string("targetType") === "lambda") {
            return [];
        }
        const hcRead = tg.read("healthCheck");
        if (!hcRead.known) {
            return [unresolvable("healthCheck")];
        }
        const hc = isRecord(hcRead.value) ? hcRead.value : undefined;
        if (hc && hc["enabled"] === false) {
            return [violation("healthCheck.enabled is false; enable health checks so the load balancer stops routing to failed targets.")];
        }
        const tgProtocol = tg.string("protocol")?.toUpperCase();
        const hcProtocol = (asString(hc?.["protocol"]) ?? (tgProtocol && HTTP_PROTOCOLS.has(tgProtocol) ? tgProtocol : undefined))?.toUpperCase();
        const findings: Finding[] = [];
        if (hcProtocol !== undefined && HTTP_PROTOCOLS.has(hcProtocol)) {
            if (!hc) {
                return [
                    violation(
                        `no healthCheck is configured, so the ${hcProtocol} default (GET / expecting 200) decides target health; set healthCheck with a path (e.g. "/health") and a matcher (e.g. "200").`,
                    ),
                ];
            }
            const missing = ["path", "matcher"].filter((k) => hc[k] === undefined || hc[k] === null || hc[k] === "");
            if (missing.length > 0) {
                findings.push(violation(`healthCheck does not set ${missing.join(" and ")}; set healthCheck.path (e.g. "/health") and healthCheck.matcher (e.g. "200") explicitly.`));
            }
        }
        if (hc) {
            const interval = asNumber(hc["interval"]) ?? DEFAULT_INTERVAL_SECONDS;
            const unhealthy = asNumber(hc["unhealthyThreshold"]) ?? DEFAULT_UNHEALTHY_THRESHOLD;
            if (interval * unhealthy > config.maxDetectionSeconds) {
                findings.push(
                    violation(
                        `a failed target keeps receiving traffic for up to ${interval * unhealthy} s (unhealthyThreshold ${unhealthy} × interval ${interval} s); lower healthCheck.unhealthyThreshold or healthCheck.interval to stay within ${config.maxDetectionSeconds} s.`,
                    ),
                );
            }
        }
        return findings;
    },
});
