import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { findExemption, isCalendarDate } from "../../../policies/lib/exemptions";
import { settingsSchema } from "../../../policies/lib/settings";
import { analyze } from "../rules/redundancy/fixtures";

const subject = (tags: Record<string, string> = {}) => ({
    urn: "urn:pulumi:prod::shop::aws:sqs/queue:Queue::legacy-orders",
    name: "legacy-orders",
    type: "aws:sqs/queue:Queue",
    tags,
});

describe("policies/lib/exemptions", () => {
    it("reads a reason and an optional expiry from the resource tag", () => {
        const ex = findExemption("sqs-dlq", subject({ "faultguard:exempt:sqs-dlq": "replayed from S3 nightly expires=2027-03-01" }), [], "2026-11-27");
        assert.deepEqual(ex, { status: "active", reason: "replayed from S3 nightly", expires: "2027-03-01", source: "tag faultguard:exempt:sqs-dlq" });
    });

    it("turns an expired exemption back into a finding", () => {
        const ex = findExemption("sqs-dlq", subject({ "faultguard:exempt:sqs-dlq": "temporary expires=2026-01-01" }), [], "2026-11-27");
        assert.equal(ex.status, "expired");
    });

    it("matches settings exemptions by URN glob, name and rule glob", () => {
        const byGlob = findExemption("sqs-dlq", subject(), [{ rule: "sqs-*", resource: "*::legacy-*", reason: "migrating" }], "2026-11-27");
        assert.equal(byGlob.status, "active");
        const byName = findExemption("sqs-dlq", subject(), [{ rule: "sqs-dlq", resource: "legacy-orders", reason: "migrating" }], "2026-11-27");
        assert.equal(byName.status, "active");
        const other = findExemption("lambda-timeout", subject(), [{ rule: "sqs-dlq", resource: "legacy-orders", reason: "migrating" }], "2026-11-27");
        assert.equal(other.status, "none");
    });

    // Issue 11 item 11: a malformed exemption is rejected and reported, never widened into a permanent one.
    it("rejects a tag whose expiry is in another format, not at the end, or impossible, and a missing reason", () => {
        const rejected = (value: string) => findExemption("sqs-dlq", subject({ "faultguard:exempt:sqs-dlq": value }), [], "2026-11-27");
        for (const value of ["legacy expires=31-12-2020", "legacy expires=2020/01/01", "legacy expires=2099-12-31 until the migration", "legacy expires=2026-13-45", "legacy, expires 2020-01-01", "expires=2099-12-31", "  ", "", "ok expires=2099-12-31"]) {
            const ex = rejected(value);
            assert.equal(ex.status, "rejected", `tag value ${JSON.stringify(value)} must be rejected, got ${JSON.stringify(ex)}`);
        }
        assert.match(JSON.stringify(rejected("legacy expires=2026-13-45")), /expires=2026-13-45 is not a date; write expires=YYYY-MM-DD/);
        assert.match(JSON.stringify(rejected("expires=2099-12-31")), /give a reason/);
        assert.deepEqual(rejected("moving to the new queue expires=2099-12-31"), { status: "active", reason: "moving to the new queue", expires: "2099-12-31", source: "tag faultguard:exempt:sqs-dlq" });
    });

    it("rejects impossible dates and blank reasons in settings exemptions", () => {
        assert.equal(isCalendarDate("2028-02-29"), true);
        assert.equal(isCalendarDate("2027-02-29"), false);
        const parse = (e: object) => settingsSchema.safeParse({ exemptions: [{ rule: "sqs-dlq", resource: "*", ...e }] }).success;
        assert.equal(parse({ reason: "migrating", expires: "2099-12-31" }), true);
        assert.equal(parse({ reason: "migrating", expires: "2026-13-45" }), false);
        assert.equal(parse({ reason: "    " }), false);
    });

    it("keeps the finding a violation through the pack, says why the exemption was not applied, and reports a valid one's reason alone (items 11, 16)", async function () {
        this.timeout(120_000);
        const report = await analyze(() => {
            new aws.lambda.Function("expiry-misread", { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.FileArchive("."), tags: { "faultguard:exempt:lambda-timeout": "batch job expires=31-12-2020" } });
            new aws.lambda.Function("exempted", { role: "arn:aws:iam::123456789012:role/r", runtime: "nodejs20.x", handler: "index.handler", code: new pulumi.asset.FileArchive("."), tags: { "faultguard:exempt:lambda-timeout": "batch job, owner ops expires=2099-12-31" } });
        });
        const misread = report.violations.filter((f) => f.policy === "lambda-timeout" && f.name === "expiry-misread");
        assert.equal(misread.length, 1);
        assert.equal(misread[0].enforcementLevel, "mandatory");
        assert.match(misread[0].message, /exemption not applied: tag faultguard:exempt:lambda-timeout: expires=31-12-2020 is not a date/);
        const exempted = report.exempted.filter((f) => f.policy === "lambda-timeout");
        assert.deepEqual(exempted.map((f) => [f.name, f.reason]), [["exempted", "batch job, owner ops"]]);
    });
});
