// The example application, captured in-process in preview mode (no policy pack): it is composed
// the way the README says — the database reachable only from the web tier, the web tier allowed to
// enqueue jobs and read the database secret, every alarm on the one topic — and it exports what a
// user needs.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { captureInline } from "../../preview/src/capture/inline";
import { type CapturedResource, type CapturedStack } from "../../preview/src/capture/types";

const STACKS = path.resolve(__dirname, "..", "..", "stacks");

function engineConfig(stack: string): Record<string, string> {
    const file = parse(fs.readFileSync(path.join(STACKS, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    return Object.fromEntries(Object.entries(file.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

describe("stacks/index.ts: the example application (prod, captured in preview mode)", function () {
    this.timeout(180_000);
    let stack: CapturedStack;
    let exported: Record<string, unknown>;

    before(async () => {
        stack = await captureInline(
            () => {
                // A fresh copy of the program module per capture, as `pulumi up` runs it once per process.
                const entry = require.resolve(STACKS);
                delete require.cache[entry];
                // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded inside the capture, as the Pulumi runtime loads a program
                exported = require(entry) as Record<string, unknown>;
            },
            { project: "faultguard-example", stack: "prod", config: engineConfig("prod") },
        );
    });

    const byName = (name: string): CapturedResource => {
        const r = stack.resources.find((x) => x.name === name);
        assert.ok(r, `no resource named ${name}`);
        return r;
    };
    const ofType = (type: string) => stack.resources.filter((r) => r.type === type);

    it("is built from the five components", () => {
        const components = stack.resources.filter((r) => r.type.startsWith("faultguard:aws:") && r.parent === stack.stackUrn).map((r) => `${r.type} ${r.name}`);
        assert.deepEqual(components.sort(), [
            "faultguard:aws:AlarmTopic alarms",
            "faultguard:aws:LoadBalancedAutoScalingGroup web",
            "faultguard:aws:MultiAzNetwork network",
            "faultguard:aws:QueueWorker jobs",
            "faultguard:aws:ReplicatedDatabase db",
        ]);
    });

    it("exports the URL, database endpoints and secret, queue URLs and alarm topic", () => {
        assert.deepEqual(Object.keys(exported).sort(), ["alarmTopicArn", "databaseEndpoint", "databaseReaderEndpoint", "databaseSecretArn", "deadLetterQueueUrl", "queueUrl", "url"]);
    });

    it("the database accepts connections only from the web tier's instance security group", () => {
        const dbSecurityGroup = stack.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.urn.includes("faultguard:aws:ReplicatedDatabase$"));
        assert.ok(dbSecurityGroup);
        assert.deepEqual(dbSecurityGroup.inputs.ingress ?? [], [], "no inline ingress rules");
        const rules = ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.propertyDependencies.securityGroupId?.includes(dbSecurityGroup.urn));
        assert.equal(rules.length, 1, "one ingress rule on the database security group");
        const webInstanceSg = stack.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.urn.includes("faultguard:aws:LoadBalancedAutoScalingGroup$") && r.name === "web-targets");
        assert.ok(webInstanceSg, `the web tier's instance security group (have: ${ofType("aws:ec2/securityGroup:SecurityGroup").map((r) => r.name).join(", ")})`);
        assert.deepEqual(rules[0].propertyDependencies.referencedSecurityGroupId, [webInstanceSg.urn]);
        assert.equal(rules[0].inputs.cidrIpv4, undefined, "no CIDR range can reach the database");
    });

    it("the web instances may send jobs and read the database secret, scoped to those two resources", () => {
        const policy = byName("web-app");
        assert.equal(policy.type, "aws:iam/rolePolicy:RolePolicy");
        const deps = policy.propertyDependencies.policy ?? [];
        assert.ok(deps.some((u) => u.endsWith("::jobs-queue")), "scoped to the jobs queue");
        assert.ok(deps.some((u) => u.endsWith("::db-primary")), "scoped to the database's secret");
        assert.ok(policy.propertyDependencies.role?.some((u) => u.endsWith("::web-instance")));
    });

    it("every alarm notifies the stack's one alarm topic", () => {
        const alarms = ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
        assert.ok(alarms.length >= 10, `${alarms.length} alarms`);
        const topic = stack.resources.find((r) => r.type === "aws:sns/topic:Topic");
        assert.ok(topic);
        assert.equal(ofType("aws:sns/topic:Topic").length, 1, "no component made its own topic");
        for (const alarm of alarms) assert.deepEqual(alarm.propertyDependencies.alarmActions, [topic.urn], alarm.name);
    });

    it("spreads over three AZs with a NAT gateway in each", () => {
        assert.equal(ofType("aws:ec2/natGateway:NatGateway").length, 3);
        assert.equal(ofType("aws:ec2/subnet:Subnet").length, 6);
        const asg = ofType("aws:autoscaling/group:Group");
        assert.equal(asg.length, 1);
        assert.equal(asg[0].inputs.minSize, 3);
        assert.equal(byName("db-primary").inputs.multiAz, true);
    });
});
