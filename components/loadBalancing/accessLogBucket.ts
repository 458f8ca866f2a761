import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type Scope } from "../lib/component";
import { elbLogDeliveryPrincipal } from "./elbLogDelivery";

export interface AccessLogDestination {
    bucketName: pulumi.Input<string>;
    /** The bucket made here (none when the caller passed one). */
    bucket?: aws.s3.Bucket;
    /** What the load balancer must wait for before it can write logs. */
    ready: pulumi.Resource[];
}

/** The caller's access-log bucket, or one made for the logs. */
export function accessLogDestination(scope: Scope, settings: { bucket?: pulumi.Input<string>; prefix?: string; expireAfterDays: number }): AccessLogDestination {
    if (settings.bucket !== undefined) return { bucketName: settings.bucket, ready: [] };
    return createAccessLogBucket(scope, settings);
}

/**
 * A bucket for ALB access logs: SSE-S3 (the only encryption ALB log delivery supports), public
 * access blocked, owner-enforced, expiring, TLS-only, writable by the region's ELB log delivery.
 */
function createAccessLogBucket(scope: Scope, settings: { prefix?: string; expireAfterDays: number }): AccessLogDestination {
    const { name, tags, child } = scope;
    const id = `${name}-access-logs`;
    // Disposable diagnostics (they expire): not worth cross-region replication. Exempted by tag,
    // so faultguard preview lists the exemption with its reason instead of hiding it.
    const exemption = { "faultguard:exempt:s3-replication": `ALB access logs are disposable diagnostics that expire after ${settings.expireAfterDays} days` };
    const bucket = new aws.s3.Bucket(id, { forceDestroy: !scope.production, tags: { ...tags, ...exemption } }, child);
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(id, { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, child);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(id, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, child);
    const ownership = new aws.s3.BucketOwnershipControls(id, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    new aws.s3.BucketLifecycleConfiguration(id, { bucket: bucket.id, rules: [{ id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: settings.expireAfterDays } }] }, child);
    const policy = new aws.s3.BucketPolicy(id, { bucket: bucket.id, policy: accessLogBucketPolicy(scope, bucket, settings.prefix) }, { ...child, dependsOn: [publicAccess, ownership] });
    return { bucketName: bucket.bucket, bucket, ready: [policy, encryption] };
}

function accessLogBucketPolicy(scope: Scope, bucket: aws.s3.Bucket, prefix: string | undefined): pulumi.Output<string> {
    const region = aws.getRegionOutput({}, scope.child);
    const partition = aws.getPartitionOutput({}, scope.child);
    const caller = aws.getCallerIdentityOutput({}, scope.child);
    const keyPrefix = prefix ? `${prefix}/` : "";
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ElbLogDelivery",
                Effect: "Allow",
                Principal: pulumi.all([region.region, partition.partition]).apply(([r, p]) => elbLogDeliveryPrincipal(r, p)),
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`${bucket.arn}/${keyPrefix}AWSLogs/${caller.accountId}/*`,
            },
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    });
}
