import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_SSL_POLICY, LoadBalancedAutoScalingGroup } from "../../components";
import { minimalNetwork, minimalWebTier } from "./fixtures";
import { alarmsOn, argsErrorOf, byUrn, capture, type CapturedResource, type CapturedStack, dependsVia, named, ofType, one } from "./support";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

/** Existing subnets by ID: two AZs. */
const SUBNETS = { vpcId: "vpc-1", publicSubnetIds: ["subnet-pub-a", "subnet-pub-b"], privateSubnetIds: ["subnet-priv-a", "subnet-priv-b"] };

function metricOf(alarm: CapturedResource): string {
    return String(alarm.inputs.metricName);
}

describe("LoadBalancedAutoScalingGroup", () => {
    let stack: CapturedStack;
    before(async () => {
        stack = await capture(() => void minimalWebTier(minimalNetwork()));
    });

    const privateSubnetUrns = () => ofType(stack, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("private")).map((s) => s.urn);
    const publicSubnetUrns = () => ofType(stack, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("public")).map((s) => s.urn);

    it("puts the ALB in the public subnets of every AZ with an explicit idle timeout, deletion protection, header hygiene and access logs", () => {
        const alb = one(stack, "aws:lb/loadBalancer:LoadBalancer");
        assert.deepEqual(dependsVia(alb, "subnets").sort(), publicSubnetUrns().sort());
        assert.equal(alb.inputs.idleTimeout, 60);
        assert.equal(alb.inputs.enableDeletionProtection, true);
        assert.equal(alb.inputs.dropInvalidHeaderFields, true);
        assert.equal(alb.inputs.internal, false);
        assert.equal((alb.inputs.accessLogs as { enabled: boolean }).enabled, true);
        assert.deepEqual(dependsVia(alb, "accessLogs"), [named(stack, "aws:s3/bucket:Bucket", "web-access-logs").urn]);
    });

    it("without a certificate: a single plain HTTP listener forwarding to the target group", () => {
        const listener = one(stack, "aws:lb/listener:Listener");
        assert.equal(listener.inputs.port, 80);
        assert.equal(listener.inputs.protocol, "HTTP");
        assert.equal((listener.inputs.defaultActions as { type: string }[])[0].type, "forward");
    });

    it("health-checks targets explicitly, with timeout below interval", () => {
        const hc = one(stack, "aws:lb/targetGroup:TargetGroup").inputs.healthCheck as Record<string, unknown>;
        assert.deepEqual(
            { path: hc.path, matcher: hc.matcher, interval: hc.interval, timeout: hc.timeout, healthy: hc.healthyThreshold, unhealthy: hc.unhealthyThreshold },
            { path: "/health", matcher: "200-399", interval: 15, timeout: 5, healthy: 3, unhealthy: 3 },
        );
    });

    it("runs the group in the private subnets of every AZ, ELB health checks with a grace period, minSize = AZ count", () => {
        const asg = one(stack, "aws:autoscaling/group:Group");
        assert.deepEqual(dependsVia(asg, "vpcZoneIdentifiers").sort(), privateSubnetUrns().sort());
        assert.equal(asg.inputs.minSize, 3);
        assert.equal(asg.inputs.maxSize, 6);
        assert.equal(asg.inputs.healthCheckType, "ELB");
        assert.ok(Number(asg.inputs.healthCheckGracePeriod) >= 15 * 3);
        assert.deepEqual(dependsVia(asg, "targetGroupArns"), [one(stack, "aws:lb/targetGroup:TargetGroup").urn]);
        const overrides = (asg.inputs.mixedInstancesPolicy as { launchTemplate: { overrides: { instanceType: string }[] } }).launchTemplate.overrides;
        assert.deepEqual(overrides.map((o) => o.instanceType), ["m7i.large", "m6i.large"]);
    });

    it("rolls out with instance refresh that rolls back automatically on the 5xx and unhealthy-host alarms", () => {
        const asg = one(stack, "aws:autoscaling/group:Group");
        const refresh = asg.inputs.instanceRefresh as { strategy: string; preferences: { autoRollback: boolean; minHealthyPercentage: number } };
        assert.equal(refresh.strategy, "Rolling");
        assert.equal(refresh.preferences.autoRollback, true);
        assert.equal(refresh.preferences.minHealthyPercentage, 100);
        const rollbackAlarms = dependsVia(asg, "instanceRefresh").map((urn) => byUrn(stack, urn)).filter((r) => r.type === ALARM);
        assert.deepEqual(rollbackAlarms.map(metricOf).sort(), ["HTTPCode_Target_5XX_Count", "UnHealthyHostCount"]);
    });

    it("launches with IMDSv2 required, an encrypted gp3 root volume and detailed monitoring", () => {
        const lt = one(stack, "aws:ec2/launchTemplate:LaunchTemplate");
        const metadata = lt.inputs.metadataOptions as Record<string, unknown>;
        assert.equal(metadata.httpTokens, "required");
        assert.equal(metadata.httpPutResponseHopLimit, 1);
        const [root] = lt.inputs.blockDeviceMappings as { deviceName: string; ebs: Record<string, unknown> }[];
        assert.equal(root.deviceName, "/dev/xvda");
        assert.equal(root.ebs.encrypted, "true");
        assert.equal(root.ebs.volumeType, "gp3");
        assert.deepEqual(lt.inputs.monitoring, { enabled: true });
    });

    it("scales with target tracking on CPU", () => {
        const policy = one(stack, "aws:autoscaling/policy:Policy");
        assert.equal(policy.inputs.policyType, "TargetTrackingScaling");
        assert.deepEqual((policy.inputs.targetTrackingConfiguration as Record<string, unknown>).targetValue, 50);
    });

    it("alarms on 5xx, unhealthy hosts, latency and in-service instances, each with actions and linked to its resource", () => {
        const tg = one(stack, "aws:lb/targetGroup:TargetGroup");
        const asg = one(stack, "aws:autoscaling/group:Group");
        const alb = one(stack, "aws:lb/loadBalancer:LoadBalancer");
        assert.deepEqual(alarmsOn(stack, tg).map(metricOf).sort(), ["HTTPCode_Target_5XX_Count", "TargetResponseTime", "UnHealthyHostCount"]);
        assert.deepEqual(alarmsOn(stack, asg).map(metricOf), ["GroupInServiceInstances"]);
        assert.ok(alarmsOn(stack, alb).map(metricOf).includes("HTTPCode_ELB_5XX_Count"));
        const inService = alarmsOn(stack, asg)[0];
        assert.equal(inService.inputs.comparisonOperator, "LessThanThreshold");
        assert.equal(inService.inputs.threshold, 3);
        const topic = named(stack, "aws:sns/topic:Topic", "web-alarms-topic");
        for (const alarm of ofType(stack, ALARM)) {
            assert.equal(alarm.inputs.actionsEnabled, true, alarm.name);
            assert.equal((alarm.inputs.alarmActions as unknown[]).length, 1, alarm.name);
            assert.deepEqual(dependsVia(alarm, "alarmActions"), [topic.urn], alarm.name);
            assert.ok(["notBreaching", "breaching", "missing"].includes(String(alarm.inputs.treatMissingData)), alarm.name);
        }
    });

    it("publishes launch and terminate events (and their failures) to the alarm topic", () => {
        const notification = one(stack, "aws:autoscaling/notification:Notification");
        assert.deepEqual(dependsVia(notification, "groupNames"), [one(stack, "aws:autoscaling/group:Group").urn]);
        assert.deepEqual(dependsVia(notification, "topicArn"), [named(stack, "aws:sns/topic:Topic", "web-alarms-topic").urn]);
        assert.ok((notification.inputs.notifications as string[]).includes("autoscaling:EC2_INSTANCE_LAUNCH_ERROR"));
    });

    it("opens only the listener ports to the world, and the instances only to the load balancer", () => {
        const albSg = named(stack, "aws:ec2/securityGroup:SecurityGroup", "web-alb");
        const instanceSg = named(stack, "aws:ec2/securityGroup:SecurityGroup", "web-targets");
        const ingressTo = (sg: CapturedResource) => ofType(stack, INGRESS).filter((r) => dependsVia(r, "securityGroupId").includes(sg.urn));
        assert.deepEqual(ingressTo(albSg).map((r) => [r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort]), [["0.0.0.0/0", 80, 80]]);
        const [fromAlb, ...others] = ingressTo(instanceSg);
        assert.deepEqual(others, []);
        assert.equal(fromAlb.inputs.cidrIpv4, undefined);
        assert.deepEqual(dependsVia(fromAlb, "referencedSecurityGroupId"), [albSg.urn]);
        assert.equal(fromAlb.inputs.fromPort, 80);
        const launchTemplate = one(stack, "aws:ec2/launchTemplate:LaunchTemplate");
        assert.deepEqual(dependsVia(launchTemplate, "vpcSecurityGroupIds"), [instanceSg.urn]);
    });

    it("with a certificate: HTTPS on a TLS 1.3 policy and an HTTP listener that only redirects", async () => {
        const tls = await capture(() => {
            new LoadBalancedAutoScalingGroup("web", {
                ...SUBNETS,
                loadBalancer: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
            });
        });
        const listeners = ofType(tls, "aws:lb/listener:Listener");
        const https = listeners.find((l) => l.inputs.port === 443);
        const http = listeners.find((l) => l.inputs.port === 80);
        assert.equal(https?.inputs.sslPolicy, DEFAULT_SSL_POLICY);
        assert.equal(https?.inputs.protocol, "HTTPS");
        const [redirect] = http?.inputs.defaultActions as { type: string; redirect: Record<string, string> }[];
        assert.deepEqual([redirect.type, redirect.redirect.protocol, redirect.redirect.statusCode], ["redirect", "HTTPS", "HTTP_301"]);
        const worldPorts = ofType(tls, INGRESS).filter((r) => r.inputs.cidrIpv4 === "0.0.0.0/0").map((r) => r.inputs.fromPort);
        assert.deepEqual(worldPorts.sort(), [443, 80]);
    });

    it("development profile: one instance, no deletion protection", async () => {
        const dev = await capture(() => void new LoadBalancedAutoScalingGroup("web", { profile: "development", ...SUBNETS }));
        assert.equal(one(dev, "aws:autoscaling/group:Group").inputs.minSize, 1);
        assert.equal(one(dev, "aws:lb/loadBalancer:LoadBalancer").inputs.enableDeletionProtection, false);
    });

    it("notifies the caller's topic instead of creating one", async () => {
        const topicArn = "arn:aws:sns:us-east-1:123456789012:ops";
        const own = await capture(() => void
            new LoadBalancedAutoScalingGroup("web", { ...SUBNETS, alarms: { topicArn } }),
        );
        assert.equal(ofType(own, "aws:sns/topic:Topic").length, 0);
        for (const alarm of ofType(own, ALARM)) assert.deepEqual(alarm.inputs.alarmActions, [topicArn]);
        assert.equal(one(own, "aws:autoscaling/group:Group").inputs.minSize, 2);
    });

    it("rejects broken invariants with one error listing every field and fix, registering nothing", async () => {
        const { error, registered } = await argsErrorOf(
            () =>
                new LoadBalancedAutoScalingGroup("web", {
                    vpcId: "vpc-1",
                    publicSubnetIds: ["subnet-a"],
                    privateSubnetIds: ["subnet-b", "subnet-c", "subnet-d"],
                    minSize: 2,
                    maxSize: 1,
                    healthCheckGracePeriodSeconds: 30,
                    healthCheck: { intervalSeconds: 10, timeoutSeconds: 10, healthyThreshold: 5 },
                    loadBalancer: { sslPolicy: "ELBSecurityPolicy-2016-08" },
                }),
        );
        assert.deepEqual(registered, []);
        const byPath = Object.fromEntries(error.problems.map((p) => [p.path, p.message]));
        assert.match(byPath.publicSubnetIds, /needs subnets in at least 2 availability zones; pass one public subnet per AZ/);
        assert.match(byPath.minSize, /must be at least the number of AZs \(3\)/);
        assert.match(byPath.maxSize, /must be at least minSize/);
        assert.match(byPath.healthCheckGracePeriodSeconds, /intervalSeconds × healthCheck\.healthyThreshold \(50s\)/);
        assert.match(byPath["healthCheck.timeoutSeconds"], /must be less than intervalSeconds/);
        assert.match(byPath["loadBalancer.sslPolicy"], /TLS 1\.3 policy/);
    });

    it("checks subnet lists that are only known at deployment time when they resolve, failing the deployment clearly", async () => {
        const ok = await capture(() => void new LoadBalancedAutoScalingGroup("web", { ...SUBNETS, privateSubnetIds: pulumi.output(["subnet-a", "subnet-b"]) }));
        assert.deepEqual(one(ok, "aws:autoscaling/group:Group").inputs.vpcZoneIdentifiers, ["subnet-a", "subnet-b"]);
        await assert.rejects(
            capture(() => void new LoadBalancedAutoScalingGroup("web", { ...SUBNETS, privateSubnetIds: pulumi.output(["subnet-a", "subnet-a"]) })),
            /invalid arguments for faultguard:aws:LoadBalancedAutoScalingGroup "web" \(1 problem\):\n {2}- privateSubnetIds: needs subnets in at least 2 availability zones \(got 1\)/,
        );
    });

    it("rejects a single private subnet in production", async () => {
        const { error, registered } = await argsErrorOf(() => new LoadBalancedAutoScalingGroup("web", { vpcId: "vpc-1", publicSubnetIds: ["subnet-a", "subnet-b"], privateSubnetIds: ["subnet-c"] }));
        assert.deepEqual(registered, []);
        assert.deepEqual(error.problems.map((p) => p.path), ["privateSubnetIds"]);
        assert.match(error.message, /use profile "development"/);
    });
});
