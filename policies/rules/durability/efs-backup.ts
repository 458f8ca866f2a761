import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource, perGraph } from "../../lib/graph";
import { stackRule, unresolvable, violation } from "../../lib/rule";
import { asString, isRecord } from "../../lib/values";

const FILE_SYSTEMS = [aws.efs.FileSystem] as const;

type Coverage = "backed-up" | "disabled" | "unknown";

interface Index {
    /** File systems with an aws.efs.BackupPolicy: its status. */
    policies: Map<GraphResource, Coverage>;
    /** File systems an AWS Backup selection names (by ARN, wildcard, or tag). */
    selected: Set<GraphResource>;
    /** A selection whose resources cannot be read in this preview (it may select any file system). */
    unknownSelection?: GraphResource;
}

function tagSelects(selection: GraphResource, fs: GraphResource): boolean {
    const tags = selection.read("selectionTags");
    if (!tags.known || !Array.isArray(tags.value)) {
        return false;
    }
    return tags.value.some((t) => isRecord(t) && asString(t["type"]) === "STRINGEQUALS" && asString(t["key"]) !== undefined && fs.tags[asString(t["key"])!] === asString(t["value"]));
}

const indexOf = perGraph((graph): Index => {
    const index: Index = { policies: new Map(), selected: new Set() };
    for (const policy of graph.ofType(aws.efs.BackupPolicy)) {
        const status = policy.read("backupPolicy.status");
        const coverage: Coverage = !status.known ? "unknown" : asString(status.value) === "ENABLED" ? "backed-up" : "disabled";
        graph.resolve(policy, "fileSystemId", FILE_SYSTEMS).targets.forEach((fs) => index.policies.set(fs, coverage));
    }
    const all = graph.ofType(...FILE_SYSTEMS);
    for (const selection of graph.ofType(aws.backup.Selection)) {
        const resources = selection.read("resources");
        if (!resources.known) {
            index.unknownSelection ??= selection;
        } else if (Array.isArray(resources.value)) {
            const literals = resources.value.map(asString).filter((v): v is string => v !== undefined);
            if (literals.some((arn) => arn === "*" || /^arn:[^:]+:elasticfilesystem:[^:]*:[^:]*:(file-system\/)?\*$/.test(arn))) {
                all.forEach((fs) => index.selected.add(fs));
            }
            graph.resolve(selection, "resources", FILE_SYSTEMS).targets.forEach((fs) => index.selected.add(fs));
        }
        all.filter((fs) => tagSelects(selection, fs)).forEach((fs) => index.selected.add(fs));
    }
    return index;
});

export const efsBackup = stackRule({
    id: "efs-backup",
    title: "EFS file systems are backed up",
    pillar: "durability",
    description:
        "An `aws.efs.FileSystem` has automatic backups: an `aws.efs.BackupPolicy` with status ENABLED, or an `aws.backup.Selection` that selects it (by ARN, wildcard or tag). One Zone file systems (`availabilityZoneName` set) get automatic backups by default unless a BackupPolicy disables them; Regional ones created through the API (as Pulumi does) do not.",
    remediation: [
        "Turn on EFS automatic backups (AWS Backup, daily, 35-day retention):",
        "```ts",
        "new aws.efs.BackupPolicy(\"shared\", { fileSystemId: fs.id, backupPolicy: { status: \"ENABLED\" } });",
        "```",
        "or select the file system in your own AWS Backup plan (`aws.backup.Selection` with `resources: [fs.arn]`).",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "EFS replicates across zones but keeps no history: a deleted directory, a corrupting bug or a ransomware-style overwrite is permanent without a backup. The file systems in the reviewed programs held user uploads and application state; a backup policy is one resource and costs only the storage it uses.",
    byDefault: { shown: true, why: "A file system without backups cannot be restored after a deletion or corruption." },
    resourceTypes: FILE_SYSTEMS,
    anchors: {
        cdkNag: ["HIPAA.Security-EFSInBackupPlan", "NIST.800.53.R5-EFSInBackupPlan"],
        checkov: ["CKV2_AWS_18"],
        awsConfig: ["efs-in-backup-plan", "efs-resources-protected-by-backup-plan"],
        securityHub: ["EFS.2"],
        wellArchitected: ["REL09-BP01", "REL09-BP03"],
    },
    config: z.object({}),
    check(fs, { graph }) {
        const index = indexOf(graph);
        const policy = index.policies.get(fs);
        if (policy === "backed-up" || index.selected.has(fs)) {
            return [];
        }
        if (policy === "unknown") {
            return [unresolvable("backupPolicy.status", "of the file system's aws.efs.BackupPolicy")];
        }
        const zone = fs.read("availabilityZoneName");
        if (!zone.known) {
            return [unresolvable("availabilityZoneName")];
        }
        const oneZone = asString(zone.value) !== undefined;
        if (oneZone && policy === undefined) {
            return []; // One Zone file systems are created with automatic backups on.
        }
        if (index.unknownSelection) {
            return [unresolvable("resources", `of AWS Backup selection ${index.unknownSelection.name}, which may select this file system`)];
        }
        const why = policy === "disabled" ? "its aws.efs.BackupPolicy disables automatic backups" : "it has no aws.efs.BackupPolicy and no AWS Backup selection";
        return [violation(`the file system is not backed up (${why}), so a deletion or corruption is permanent; add aws.efs.BackupPolicy { backupPolicy: { status: "ENABLED" } } or select it in an aws.backup.Selection.`)];
    },
});
