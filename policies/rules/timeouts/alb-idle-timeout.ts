import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

/** The provider's default: its Check fills it into an absent idleTimeout before policies run (so does faultguard preview). */
const ALB_DEFAULT_IDLE_TIMEOUT = 60;

export const albIdleTimeout = resourceRule({
    id: "alb-idle-timeout",
    title: "Application Load Balancers keep idle connections within the backends' budget",
    pillar: "timeouts",
    description:
        "An Application Load Balancer's `idleTimeout` (60 s when absent: the provider fills in its default) is at most `maxSeconds`.",
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
        "Mandatory once a team sets its budget: an idle timeout longer than the targets' keep-alive timeout produces sporadic 502s under load, and a long one lets slow or stuck requests hold connections.",
    byDefault: { shown: false, why: "The provider sets 60 s when idleTimeout is absent, a bounded value, so an absent idle timeout is not a fault. Turn it on with maxSeconds to enforce the backends' keep-alive budget." },
    resourceTypes: [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
    anchors: {
        gap: true,
        wellArchitected: ["REL05-BP05"],
    },
    config: z.object({
        maxSeconds: z.number().int().min(1).max(4000).default(4000).describe("Largest idle timeout allowed, in seconds (AWS allows 1–4000)."),
    }),
    check(lb, { config }) {
        if ((lb.string("loadBalancerType") ?? "application") !== "application") {
            return [];
        }
        // Judge the behaviour: an absent value is the provider's default, never a finding by itself.
        const idle = lb.number("idleTimeout") ?? ALB_DEFAULT_IDLE_TIMEOUT;
        if (idle > config.maxSeconds) {
            return [violation(`idleTimeout is ${idle} s; keep it at most ${config.maxSeconds} s (policy config maxSeconds).`)];
        }
        return [];
    },
});
