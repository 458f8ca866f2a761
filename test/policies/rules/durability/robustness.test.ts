import { aws } from "../../../../policies/lib/aws-types";
import { durabilityRules } from "../../../../policies/rules/durability";
import { assertNeverCrashes } from "../../../support/odd-shapes";

describe("durability rules on odd shapes (property-based)", () => {
    it("never throw anything but UnresolvableError", () => {
        assertNeverCrashes(
            durabilityRules,
            [
                aws.s3.BucketReplicationConfig, aws.s3.BucketLogging, aws.lb.LoadBalancer, aws.ec2.FlowLog, aws.cloudfront.Distribution,
                aws.s3.BucketVersioning, aws.s3.BucketObject, aws.efs.BackupPolicy, aws.backup.Selection, aws.cloudwatch.EventArchive,
            ],
            [
                "backupRetentionPeriod", "deletionProtection", "skipFinalSnapshot", "finalSnapshotIdentifier", "replicateSourceDb", "replicationSourceIdentifier",
                "pointInTimeRecovery", "enabled", "recoveryPeriodInDays", "deletionProtectionEnabled", "engine", "replicationGroupId", "snapshotRetentionLimit",
                "enableDeletionProtection", "bucket", "rules", "status", "destination", "replicationConfiguration", "accessLogs", "targetBucket", "logDestination", "loggingConfig", "arn", "id",
                "versioningConfiguration", "versioning", "objectLockEnabled", "forceDestroy", "backupPolicy", "fileSystemId", "resources", "selectionTags", "key", "value",
                "type", "tags", "eventSourceArn", "name",
            ],
            ["redis", "valkey", "memcached", "Enabled", "Disabled", "b1", "arn:aws:s3:::b1", "ENABLED", "DISABLED", "STRINGEQUALS", "*", "arn:aws:events:us-east-1:1:event-bus/b"],
        );
    });
});
