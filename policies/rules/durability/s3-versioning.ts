import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource, perGraph } from "../../lib/graph";
import { BUCKET_TYPES, bucketRoles } from "../../lib/links/buckets";
import { stackRule, unresolvable, violation } from "../../lib/rule";
import { asBoolean, asString } from "../../lib/values";

type Versioning = "enabled" | "unknown";

/** Buckets versioned through an aws.s3.BucketVersioning(V2) resource. */
const versioningIndex = perGraph((graph): Map<GraphResource, Versioning> => {
    const index = new Map<GraphResource, Versioning>();
    for (const v of graph.ofType(aws.s3.BucketVersioning, aws.s3.BucketVersioningV2)) {
        const status = v.read("versioningConfiguration.status");
        const state: Versioning | undefined = !status.known ? "unknown" : asString(status.value) === "Enabled" ? "enabled" : undefined;
        if (state === undefined) {
            continue;
        }
        for (const bucket of graph.resolve(v, "bucket", BUCKET_TYPES).targets) {
            if (index.get(bucket) !== "enabled") {
                index.set(bucket, state);
            }
        }
    }
    return index;
});

export const s3Versioning = stackRule({
    id: "s3-versioning",
    title: "S3 buckets that hold data keep object versions",
    pillar: "durability",
    description:
        "An S3 bucket has versioning enabled (`aws.s3.BucketVersioning` with status \"Enabled\", the legacy inline `versioning.enabled`, or `objectLockEnabled`). Buckets whose contents are not only in the bucket are not judged: log destinations (load balancer, CloudFront, S3 server access, VPC flow logs), buckets the program fills itself (`aws.s3.BucketObject`, synced folders) and buckets declared disposable with `forceDestroy: true`.",
    remediation: [
        "Keep previous versions, and expire them after a while to bound the cost:",
        "```ts",
        "new aws.s3.BucketVersioning(\"uploads\", { bucket: uploads.id, versioningConfiguration: { status: \"Enabled\" } });",
        "new aws.s3.BucketLifecycleConfiguration(\"uploads\", { bucket: uploads.id, rules: [{",
        "    id: \"expire-old-versions\", status: \"Enabled\", filter: {},",
        "    noncurrentVersionExpiration: { noncurrentDays: 30 },",
        "}] });",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: without versioning an overwrite or delete — an application bug, a bad deploy, a mistaken script — destroys the only copy of user data, and S3's durability does not help. Whether a bucket holds data that exists nowhere else is not always visible in the program, so the rule advises and skips buckets that are clearly not such.",
    byDefault: { shown: true, why: "Without versioning an overwrite or delete of user data cannot be undone." },
    resourceTypes: BUCKET_TYPES,
    anchors: {
        cdkNag: ["HIPAA.Security-S3BucketVersioningEnabled", "NIST.800.53.R5-S3BucketVersioningEnabled", "PCI.DSS.321-S3BucketVersioningEnabled"],
        checkov: ["CKV_AWS_21"],
        awsConfig: ["s3-bucket-versioning-enabled"],
        securityHub: ["S3.14"],
        wellArchitected: ["REL09-BP01"],
    },
    config: z.object({}),
    check(bucket, { graph }) {
        const roles = bucketRoles(graph);
        if (roles.logSinks.has(bucket) || roles.filledByProgram.has(bucket)) {
            return [];
        }
        const forceDestroy = bucket.read("forceDestroy");
        if (!forceDestroy.known) {
            return [unresolvable("forceDestroy")];
        }
        if (asBoolean(forceDestroy.value) === true) {
            return []; // The program declares the contents disposable.
        }
        const state = versioningIndex(graph).get(bucket);
        if (state === "enabled") {
            return [];
        }
        const inline = bucket.read("versioning.enabled");
        const lock = bucket.read("objectLockEnabled");
        if ((inline.known && asBoolean(inline.value) === true) || (lock.known && asBoolean(lock.value) === true)) {
            return [];
        }
        if (state === "unknown") {
            return [unresolvable("versioningConfiguration.status", "of the bucket's aws.s3.BucketVersioning")];
        }
        if (!inline.known) {
            return [unresolvable("versioning.enabled")];
        }
        return [violation("versioning is off, so an overwrite or delete destroys the only copy of each object; add an aws.s3.BucketVersioning with status \"Enabled\" (and a lifecycle rule expiring noncurrent versions), or set forceDestroy: true if the contents are disposable.")];
    },
});
