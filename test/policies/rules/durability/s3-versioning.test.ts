import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyze, messages, outcomes } from "../redundancy/fixtures";

const RULE = "s3-versioning";

describe(`${RULE} (through the analyzer)`, () => {
    it("links BucketVersioning to its bucket on a new stack; skips log buckets, buckets the program fills and disposable buckets", async () => {
        const report = await analyze(() => {
            const uploads = new aws.s3.Bucket("uploads");
            new aws.s3.Bucket("documents");
            const versioned = new aws.s3.Bucket("versioned");
            new aws.s3.BucketVersioning("versioned", { bucket: versioned.id, versioningConfiguration: { status: "Enabled" } });
            const suspended = new aws.s3.Bucket("suspended");
            new aws.s3.BucketVersioning("suspended", { bucket: suspended.id, versioningConfiguration: { status: "Suspended" } });
            new aws.s3.Bucket("locked", { objectLockEnabled: true });
            const logs = new aws.s3.Bucket("access-logs");
            new aws.s3.BucketLogging("uploads-logging", { bucket: uploads.id, targetBucket: logs.id, targetPrefix: "uploads/" });
            const site = new aws.s3.Bucket("site");
            new aws.s3.BucketObject("index", { bucket: site.id, key: "index.html", content: "<h1>hi</h1>" });
            new aws.s3.Bucket("scratch", { forceDestroy: true });
        });
        assert.deepEqual(outcomes(report, RULE), ["violation advisory documents", "violation advisory suspended", "violation advisory uploads"]);
        assert.match(messages(report, RULE, "uploads")[0], /versioning is off, so an overwrite or delete destroys the only copy/);
    });

    it("cannot decide a computed versioning status", async () => {
        const report = await analyze(() => {
            const b = new aws.s3.Bucket("data");
            new aws.s3.BucketVersioning("data", { bucket: b.id, versioningConfiguration: { status: pulumi.unknown as unknown as pulumi.Input<string> } });
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory data"]);
    });
});
