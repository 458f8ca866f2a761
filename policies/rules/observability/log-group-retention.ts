import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";

export const logGroupRetention = resourceRule({
    id: "log-group-retention",
    title: "Log groups set a retention period",
    pillar: "observability",
    description: "A CloudWatch log group sets `retentionInDays` (absent or 0 means never expire) to at least `minDays`.",
    remediation: [
        "```ts",
        "new aws.cloudwatch.LogGroup(\"app\", { retentionInDays: 30 });",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: a log group without retention is a decision nobody made — it grows (and bills) forever, while a retention chosen too short loses the evidence of an incident before anyone looks. Neither breaks the service.",
    byDefault: { shown: true, why: "Logs that never expire grow cost without bound; logs that expire too soon lose the evidence of an incident." },
    resourceTypes: [aws.cloudwatch.LogGroup],
    anchors: {
        cdkNag: ["HIPAA.Security-CloudWatchLogGroupRetentionPeriod", "NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod"],
        checkov: ["CKV_AWS_66", "CKV_AWS_338"],
        awsConfig: ["cw-loggroup-retention-period-check"],
        other: ["SR WS1004"],
        wellArchitected: ["REL06-BP01"],
    },
    config: z.object({
        minDays: z.number().int().min(1).max(3653).default(1).describe("Smallest retentionInDays accepted (CKV_AWS_338 uses 365)."),
    }),
    check(group, { config }) {
        const retention = group.read("retentionInDays");
        if (!retention.known) {
            return [unresolvable("retentionInDays")];
        }
        const days = typeof retention.value === "number" ? retention.value : 0;
        if (days === 0) {
            return [violation(`retentionInDays is ${retention.value === undefined ? "unset" : "0"}, so logs never expire; set retentionInDays (e.g. 30, at least ${config.minDays}).`)];
        }
        return days < config.minDays ? [violation(`retentionInDays is ${days}; keep logs at least ${config.minDays} days (policy config minDays).`)] : [];
    },
});
