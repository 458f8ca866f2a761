import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";

/** A property value for a message; odd shapes (objects, arrays) as JSON, never an exception. */
function shown(value: unknown): string {
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value) ?? "undefined";
}

export const ec2DetailedMonitoring = resourceRule({
    id: "ec2-detailed-monitoring",
    title: "EC2 instances and launch templates use detailed monitoring",
    pillar: "observability",
    description: "An EC2 instance sets `monitoring: true`; a launch template sets `monitoring: { enabled: true }` (1-minute metrics).",
    remediation: [
        "```ts",
        "new aws.ec2.LaunchTemplate(\"web\", { monitoring: { enabled: true }, ... });",
        "new aws.ec2.Instance(\"bastion\", { monitoring: true, ... });",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory", development: "disabled" },
    rationale:
        "Advisory: with 5-minute basic metrics, alarms and step-scaling react minutes late to a failing or overloaded instance; detailed monitoring costs per instance, so it is a trade-off — disabled in development.",
    byDefault: { shown: false, why: "One-minute metrics sharpen scaling and alarms but basic monitoring works; reviewers did not act on it. Turn it on for fast-scaling groups." },
    resourceTypes: [aws.ec2.Instance, aws.ec2.LaunchTemplate],
    anchors: {
        cdkNag: ["AwsSolutions-EC28"],
        checkov: ["CKV_AWS_126"],
        awsConfig: ["ec2-instance-detailed-monitoring-enabled"],
        awsguard: ["ec2-instance-detailed-monitoring-enabled"],
        wellArchitected: ["REL06-BP01"],
    },
    config: z.object({}),
    check(r) {
        const path = r.type === aws.ec2.Instance ? "monitoring" : "monitoring.enabled";
        const read = r.read(path);
        if (!read.known) {
            return [unresolvable(read.path)];
        }
        if (read.value === true) {
            return [];
        }
        const fix = r.type === aws.ec2.Instance ? "monitoring: true" : "monitoring: { enabled: true }";
        return [violation(`${path} is ${read.value === undefined ? "unset" : shown(read.value)} (5-minute basic monitoring); set ${fix} for 1-minute metrics.`)];
    },
});
