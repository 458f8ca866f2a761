import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const table = (name: string, args: Partial<aws.dynamodb.TableArgs> = {}) =>
    new aws.dynamodb.Table(name, { billingMode: "PAY_PER_REQUEST", hashKey: "pk", attributes: [{ name: "pk", type: "S" }], ...args });

const RULE = "dynamodb-pitr";

describe(`${RULE} (analyzer)`, () => {
    it("passes a table with PITR", async () => {
        const report = await analyzeInline(() => {
            table("orders", { pointInTimeRecovery: { enabled: true } });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags, as mandatory, a table without PITR and one with it explicitly off", async () => {
        const report = await analyzeInline(() => {
            table("orders");
            table("explicit-off", { pointInTimeRecovery: { enabled: false } });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["explicit-off", "mandatory"], ["orders", "mandatory"]]);
        assert.match(v[0].message, /point-in-time recovery is not enabled; set pointInTimeRecovery: \{ enabled: true \}/);
    });

    it("flags a too-short recovery period against minRecoveryPeriodDays", async () => {
        const report = await analyzeInline(
            () => {
                table("short", { pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 3 } });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "mandatory", minRecoveryPeriodDays: 7 } } },
        );
        assert.match(violationsOf(report, RULE)[0].message, /recoveryPeriodInDays is 3; set it to at least 7/);
    });

    it("decides nothing, once, when PITR comes from an unknown value; advisory in development", async () => {
        const report = await analyzeInline(
            () => {
                const q = new aws.sqs.Queue("q", {});
                table("computed", { pointInTimeRecovery: { enabled: q.arn.apply((arn) => arn.length > 0) } });
                table("plain");
            },
            { stackTags: { "faultguard:profile": "development" } },
        );
        assert.deepEqual(violationsOf(report, RULE).map((x) => [x.name, x.enforcementLevel]), [["plain", "advisory"]]);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((x) => x.name), ["computed"]);
    });

    it("requires PITR on every global-table replica too", async () => {
        const report = await analyzeInline(() => {
            const ddbStream = { streamEnabled: true, streamViewType: "NEW_AND_OLD_IMAGES" };
            table("global-ok", { ...ddbStream, pointInTimeRecovery: { enabled: true }, replicas: [{ regionName: "us-east-1", pointInTimeRecovery: true }] });
            table("global", { ...ddbStream, pointInTimeRecovery: { enabled: true }, replicas: [{ regionName: "us-east-1" }, { regionName: "eu-central-1", pointInTimeRecovery: true }] });
        });
        const v = violationsOf(report, RULE);
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["global", "mandatory"]]);
        assert.match(v[0].message, /global-table replica in us-east-1 has no point-in-time recovery/);
    });
});
