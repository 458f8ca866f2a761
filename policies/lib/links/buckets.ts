// What a bucket is for, as far as the stack shows it: where other resources deliver logs, and which
// buckets the program fills itself (objects it uploads, folders it syncs from the repository), whose
// contents are rebuilt from source rather than held only in the bucket.
import { aws } from "../aws-types";
import { type GraphResource, perGraph } from "../graph";

export const BUCKET_TYPES = [aws.s3.Bucket, aws.s3.BucketV2] as const;

/** Where resources name the bucket they deliver logs to. */
export const LOG_SINK_PATHS: ReadonlyArray<readonly [string, readonly string[]]> = [
    [aws.lb.LoadBalancer, ["accessLogs.bucket", "connectionLogs.bucket", "healthCheckLogs.bucket"]],
    [aws.alb.LoadBalancer, ["accessLogs.bucket", "connectionLogs.bucket", "healthCheckLogs.bucket"]],
    [aws.elb.LoadBalancer, ["accessLogs.bucket"]],
    [aws.s3.BucketLogging, ["targetBucket"]],
    [aws.s3.BucketLoggingV2, ["targetBucket"]],
    [aws.cloudfront.Distribution, ["loggingConfig.bucket"]],
    [aws.ec2.FlowLog, ["logDestination"]],
];

/** Objects a program uploads into a bucket. */
const OBJECT_TYPES = [aws.s3.BucketObject, aws.s3.BucketObjectv2] as const;
/** Components that sync a folder of the repository into a bucket (pulumi-synced-folder). */
const SYNCED_FOLDER_TYPES = ["synced-folder:index:S3BucketFolder"] as const;

export interface BucketRoles {
    logSinks: Set<GraphResource>;
    /** Buckets whose objects the program itself uploads or syncs: the repository holds the originals. */
    filledByProgram: Set<GraphResource>;
}

export const bucketRoles = perGraph((graph): BucketRoles => {
    const roles: BucketRoles = { logSinks: new Set(), filledByProgram: new Set() };
    for (const [type, paths] of LOG_SINK_PATHS) {
        for (const writer of graph.ofType(type)) {
            for (const path of paths) {
                graph.resolve(writer, path, BUCKET_TYPES).targets.forEach((b) => roles.logSinks.add(b));
            }
        }
    }
    for (const object of graph.ofType(...OBJECT_TYPES)) {
        graph.resolve(object, "bucket", BUCKET_TYPES).targets.forEach((b) => roles.filledByProgram.add(b));
    }
    for (const folder of graph.ofType(...SYNCED_FOLDER_TYPES)) {
        graph.resolve(folder, "bucketName", BUCKET_TYPES).targets.forEach((b) => roles.filledByProgram.add(b));
    }
    return roles;
});
