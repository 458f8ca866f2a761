import { strict as assert } from "node:assert";
import { findExemption } from "../../../policies/lib/exemptions";

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
});
