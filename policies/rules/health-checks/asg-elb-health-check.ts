import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { asgTrafficSources, type TrafficKind } from "../../lib/links/loadbalancing";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";

/** The provider's default grace period (Terraform fills 300 s in when the argument is absent). */
const PROVIDER_DEFAULT_GRACE_SECONDS = 300;

const HEALTH_CHECK_TYPE: Record<TrafficKind, string> = { elb: "ELB", "vpc-lattice": "VPC_LATTICE" };

export const asgElbHealthCheck = stackRule({
    id: "asg-elb-health-check",
    title: "Auto Scaling groups behind a load balancer use its health checks",
    pillar: "health-checks",
    description:
        "An Auto Scaling group that receives traffic from a target group or classic load balancer (via `targetGroupArns`, `loadBalancers`, `trafficSources`, `aws.autoscaling.Attachment` or `aws.autoscaling.TrafficSourceAttachment`) sets `healthCheckType: \"ELB\"` (`\"VPC_LATTICE\"` for VPC Lattice sources) and a health check grace period of at least `minGracePeriodSeconds`.",
    remediation: [
        "Let the group replace instances the load balancer finds unhealthy, after a boot grace period:",
        "```ts",
        "new aws.autoscaling.Group(\"web\", {",
        "    targetGroupArns: [tg.arn],",
        "    healthCheckType: \"ELB\",",
        "    healthCheckGracePeriod: 300, // seconds an instance may take to boot and pass its first check",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "Mandatory in production: with the default EC2 health check the group only sees instance status, so an instance whose application hangs or crashes keeps running; the load balancer routes around it but the group never replaces it, and capacity erodes silently until the last healthy instance fails (an outage with every instance 'InService'). A grace period of 0 does the opposite harm: instances are killed while still booting, a replacement loop. The fix is one free property.",
    byDefault: { shown: true, why: "With EC2 health checks a group keeps instances that the load balancer has marked unhealthy, serving errors." },
    resourceTypes: [aws.autoscaling.Group],
    anchors: {
        cdkNag: ["AwsSolutions-AS2", "HIPAA.Security-AutoScalingGroupELBHealthCheckRequired", "NIST.800.53.R5-AutoScalingGroupELBHealthCheckRequired", "PCI.DSS.321-AutoScalingGroupELBHealthCheckRequired"],
        checkov: ["CKV2_AWS_15"],
        awsConfig: ["autoscaling-group-elb-healthcheck-required"],
        securityHub: ["AutoScaling.1"],
        wellArchitected: ["REL06-BP01", "REL11-BP01"],
    },
    config: z.object({
        minGracePeriodSeconds: z
            .number()
            .int()
            .min(0)
            .max(7200)
            .default(1)
            .describe("Smallest healthCheckGracePeriod accepted, in seconds (absent counts as the provider default of 300). The default 1 only rejects 0."),
    }),
    check(asg, { config, graph }) {
        const sources = asgTrafficSources(graph, asg);
        if (sources.length === 0) {
            return [];
        }
        const findings: Finding[] = [];
        const wanted = new Set(sources.map((s) => HEALTH_CHECK_TYPE[s.kind]));
        const via = [...new Set(sources.map((s) => s.via))].join(", ");
        const typeRead = asg.read("healthCheckType");
        if (!typeRead.known) {
            findings.push(unresolvable("healthCheckType"));
        } else {
            const type = typeof typeRead.value === "string" ? typeRead.value : undefined;
            // The API accepts a comma-separated list ("ELB,EBS"); EC2 is always implied.
            const types = (type ?? "").split(",").map((t) => t.trim());
            if (!types.some((t) => wanted.has(t))) {
                const want = [...wanted].map((w) => `"${w}"`).join(" or ");
                findings.push(
                    violation(
                        `healthCheckType is ${type === undefined ? "unset (EC2)" : `"${type}"`} but the group receives traffic via ${via}; set healthCheckType: ${want} so instances the load balancer finds unhealthy are replaced.`,
                    ),
                );
            }
        }
        const graceRead = asg.read("healthCheckGracePeriod");
        if (!graceRead.known) {
            findings.push(unresolvable("healthCheckGracePeriod"));
        } else {
            const grace = typeof graceRead.value === "number" ? graceRead.value : PROVIDER_DEFAULT_GRACE_SECONDS;
            if (grace < config.minGracePeriodSeconds) {
                findings.push(
                    violation(
                        `healthCheckGracePeriod is ${grace} s; set it to at least ${Math.max(config.minGracePeriodSeconds, 1)} s (the instance's boot time, e.g. 300) so booting instances are not replaced before they can pass a health check.`,
                    ),
                );
            }
        }
        return findings;
    },
});
