import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource, type StackGraph } from "../../lib/graph";
import { BUCKET_TYPES, LOG_SINK_PATHS } from "../../lib/links/buckets";
import { stackRule, unresolvable, violation } from "../../lib/rule";
import { asString, isRecord } from "../../lib/values";


interface ReplicationIndex {
    /** Buckets that are the source of an enabled replication rule (via aws.s3.BucketReplicationConfig). */
    replicated: Set<GraphResource>;
    /** Buckets whose replication config exists but whose rule statuses are unknown in preview. */
    unknownStatus: Set<GraphResource>;
    /** Buckets that receive replicated objects: copies, not originals. */
    destinations: Set<GraphResource>;
    /** Buckets other resources write logs to: their data is a by-product, not worth a second region. */
    logSinks: Set<GraphResource>;
}

const indexes = new WeakMap<StackGraph, ReplicationIndex>();

/** "Enabled" on any rule → true; none enabled → false; a status unknown → undefined. */
function anyRuleEnabled(rules: unknown): boolean | undefined {
    if (!Array.isArray(rules)) {
        return false;
    }
    let unknown = false;
    for (const rule of rules) {
        const status = isRecord(rule) ? rule["status"] : undefined;
        const s = asString(status);
        if (s === "Enabled") {
            return true;
        }
        if (s === undefined && status !== undefined) {
            unknown = true;
        }
    }
    return unknown ? undefined : false;
}

function replicationIndex(graph: StackGraph): ReplicationIndex {
    let index = indexes.get(graph);
    if (index) {
        return index;
    }
    index = { replicated: new Set(), unknownStatus: new Set(), destinations: new Set(), logSinks: new Set() };
    for (const [type, paths] of LOG_SINK_PATHS) {
        for (const writer of graph.ofType(type)) {
            for (const path of paths) {
                graph.resolve(writer, path, BUCKET_TYPES).targets.forEach((b) => index!.logSinks.add(b));
            }
        }
    }
    for (const cfg of graph.ofType(aws.s3.BucketReplicationConfig)) {
        const rules = cfg.read("rules");
        const enabled = rules.known ? anyRuleEnabled(rules.value) : undefined;
        for (const bucket of graph.resolve(cfg, "bucket", BUCKET_TYPES).targets) {
            if (enabled === true) {
                index.replicated.add(bucket);
            } else if (enabled === undefined) {
                index.unknownStatus.add(bucket);
            }
        }
        // Destinations: by known ARN, or through the edges of `rules` when the ARN is unknown.
        if (rules.known && Array.isArray(rules.value)) {
            rules.value.forEach((rule, i) => {
                const arn = isRecord(rule) && isRecord(rule["destination"]) ? asString(rule["destination"]["bucket"]) : undefined;
                if (arn !== undefined) {
                    graph.findByValue(arn, BUCKET_TYPES).forEach((b) => index!.destinations.add(b));
                } else if (!cfg.read(`rules.${i}.destination.bucket`).known) {
                    (cfg.propertyDependencies["rules"] ?? []).filter((d) => BUCKET_TYPES.includes(d.type as (typeof BUCKET_TYPES)[number])).forEach((b) => index!.destinations.add(b));
                }
            });
        } else {
            (cfg.propertyDependencies["rules"] ?? []).filter((d) => BUCKET_TYPES.includes(d.type as (typeof BUCKET_TYPES)[number])).forEach((b) => index!.destinations.add(b));
        }
    }
    indexes.set(graph, index);
    return index;
}

export const s3Replication = stackRule({
    id: "s3-replication",
    title: "S3 buckets replicate to another region",
    pillar: "durability",
    description:
        "An S3 bucket has an enabled replication rule, through `aws.s3.BucketReplicationConfig` (or the legacy inline `replicationConfiguration`). Buckets that are themselves replication destinations, and log buckets (targets of load balancer, CloudFront, S3 server access or VPC flow logs), are exempt.",
    remediation: [
        "Replicate critical data to a bucket in another region (both buckets need versioning):",
        "```ts",
        "new aws.s3.BucketReplicationConfig(\"data\", {",
        "    bucket: data.id, role: replicationRole.arn,",
        "    rules: [{ id: \"all\", status: \"Enabled\", filter: {}, deleteMarkerReplication: { status: \"Enabled\" },",
        "              destination: { bucket: replica.arn, storageClass: \"STANDARD_IA\" } }],",
        "}, { dependsOn: [dataVersioning] });",
        "```",
        "Buckets whose data is disposable (build artefacts, caches): exempt them with the tag `faultguard:exempt:s3-replication`.",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory", development: "disabled" },
    rationale:
        "Advisory: S3 is already durable across zones within a region; cross-region copies protect against a regional outage or a compromised account, which matters only for data whose loss or unavailability is critical — a judgement the pack cannot make. Disabled in development.",
    byDefault: { shown: false, why: "Whether a bucket's data deserves a second region depends on its purpose (user data, caches, build artefacts, name-minting or synced-from-git buckets), which the pack cannot see; S3 is already durable across zones. Turn it on where buckets hold critical data." },
    resourceTypes: [aws.s3.Bucket, aws.s3.BucketV2],
    anchors: {
        cdkNag: ["HIPAA.Security-S3BucketReplicationEnabled", "NIST.800.53.R5-S3BucketReplicationEnabled", "PCI.DSS.321-S3BucketReplicationEnabled"],
        checkov: ["CKV_AWS_144"],
        awsConfig: ["s3-bucket-replication-enabled"],
        other: ["PCP aws-s3-bucket-enable-replication-configuration"],
        wellArchitected: ["REL09-BP01", "REL10-BP01", "REL13-BP02"],
    },
    config: z.object({}),
    check(bucket, { graph }) {
        const index = replicationIndex(graph);
        if (index.replicated.has(bucket) || index.destinations.has(bucket) || index.logSinks.has(bucket)) {
            return [];
        }
        const inline = bucket.read("replicationConfiguration");
        if (!inline.known) {
            return [unresolvable("replicationConfiguration")];
        }
        if (isRecord(inline.value)) {
            const enabled = anyRuleEnabled(inline.value["rules"]);
            if (enabled === true) {
                return [];
            }
            if (enabled === undefined) {
                return [unresolvable("replicationConfiguration.rules")];
            }
        }
        if (index.unknownStatus.has(bucket)) {
            return [unresolvable("rules", "the status of the bucket's replication rules")];
        }
        return [violation("no enabled replication rule copies this bucket to another region; add an aws.s3.BucketReplicationConfig (status \"Enabled\") to a bucket in another region, or exempt the bucket if its data is disposable.")];
    },
});
