// The durability rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { dynamodbDeletionProtection } from "./dynamodb-deletion-protection";
import { dynamodbPitr } from "./dynamodb-pitr";
import { elasticacheBackups } from "./elasticache-backups";
import { lbDeletionProtection } from "./lb-deletion-protection";
import { rdsBackups } from "./rds-backups";
import { s3Replication } from "./s3-replication";
import { s3Versioning } from "./s3-versioning";
import { efsBackup } from "./efs-backup";
import { eventbridgeArchive } from "./eventbridge-archive";

export const durabilityRules: Rule[] = [rdsBackups, dynamodbPitr, dynamodbDeletionProtection, elasticacheBackups, lbDeletionProtection, s3Replication, s3Versioning, efsBackup, eventbridgeArchive];
