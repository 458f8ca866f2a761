import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const table = (name: string, args: Partial<aws.dynamodb.TableArgs> = {}) =>
    new aws.dynamodb.Table(name, { billingMode: "PAY_PER_REQUEST", hashKey: "pk", attributes: [{ name: "pk", type: "S" }], ...args });

describe("dynamodb-pitr and dynamodb-deletion-protection (analyzer)", () => {
    it("pass a table with PITR and deletion protection", async () => {
        const report = await analyzeInline(() => {
            table("orders", { pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true });
        });
        assert.deepEqual(violationsOf(report, "dynamodb-pitr"), []);
        assert.deepEqual(violationsOf(report, "dynamodb-deletion-protection"), []);
    });

    it("flag a table without either: PITR mandatory, deletion protection advisory", async () => {
        const report = await analyzeInline(() => {
            table("orders");
            table("explicit-off", { pointInTimeRecovery: { enabled: false }, deletionProtectionEnabled: false });
        });
        const pitr = violationsOf(report, "dynamodb-pitr").sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(pitr.map((x) => [x.name, x.enforcementLevel]), [["explicit-off", "mandatory"], ["orders", "mandatory"]]);
        assert.match(pitr[0].message, /point-in-time recovery is not enabled; set pointInTimeRecovery: \{ enabled: true \}/);
        const dp = violationsOf(report, "dynamodb-deletion-protection");
        assert.deepEqual(dp.map((x) => x.enforcementLevel), ["advisory", "advisory"]);
        assert.match(dp[0].message, /deletionProtectionEnabled: true/);
    });

    it("flag a too-short recovery period against minRecoveryPeriodDays", async () => {
        const report = await analyzeInline(
            () => {
                table("short", { pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 3 } });
            },
            { policyConfig: { "dynamodb-pitr": { enforcementLevel: "mandatory", minRecoveryPeriodDays: 7 } } },
        );
        assert.match(violationsOf(report, "dynamodb-pitr")[0].message, /recoveryPeriodInDays is 3; set it to at least 7/);
    });

    it("decide nothing, once, when PITR comes from an unknown value; deletion protection disabled in development", async () => {
        const report = await analyzeInline(
            () => {
                const q = new aws.sqs.Queue("q", {});
                table("computed", { pointInTimeRecovery: { enabled: q.arn.apply((arn) => arn.length > 0) } });
            },
            { stackTags: { "faultguard:profile": "development" } },
        );
        assert.deepEqual(violationsOf(report, "dynamodb-pitr"), []);
        assert.deepEqual(notEvaluatedOf(report, "dynamodb-pitr").map((x) => x.name), ["computed"]);
        assert.deepEqual(violationsOf(report, "dynamodb-deletion-protection"), []);
    });
});
