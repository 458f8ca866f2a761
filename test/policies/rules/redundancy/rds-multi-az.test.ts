import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyze, messages, outcomes } from "./fixtures";

const RULE = "rds-multi-az";
const base = { engine: "postgres", instanceClass: "db.t4g.medium", allocatedStorage: 20, username: "app", manageMasterUserPassword: true };

function program(): void {
    const primary = new aws.rds.Instance("primary", { ...base, multiAz: true });
    new aws.rds.Instance("single", base);
    new aws.rds.Instance("explicit-off", { ...base, multiAz: false });
    new aws.rds.Instance("replica", { instanceClass: "db.t4g.medium", replicateSourceDb: primary.identifier });
    new aws.rds.Instance("unknown", { ...base, multiAz: primary.id.apply(() => true) });
}

describe(`${RULE} (through the analyzer)`, () => {
    it("flags single-AZ instances, passes Multi-AZ, skips read replicas (source unknown in preview), one advisory for an unknown multiAz", async () => {
        const report = await analyze(program);
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation mandatory explicit-off", "violation mandatory single"]);
        assert.match(messages(report, RULE, "single")[0], /multiAz is unset \(false\); set multiAz: true/);
    });

    it("judges read replicas when checkReadReplicas is on; advisory in development", async () => {
        const report = await analyze(program, { policyConfig: { [RULE]: { checkReadReplicas: true } }, stackTags: { "faultguard:profile": "development" } });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory unknown", "violation advisory explicit-off", "violation advisory replica", "violation advisory single"]);
    });
});
