// Compliant by construction: every component with minimal args, previewed through the real
// faultguard-aws pack (production profile, the default) as on a brand-new stack, has zero
// violations, mandatory or advisory, and nothing left "not evaluated". Runs against whatever rules
// the pack has when the test runs.
import assert from "node:assert/strict";
import { AlarmTopic, ReplicatedDatabase } from "../../components";
import { analyzeInline } from "../support/analyze";
import { type Finding } from "../../preview/src/report/model";
import { minimalDatabase, minimalNetwork, minimalService, minimalWebTier, minimalWorker } from "./fixtures";

function describeFindings(findings: Finding[]): string {
    return findings.map((f) => `  [${f.enforcementLevel}] ${f.policy} on ${f.type} "${f.name}": ${f.message.split("\n").slice(1).join(" ") || f.message}`).join("\n");
}

const programs: Record<string, () => void> = {
    AlarmTopic: () => {
        new AlarmTopic("ops");
    },
    MultiAzNetwork: () => {
        minimalNetwork();
    },
    LoadBalancedAutoScalingGroup: () => {
        minimalWebTier(minimalNetwork());
    },
    HealthCheckedService: () => {
        minimalService(minimalNetwork());
    },
    "ReplicatedDatabase (Multi-AZ instance)": () => {
        const net = minimalNetwork();
        minimalDatabase(net, minimalService(net).taskSecurityGroup.id);
    },
    "ReplicatedDatabase (Aurora)": () => {
        const net = minimalNetwork();
        const svc = minimalService(net);
        new ReplicatedDatabase("aurora", { engine: "mysql", topology: "aurora", vpcId: net.vpcId, subnetIds: net.privateSubnetIds, allowedSecurityGroupIds: [svc.taskSecurityGroup.id] });
    },
    QueueWorker: () => {
        minimalWorker();
    },
};

describe("components are compliant by construction (faultguard-aws, production profile)", function () {
    this.timeout(240_000);
    for (const [component, program] of Object.entries(programs)) {
        it(`${component} with minimal args has zero violations`, async () => {
            const report = await analyzeInline(program, { config: { "aws:region": "us-east-1" } });
            assert.ok(report.resourceCount > 1, "the program registered resources");
            assert.equal(report.violations.length, 0, `violations:\n${describeFindings(report.violations)}`);
            // Decisive in a first preview too: the components keep every checked value known (e.g. the
            // DLQ is named before deployment, so the redrive policy can be read).
            assert.equal(report.notEvaluated.length, 0, `not evaluated:\n${describeFindings(report.notEvaluated)}`);
        });
    }
});

describe("the compliance check is not vacuous", function () {
    this.timeout(240_000);
    it("development-profile components (one NAT gateway, one instance) are flagged in the production profile", async () => {
        const { LoadBalancedAutoScalingGroup, MultiAzNetwork } = await import("../../components");
        const report = await analyzeInline(
            () => {
                const net = new MultiAzNetwork("net", { profile: "development" });
                new LoadBalancedAutoScalingGroup("web", { profile: "development", vpcId: net.vpcId, publicSubnetIds: net.publicSubnetIds, privateSubnetIds: net.privateSubnetIds });
            },
            { config: { "aws:region": "us-east-1" } },
        );
        const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
        assert.ok(mandatory.some((v) => v.type === "aws:autoscaling/group:Group"), `expected the one-instance group to be flagged, got:\n${describeFindings(report.violations)}`);
        assert.ok(mandatory.some((v) => v.policy === "nat-per-az"), `expected the shared NAT gateway to be flagged, got:\n${describeFindings(report.violations)}`);
    });
});
