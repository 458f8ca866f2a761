// The in-process pack the rule tests use answers exactly as the pack process does: same findings,
// levels, messages, exemptions and "could not evaluate" results, for resource and stack rules,
// with unknowns, secrets, policy config and the development profile.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "node:assert";
import { type PreviewResult } from "../../../preview/src/report/model";
import { analyzeInlineDetailed, type AnalyzeInlineOptions, sharedPack } from "../../support/analyze";

const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") });

function mixedStack(): void {
    const dlq = new aws.sqs.Queue("orders-dlq", { messageRetentionSeconds: 1209600 });
    const orders = new aws.sqs.Queue("orders", { redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }), visibilityTimeoutSeconds: 10 });
    new aws.sqs.Queue("lonely", { tags: { "faultguard:exempt:sqs-dlq": "batch import, replayed from S3; expires=2099-12-31" } });
    const worker = new aws.lambda.Function("worker", { role: "arn:aws:iam::123456789012:role/worker", runtime: "nodejs20.x", handler: "index.handler", code, timeout: pulumi.secret(60) });
    new aws.lambda.EventSourceMapping("orders-worker", { eventSourceArn: orders.arn, functionName: worker.arn });
    new aws.lambda.Function("no-timeout", { role: "arn:aws:iam::123456789012:role/worker", runtime: "nodejs20.x", handler: "index.handler", code });
    new aws.autoscaling.Group("single-az", { minSize: 1, maxSize: 2, availabilityZones: ["us-east-1a"] });
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
    const subnet = new aws.ec2.Subnet("a", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
    new aws.lb.LoadBalancer("alb", { subnets: [subnet.id], loadBalancerType: "application" });
    new aws.rds.Instance("db", { instanceClass: "db.t3.micro", engine: "postgres", allocatedStorage: 20 });
}

/** The result without timings, which are the only thing allowed to differ. */
function comparable(result: PreviewResult): unknown {
    return JSON.parse(JSON.stringify(result, (key, value: unknown) => (key === "timings" || key.endsWith("Ms") ? undefined : value)));
}

async function bothWays(program: () => void, options: AnalyzeInlineOptions = {}): Promise<{ inProcess: unknown; process: unknown }> {
    const viaProcess = await analyzeInlineDetailed(program, { ...options, inProcess: false });
    const inProcess = await analyzeInlineDetailed(program, { ...options, inProcess: true });
    assert.ok(inProcess.report.violations.length > 0, "the stack has findings to compare");
    return { inProcess: comparable(inProcess.result), process: comparable(viaProcess.result) };
}

describe("in-process pack (rule test harness) = pack process", () => {
    before(async function () {
        // The pack process starts once (from TypeScript sources when bin/ is stale): not a test's time.
        this.timeout(240_000);
        await sharedPack();
    });

    it("gives the same result for a stack with resource and stack rules, unknowns, secrets and an exemption", async () => {
        const { inProcess, process } = await bothWays(mixedStack);
        assert.deepEqual(inProcess, process);
    });

    it("gives the same result under policy config and the development profile", async () => {
        const { inProcess, process } = await bothWays(mixedStack, {
            policyConfig: { "lambda-timeout": { enforcementLevel: "advisory", maxSeconds: 30 }, "rds-multi-az": "disabled" },
            stackTags: { "faultguard:profile": "development" },
        });
        assert.deepEqual(inProcess, process);
    });
});
