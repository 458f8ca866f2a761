import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

/**
 * AWS defaults (CreateTargetGroup): interval 30 s (GENEVE 10, lambda 35); timeout 6 s for HTTP
 * health checks, 10 s for TCP/TLS/HTTPS, 5 s for GENEVE target groups, 30 s for lambda targets.
 */
function defaults(targetType: string, protocol: string | undefined, checkProtocol: string | undefined): { interval: number; timeout: number } {
    if (targetType === "lambda") {
        return { interval: 35, timeout: 30 };
    }
    if (protocol === "GENEVE") {
        return { interval: 10, timeout: 5 };
    }
    // Without an explicit health-check protocol, ALB target groups check over HTTP, others over TCP.
    const check = checkProtocol ?? (protocol === "HTTP" || protocol === "HTTPS" || protocol === undefined ? "HTTP" : "TCP");
    return { interval: 30, timeout: check.toUpperCase() === "HTTP" ? 6 : 10 };
}

export const tgHealthCheckTimeout = resourceRule({
    id: "tg-health-check-timeout",
    title: "Target group health checks time out before the next check",
    pillar: "timeouts",
    description:
        "An enabled target group health check has `healthCheck.timeout` < `healthCheck.interval`, each taken from AWS's protocol-specific defaults when absent.",
    remediation: [
        "```ts",
        "new aws.lb.TargetGroup(\"api\", {",
        "    healthCheck: { path: \"/healthz\", interval: 15, timeout: 5 },",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "A timeout as long as the interval overlaps checks and delays detection of a hung target by whole intervals, so failed targets keep receiving traffic.",
    byDefault: { shown: true, why: "A health-check timeout longer than the interval makes checks overlap and flap." },
    resourceTypes: [aws.lb.TargetGroup, aws.alb.TargetGroup],
    anchors: {
        checkov: ["CKV_AWS_261"],
        wellArchitected: ["REL05-BP05", "REL11-BP01"],
    },
    config: z.object({}),
    check(tg) {
        if (tg.boolean("healthCheck.enabled") === false) {
            return [];
        }
        const targetType = tg.string("targetType") ?? "instance";
        const d = defaults(targetType, tg.string("protocol"), tg.string("healthCheck.protocol"));
        const interval = tg.number("healthCheck.interval") ?? d.interval;
        const timeout = tg.number("healthCheck.timeout") ?? d.timeout;
        if (timeout >= interval) {
            return [violation(`healthCheck.timeout is ${timeout} s and healthCheck.interval is ${interval} s; set timeout below interval (e.g. timeout: ${Math.max(2, interval - 1)}, or raise interval above ${timeout}).`)];
        }
        return [];
    },
});
