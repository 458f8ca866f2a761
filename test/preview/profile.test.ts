// Issue 11 item 3: what the user configured always wins over the profile. The pack advertises the
// stack's profile's levels in GetAnalyzerInfo (after ConfigureStack, as the engine orders them:
// pkg/resource/plugin/analyzer_plugin.go NewPolicyAnalyzer, pkg/engine/update.go), so the engine's
// reconciled config (pkg/resource/analyzer/config.go) holds either the user's level or the
// profile's own. Checked the same way through the in-process pack, a pack process, and
// `faultguard preview` on a program with Pulumi.<stack>.yaml and a --policy-pack-config file.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import { type PolicyConfigInput } from "../../preview/src/analyzer/config";
import { runPreview } from "../../preview/src/preview";
import { type Report } from "../../preview/src/report/model";
import { analyzeInline, sharedPack } from "../support/analyze";

const PROGRAM = path.resolve(__dirname, "..", "fixtures", "preview", "programs", "profile");
const RULE = "rds-multi-az";
const DEV_TAG = { "faultguard:profile": "development" };

function singleAzDatabase(): void {
    new aws.rds.Instance("db", { instanceClass: "db.t4g.medium", engine: "postgres", allocatedStorage: 20, multiAz: false });
}

function levels(report: Report, policy = RULE): string[] {
    return report.violations.filter((v) => v.policy === policy).map((v) => v.enforcementLevel);
}

describe("profiles: an explicit enforcement level always wins (issue 11 item 3)", function () {
    this.timeout(300_000);

    before(async function () {
        await sharedPack();
    });

    for (const inProcess of [true, false]) {
        describe(inProcess ? "in-process pack" : "pack process (gRPC, as the engine runs it)", () => {
            it("development relaxes rds-multi-az to advisory, by stack tag or stack config", async () => {
                assert.deepEqual(levels(await analyzeInline(singleAzDatabase, { inProcess })), ["mandatory"]);
                assert.deepEqual(levels(await analyzeInline(singleAzDatabase, { inProcess, stackTags: DEV_TAG })), ["advisory"]);
                assert.deepEqual(levels(await analyzeInline(singleAzDatabase, { inProcess, config: DEV_TAG })), ["advisory"]);
            });

            it("regression: {\"rds-multi-az\": \"mandatory\"} on a development stack stays mandatory (was advisory)", async () => {
                const policyConfig: PolicyConfigInput = { [RULE]: "mandatory" };
                assert.deepEqual(levels(await analyzeInline(singleAzDatabase, { inProcess, stackTags: DEV_TAG, policyConfig })), ["mandatory"]);
                assert.deepEqual(levels(await analyzeInline(singleAzDatabase, { inProcess, config: DEV_TAG, policyConfig: { all: "mandatory" } })), ["mandatory"]);
                assert.deepEqual(levels(await analyzeInline(singleAzDatabase, { inProcess, policyConfig: { [RULE]: "advisory" } })), ["advisory"]);
            });

            it("a profile in the policy config is refused with where to set it", async () => {
                const report = await analyzeInline(singleAzDatabase, { inProcess, policyConfig: { "faultguard-settings": { profile: "development" } } });
                const refused = report.violations.filter((v) => v.policy === "faultguard-settings");
                assert.equal(refused.length, 1, JSON.stringify(report.violations));
                assert.equal(refused[0].enforcementLevel, "mandatory");
                assert.match(refused[0].message, /pulumi config set faultguard:profile development/);
                assert.deepEqual(levels(report), ["mandatory"]);
            });
        });
    }

    describe("faultguard preview (Pulumi.<stack>.yaml, --policy-pack-config)", () => {
        let dir: string;
        before(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "faultguard-profile-"));
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        async function preview(stack: string, policyConfig?: PolicyConfigInput): Promise<Report> {
            const configFile = path.join(dir, `${stack}-policy-config.json`);
            if (policyConfig) fs.writeFileSync(configFile, JSON.stringify(policyConfig));
            const result = await runPreview({ programDir: PROGRAM, stack, policyPackConfigs: policyConfig ? [configFile] : [], onProgramOutput: () => undefined });
            return result.report;
        }

        it("regression: stack config faultguard:profile: development with the user's \"mandatory\" keeps the rule mandatory", async () => {
            assert.deepEqual(levels(await preview("dev", { [RULE]: { enforcementLevel: "mandatory" } })), ["mandatory"]);
        });

        it("the stack tag (pulumi:tags) selects development, which relaxes the rule", async () => {
            assert.deepEqual(levels(await preview("tagged")), ["advisory"]);
        });
    });
});
