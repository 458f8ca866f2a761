import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

/** The provider's default, filled in by the engine: "60" cannot be told from "never chosen". */
const ALB_DEFAULT_IDLE_TIMEOUT = 60;

export const albIdleTimeout = resourceRule({
    id: "alb-idle-timeout",
    title: "Application Load Balancers set an explicit idle timeout",
    pillar: "timeouts",
    description:
        "An Application Load Balancer sets `idleTimeout` to a chosen value: not absent and not the 60 s default (the engine fills 60 in when it is absent, so the two cannot be told apart), and at most `maxSeconds`. Set `allowDefault` if 60 s is your deliberate choice.",
    remediation: [
        "Match the idle timeout to the backend: keep the targets' keep-alive timeout longer than it.",
        "```ts",
        "new aws.lb.LoadBalancer(\"web\", {",
        "    loadBalancerType: \"application\",",
        "    idleTimeout: 30,",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "mandatory" },
    rationale:
        "The idle timeout bounds how long a slow or stuck request holds a connection; left at the default nobody has matched it to the backends' keep-alive and latency budget, which produces sporadic 502/504s under load.",
    resourceTypes: [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
    anchors: {
        gap: true,
        wellArchitected: ["REL05-BP05"],
    },
    config: z.object({
        maxSeconds: z.number().int().min(1).max(4000).default(4000).describe("Largest idle timeout allowed, in seconds (AWS allows 1–4000)."),
        allowDefault: z.boolean().default(false).describe("Accept the 60 s default as a deliberate choice."),
    }),
    check(lb, { config }) {
        if ((lb.string("loadBalancerType") ?? "application") !== "application") {
            return [];
        }
        const idle = lb.number("idleTimeout");
        if (idle === undefined || (idle === ALB_DEFAULT_IDLE_TIMEOUT && !config.allowDefault)) {
            return [violation(`idleTimeout is ${idle === undefined ? "unset" : "the 60 s default"}; set idleTimeout explicitly (shorter than the targets' keep-alive timeout), or set allowDefault in the policy config if 60 s is deliberate.`)];
        }
        if (idle > config.maxSeconds) {
            return [violation(`idleTimeout is ${idle} s; keep it at most ${config.maxSeconds} s (policy config maxSeconds).`)];
        }
        return [];
    },
});
