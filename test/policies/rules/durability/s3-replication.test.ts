import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline as analyzeInlineDefault, notEvaluatedOf, violationsOf, type AnalyzeInlineOptions } from "../../../support/analyze";

/** The rule is opt-in (issue 14): these tests run it under the thorough profile, which turns opt-in rules on. */
function analyzeInline(program: () => unknown, options: AnalyzeInlineOptions = {}) {
    return analyzeInlineDefault(program, { stackTags: { "faultguard:profile": "thorough" }, ...options });
}

const RULE = "s3-replication";

describe(`${RULE} (analyzer)`, () => {
    it("passes a bucket replicated by a BucketReplicationConfig created alongside (names unknown) and exempts its destination", async () => {
        const report = await analyzeInline(() => {
            const source = new aws.s3.Bucket("data", {});
            const replica = new aws.s3.Bucket("data-replica", { region: "us-east-1" });
            new aws.s3.BucketReplicationConfig("data", {
                bucket: source.id,
                role: "arn:aws:iam::1:role/replication",
                rules: [{ id: "all", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" }, destination: { bucket: replica.arn } }],
            });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("exempts log buckets: targets of load balancer access logs and S3 server access logging (names unknown)", async () => {
        const report = await analyzeInline(() => {
            const lbLogs = new aws.s3.Bucket("lb-logs", {});
            new aws.lb.LoadBalancer("web", { subnets: ["subnet-a", "subnet-b"], accessLogs: { bucket: lbLogs.id, enabled: true } });
            const accessLogs = new aws.s3.Bucket("access-logs", {});
            const data = new aws.s3.Bucket("data", {});
            new aws.s3.BucketLogging("data", { bucket: data.id, targetBucket: accessLogs.id, targetPrefix: "data/" });
        });
        assert.deepEqual(violationsOf(report, RULE).map((x) => x.name), ["data"]);
    });

    it("flags (advisory) a bucket without replication and one whose only rule is disabled", async () => {
        const report = await analyzeInline(() => {
            new aws.s3.Bucket("plain", {});
            new aws.s3.Bucket("paused", { bucket: "paused-bucket" });
            new aws.s3.BucketReplicationConfig("paused", {
                bucket: "paused-bucket",
                role: "arn:aws:iam::1:role/replication",
                rules: [{ id: "all", status: "Disabled", destination: { bucket: "arn:aws:s3:::elsewhere" } }],
            });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["paused", "advisory"], ["plain", "advisory"]]);
        assert.match(v[0].message, /no enabled replication rule/);
    });

    it("is disabled in the development profile", async () => {
        const report = await analyzeInline(() => new aws.s3.Bucket("plain", {}), { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(violationsOf(report, RULE), []);
    });
});
