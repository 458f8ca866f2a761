import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation, type Finding } from "../../lib/rule";

/** AWS's default retention when the property is absent (the API and the provider both use 1 day). */
const DEFAULT_RETENTION_DAYS = 1;

export const rdsBackups = resourceRule({
    id: "rds-backups",
    title: "RDS databases keep backups, deletion protection and a final snapshot",
    pillar: "durability",
    description:
        "An RDS instance or cluster keeps automated backups for at least `minRetentionDays` (`backupRetentionPeriod`), sets `deletionProtection: true`, and takes a final snapshot on deletion (`skipFinalSnapshot` not true and `finalSnapshotIdentifier` set). Read replicas (`replicateSourceDb`, `replicationSourceIdentifier`) are exempt from the backup and snapshot checks: their source holds the backups.",
    remediation: [
        "```ts",
        "new aws.rds.Instance(\"db\", {",
        "    backupRetentionPeriod: 7,           // days of point-in-time recovery",
        "    deletionProtection: true,",
        "    skipFinalSnapshot: false,",
        "    finalSnapshotIdentifier: \"db-final\",",
        "    ...",
        "});",
        "```",
        "Same properties on aws.rds.Cluster.",
    ].join("\n"),
    severity: "critical",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "Mandatory in production: a database without backups, or one that a mistaken `pulumi destroy`, a replacement-forcing change or a console click can delete without a snapshot, loses data irreversibly — the harm is immediate and cannot be repaired afterwards. Advisory in development, where databases are disposable.",
    byDefault: { shown: true, why: "A database without backups, deletion protection or a final snapshot can lose all its data in one mistake." },
    resourceTypes: [aws.rds.Instance, aws.rds.Cluster],
    anchors: {
        cdkNag: ["AwsSolutions-RDS13", "AwsSolutions-RDS10"],
        checkov: ["CKV_AWS_133", "CKV_AWS_293", "CKV_AWS_139"],
        awsConfig: ["db-instance-backup-enabled", "rds-instance-deletion-protection-enabled", "rds-cluster-deletion-protection-enabled"],
        securityHub: ["RDS.11", "RDS.8", "RDS.7"],
        awsguard: ["rds-instance-backup-enabled"],
        other: ["PCP aws-rds-*-enable/configure-backup-retention"],
        wellArchitected: ["REL09-BP01", "REL09-BP02", "REL09-BP03"],
    },
    config: z.object({
        minRetentionDays: z.number().int().min(1).max(35).default(7).describe("Smallest backupRetentionPeriod accepted, in days (AWS allows 1-35)."),
        requireDeletionProtection: z.boolean().default(true).describe("Require deletionProtection: true."),
        requireFinalSnapshot: z.boolean().default(true).describe("Require a final snapshot on deletion (skipFinalSnapshot not true, finalSnapshotIdentifier set)."),
    }),
    check(db, { config }) {
        const findings: Finding[] = [];
        const replicaOf = db.type === aws.rds.Instance ? "replicateSourceDb" : "replicationSourceIdentifier";
        const replica = db.read(replicaOf);
        const isReplica = !replica.known || (replica.value !== undefined && replica.value !== null && replica.value !== "");
        if (!isReplica) {
            const retention = db.read("backupRetentionPeriod");
            if (!retention.known) {
                findings.push(unresolvable("backupRetentionPeriod"));
            } else {
                const days = typeof retention.value === "number" ? retention.value : DEFAULT_RETENTION_DAYS;
                if (days < config.minRetentionDays) {
                    const now = retention.value === undefined ? `unset (the AWS default, ${DEFAULT_RETENTION_DAYS} day)` : days === 0 ? "0 (automated backups disabled)" : `${days} day${days === 1 ? "" : "s"}`;
                    findings.push(violation(`backupRetentionPeriod is ${now}; set backupRetentionPeriod to at least ${config.minRetentionDays} days.`));
                }
            }
            if (config.requireFinalSnapshot) {
                const skip = db.read("skipFinalSnapshot");
                const id = db.read("finalSnapshotIdentifier");
                if (!skip.known) {
                    findings.push(unresolvable("skipFinalSnapshot"));
                } else if (skip.value === true) {
                    findings.push(violation("skipFinalSnapshot is true, so deleting the database keeps no snapshot; set skipFinalSnapshot: false and a finalSnapshotIdentifier."));
                } else if (id.known && (id.value === undefined || id.value === "")) {
                    findings.push(violation("finalSnapshotIdentifier is not set, so deletion either fails or keeps no snapshot; set finalSnapshotIdentifier (e.g. \"<name>-final\")."));
                }
            }
        }
        if (config.requireDeletionProtection) {
            const protection = db.read("deletionProtection");
            if (!protection.known) {
                findings.push(unresolvable("deletionProtection"));
            } else if (protection.value !== true) {
                findings.push(violation("deletionProtection is not enabled; set deletionProtection: true so the database cannot be deleted by a mistaken destroy or replacement."));
            }
        }
        return findings;
    },
});
