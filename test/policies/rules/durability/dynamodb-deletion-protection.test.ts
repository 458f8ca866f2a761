import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const table = (name: string, args: Partial<aws.dynamodb.TableArgs> = {}) =>
    new aws.dynamodb.Table(name, { billingMode: "PAY_PER_REQUEST", hashKey: "pk", attributes: [{ name: "pk", type: "S" }], ...args });

const RULE = "dynamodb-deletion-protection";

describe(`${RULE} (analyzer)`, () => {
    it("passes a protected table and flags unprotected ones (advisory)", async () => {
        const report = await analyzeInline(() => {
            table("protected", { deletionProtectionEnabled: true });
            table("orders");
            table("explicit-off", { deletionProtectionEnabled: false });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["explicit-off", "advisory"], ["orders", "advisory"]]);
        assert.match(v[0].message, /set deletionProtectionEnabled: true/);
    });

    it("is disabled in development", async () => {
        const report = await analyzeInline(() => table("orders"), { stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("reports one could-not-evaluate advisory when the flag is computed", async () => {
        const report = await analyzeInline(() => {
            const q = new aws.sqs.Queue("q", {});
            table("computed", { deletionProtectionEnabled: q.arn.apply((arn) => arn.length > 0) });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((x) => x.name), ["computed"]);
    });
});
