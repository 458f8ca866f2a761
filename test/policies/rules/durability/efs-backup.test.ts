import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyze, messages, outcomes } from "../redundancy/fixtures";

const RULE = "efs-backup";

describe(`${RULE} (through the analyzer)`, () => {
    it("passes a backup policy, an AWS Backup selection (by ARN or tag) and One Zone defaults; flags Regional file systems without one (new stack: IDs unknown)", async () => {
        const report = await analyze(() => {
            new aws.efs.FileSystem("bare", {});
            const withPolicy = new aws.efs.FileSystem("with-policy", {});
            new aws.efs.BackupPolicy("with-policy", { fileSystemId: withPolicy.id, backupPolicy: { status: "ENABLED" } });
            const disabled = new aws.efs.FileSystem("disabled", {});
            new aws.efs.BackupPolicy("disabled", { fileSystemId: disabled.id, backupPolicy: { status: "DISABLED" } });
            new aws.efs.FileSystem("one-zone", { availabilityZoneName: "us-east-1a" });
            const selected = new aws.efs.FileSystem("selected", {});
            new aws.efs.FileSystem("tagged", { tags: { backup: "daily" } });
            const vault = new aws.backup.Vault("vault", {});
            const plan = new aws.backup.Plan("plan", { rules: [{ ruleName: "daily", targetVaultName: vault.name, schedule: "cron(0 5 * * ? *)" }] });
            const role = "arn:aws:iam::123456789012:role/backup";
            new aws.backup.Selection("by-arn", { planId: plan.id, iamRoleArn: role, resources: [selected.arn] });
            new aws.backup.Selection("by-tag", { planId: plan.id, iamRoleArn: role, selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "daily" }] });
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory bare", "violation mandatory disabled"]);
        assert.match(messages(report, RULE, "bare")[0], /no aws\.efs\.BackupPolicy and no AWS Backup selection/);
        assert.match(messages(report, RULE, "disabled")[0], /BackupPolicy disables automatic backups/);
    });

    it("cannot decide a computed backup status; advisory in development", async () => {
        const report = await analyze(
            () => {
                const fs = new aws.efs.FileSystem("computed", {});
                new aws.efs.BackupPolicy("computed", { fileSystemId: fs.id, backupPolicy: { status: pulumi.unknown as unknown as pulumi.Input<string> } });
                new aws.efs.FileSystem("bare", {});
            },
            { stackTags: { "faultguard:profile": "development" } },
        );
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory computed", "violation advisory bare"]);
    });
});
