import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { isRecord } from "../../lib/values";

export const clbHealthCheckDraining = resourceRule({
    id: "clb-health-check-draining",
    title: "Classic load balancers health-check instances and drain connections",
    pillar: "health-checks",
    description: "A classic load balancer (`aws.elb.LoadBalancer`) declares `healthCheck` with a `target`, and enables `connectionDraining`.",
    remediation: [
        "Check an application endpoint, and let in-flight requests finish when an instance leaves service:",
        "```ts",
        "new aws.elb.LoadBalancer(\"legacy\", {",
        "    healthCheck: { target: \"HTTP:8080/health\", interval: 15, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 2 },",
        "    connectionDraining: true,",
        "    connectionDrainingTimeout: 300,",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: without draining, requests in flight are cut when an instance is deregistered or scaled in; without an explicit check the default TCP probe only proves the port is open. Both degrade rather than break the service, and classic load balancers are legacy (prefer an ALB/NLB).",
    byDefault: { shown: true, why: "A classic load balancer without health checks or draining sends traffic to dead instances and cuts requests on scale-in." },
    resourceTypes: [aws.elb.LoadBalancer],
    anchors: {
        cdkNag: ["AwsSolutions-ELB3"],
        securityHub: ["ELB.7"],
        awsConfig: ["elb-connection-draining-enabled"],
        other: ["PCP aws-elb-loadbalancer-enable-health-check"],
        wellArchitected: ["REL06-BP01", "REL11-BP01"],
    },
    config: z.object({}),
    check(clb) {
        const findings: Finding[] = [];
        const hc = clb.read("healthCheck");
        if (!hc.known) {
            findings.push(unresolvable("healthCheck"));
        } else if (!isRecord(hc.value) || hc.value["target"] === undefined || hc.value["target"] === "") {
            findings.push(violation("no healthCheck target is configured; set healthCheck with a target such as \"HTTP:8080/health\" so failed instances leave service."));
        }
        const draining = clb.read("connectionDraining");
        if (!draining.known) {
            findings.push(unresolvable("connectionDraining"));
        } else if (draining.value !== true) {
            findings.push(violation("connectionDraining is not enabled; set connectionDraining: true (and connectionDrainingTimeout, e.g. 300) so in-flight requests finish when an instance is deregistered."));
        }
        return findings;
    },
});
