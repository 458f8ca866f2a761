import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";

export const albAccessLogs = resourceRule({
    id: "alb-access-logs",
    title: "Application and network load balancers write access logs",
    pillar: "observability",
    description: "An application or network load balancer sets `accessLogs: { enabled: true, bucket }`. Gateway load balancers (no access logs) are exempt.",
    remediation: [
        "```ts",
        "new aws.lb.LoadBalancer(\"web\", { accessLogs: { bucket: logBucket.id, prefix: \"web\", enabled: true }, ... });",
        "```",
        "The bucket policy must allow the regional ELB log delivery principal to write.",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory", development: "disabled" },
    rationale:
        "Advisory: access logs are how you find which requests failed, from whom and to which target after an incident; the service runs the same without them, and they cost storage — disabled in development.",
    byDefault: { shown: false, why: "Access logs serve forensics and analytics, not fault tolerance; on real programs reviewers did not act on them. Turn it on where an audit trail is required." },
    resourceTypes: [aws.lb.LoadBalancer, aws.alb.LoadBalancer],
    anchors: {
        cdkNag: ["AwsSolutions-ELB2"],
        checkov: ["CKV_AWS_91"],
        awsConfig: ["elb-logging-enabled"],
        securityHub: ["ELB.5"],
        wellArchitected: ["REL06-BP01"],
    },
    config: z.object({}),
    check(lb) {
        const type = lb.read("loadBalancerType");
        if (type.known && type.value === "gateway") {
            return [];
        }
        const logs = lb.read("accessLogs");
        if (!logs.known) {
            return [unresolvable("accessLogs")];
        }
        const enabled = lb.read("accessLogs.enabled");
        if (!enabled.known) {
            return [unresolvable(enabled.path)];
        }
        // accessLogs.enabled defaults to false even when a bucket is given.
        if (enabled.value === true) {
            return [];
        }
        const now = logs.value === undefined || logs.value === null ? "not configured" : "configured but accessLogs.enabled is not true (it defaults to false even with a bucket)";
        return [violation(`access logs are ${now}; set accessLogs: { bucket: <log bucket>, enabled: true }.`)];
    },
});
