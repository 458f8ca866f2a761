import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

/** The provider's default; the Pulumi engine fills it in when idleTimeout is absent. */
const ALB_DEFAULT_IDLE_TIMEOUT = 60;

export const albIdleTimeout = resourceRule({
    id: "alb-idle-timeout",
    title: "Application Load Balancers set an explicit idle timeout",
    pillar: "timeouts",
    description:
        "An Application Load Balancer sets `idleTimeout` explicitly, at most `maxSeconds`. Explicit means present in the program's inputs; 60 s (the AWS default) is accepted as a deliberate choice unless `rejectDefault` is on.",
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
        "The idle timeout bounds how long a slow or stuck request holds a connection; left unset, nobody has matched it to the backends' keep-alive and latency budget, which produces sporadic 502/504s under load.",
    resourceTypes: [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
    anchors: {
        gap: true,
        wellArchitected: ["REL05-BP05"],
    },
    config: z.object({
        maxSeconds: z.number().int().min(1).max(4000).default(4000).describe("Largest idle timeout allowed, in seconds (AWS allows 1–4000)."),
        rejectDefault: z
            .boolean()
            .default(false)
            .describe(
                "Also reject 60 s. Under the Pulumi engine the provider fills 60 into an absent idleTimeout before policies run, so only this catches an omission there (at the price of rejecting a deliberate 60).",
            ),
    }),
    check(lb, { config }) {
        if ((lb.string("loadBalancerType") ?? "application") !== "application") {
            return [];
        }
        const idle = lb.number("idleTimeout");
        if (idle === undefined || (idle === ALB_DEFAULT_IDLE_TIMEOUT && config.rejectDefault)) {
            const what = idle === undefined ? "unset" : "the 60 s default, which this pack's config (rejectDefault) does not accept";
            return [violation(`idleTimeout is ${what}; set idleTimeout explicitly, shorter than the targets' keep-alive timeout.`)];
        }
        if (idle > config.maxSeconds) {
            return [violation(`idleTimeout is ${idle} s; keep it at most ${config.maxSeconds} s (policy config maxSeconds).`)];
        }
        return [];
    },
});
