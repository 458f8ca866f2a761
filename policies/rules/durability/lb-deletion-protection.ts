import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";

export const lbDeletionProtection = resourceRule({
    id: "lb-deletion-protection",
    title: "Load balancers have deletion protection in production",
    pillar: "durability",
    description: "An application, network or gateway load balancer sets `enableDeletionProtection: true` (production profile).",
    remediation: [
        "```ts",
        "new aws.lb.LoadBalancer(\"web\", { enableDeletionProtection: true, ... });",
        "```",
        "Turn it off in the same update that intentionally replaces or removes the load balancer.",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory", development: "disabled" },
    rationale:
        "Advisory in production: a deleted load balancer is an outage and comes back with a new DNS name that clients and records may still point away from, but it holds no data and can be recreated in minutes; deletion protection also blocks intentional replacements. Disabled in development, where stacks are torn down routinely.",
    byDefault: { shown: false, why: "A load balancer holds no data and the program recreates it; on real programs reviewers did not act on it. Turn it on where DNS or clients pin the load balancer itself." },
    resourceTypes: [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
    anchors: {
        cdkNag: ["HIPAA.Security-ELBDeletionProtectionEnabled", "NIST.800.53.R5-ELBDeletionProtectionEnabled"],
        checkov: ["CKV_AWS_150"],
        awsConfig: ["elb-deletion-protection-enabled"],
        securityHub: ["ELB.6"],
        awsguard: ["elb-deletion-protection-enabled"],
        wellArchitected: ["REL09-BP01"],
    },
    config: z.object({}),
    check(lb) {
        const enabled = lb.read("enableDeletionProtection");
        if (!enabled.known) {
            return [unresolvable("enableDeletionProtection")];
        }
        return enabled.value === true ? [] : [violation("enableDeletionProtection is not set; set enableDeletionProtection: true so the load balancer cannot be deleted by mistake.")];
    },
});
