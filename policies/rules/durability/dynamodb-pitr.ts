import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { asNumber, asString, isRecord } from "../../lib/values";

export const dynamodbPitr = resourceRule({
    id: "dynamodb-pitr",
    title: "DynamoDB tables have point-in-time recovery",
    pillar: "durability",
    description: "A DynamoDB table sets `pointInTimeRecovery.enabled: true` (with `recoveryPeriodInDays` of at least `minRecoveryPeriodDays` when set), and every global-table replica sets `pointInTimeRecovery: true`.",
    remediation: [
        "```ts",
        "new aws.dynamodb.Table(\"orders\", {",
        "    pointInTimeRecovery: { enabled: true },",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "Mandatory in production: without PITR a bad deployment, a buggy batch job or a wrong script that overwrites or deletes items cannot be undone — DynamoDB has no other continuous backup, and on-demand backups are rarely current. PITR also keeps a 35-day system backup when the table is deleted. The cost is small and the loss it prevents is permanent.",
    byDefault: { shown: true, why: "Without point-in-time recovery a bad write or delete cannot be undone." },
    resourceTypes: [aws.dynamodb.Table],
    anchors: {
        cdkNag: ["AwsSolutions-DDB3"],
        checkov: ["CKV_AWS_28", "CKV_AWS_165"],
        awsConfig: ["dynamodb-pitr-enabled"],
        securityHub: ["DynamoDB.2"],
        wellArchitected: ["REL09-BP01", "REL09-BP02"],
    },
    config: z.object({
        minRecoveryPeriodDays: z.number().int().min(1).max(35).default(1).describe("Smallest recoveryPeriodInDays accepted when it is set (absent means the 35-day maximum)."),
    }),
    check(table, { config }) {
        const pitr = table.read("pointInTimeRecovery");
        if (!pitr.known) {
            return [unresolvable("pointInTimeRecovery")];
        }
        const enabled = table.read("pointInTimeRecovery.enabled");
        if (!enabled.known) {
            return [unresolvable("pointInTimeRecovery.enabled")];
        }
        if (enabled.value !== true) {
            return [violation("point-in-time recovery is not enabled; set pointInTimeRecovery: { enabled: true } so the table can be restored to any second of the last 35 days.")];
        }
        const findings: Finding[] = [];
        const days = isRecord(pitr.value) ? asNumber(pitr.value["recoveryPeriodInDays"]) : undefined;
        if (days !== undefined && days < config.minRecoveryPeriodDays) {
            findings.push(violation(`pointInTimeRecovery.recoveryPeriodInDays is ${days}; set it to at least ${config.minRecoveryPeriodDays} (or omit it for 35 days).`));
        }
        // Each replica of a global table has its own PITR flag (default false): after a regional
        // failover the surviving replica is the table, and it needs recovery too.
        const replicas = table.read("replicas");
        if (!replicas.known) {
            findings.push(unresolvable("replicas"));
        } else if (Array.isArray(replicas.value)) {
            const missing: string[] = [];
            replicas.value.forEach((replica, i) => {
                const flag = table.read(`replicas.${i}.pointInTimeRecovery`);
                if (flag.known && flag.value !== true) {
                    missing.push((isRecord(replica) ? asString(replica["regionName"]) : undefined) ?? `#${i}`);
                }
            });
            if (missing.length > 0) {
                findings.push(violation(`global-table replica${missing.length === 1 ? "" : "s"} in ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} no point-in-time recovery; set pointInTimeRecovery: true on each entry of replicas.`));
            }
        }
        return findings;
    },
});
