import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "asg-elb-health-check";

function group(name: string, args: Partial<aws.autoscaling.GroupArgs> = {}): aws.autoscaling.Group {
    return new aws.autoscaling.Group(name, {
        minSize: 2,
        maxSize: 4,
        vpcZoneIdentifiers: ["subnet-a", "subnet-b"],
        launchTemplate: { id: "lt-123", version: "$Latest" },
        ...args,
    });
}

function targetGroup(name: string): aws.lb.TargetGroup {
    return new aws.lb.TargetGroup(name, { port: 80, protocol: "HTTP", vpcId: "vpc-1", healthCheck: { path: "/health", matcher: "200" } });
}

describe(`${RULE} (analyzer)`, () => {
    it("passes a group attached to a target group created in the same program (ARN unknown) that uses ELB health checks", async () => {
        const report = await analyzeInline(() => {
            const tg = targetGroup("tg");
            group("web", { targetGroupArns: [tg.arn], healthCheckType: "ELB", healthCheckGracePeriod: 120 });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags, as mandatory, a group attached through targetGroupArns that keeps the EC2 default", async () => {
        const report = await analyzeInline(() => {
            const tg = targetGroup("tg");
            group("web", { targetGroupArns: [tg.arn] });
        });
        const v = violationsOf(report, RULE);
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["web", "mandatory"]]);
        assert.match(v[0].message, /healthCheckType is unset \(EC2\).*targetGroupArns.*healthCheckType: "ELB"/);
    });

    it("finds the attachment through aws.autoscaling.Attachment when the group's name is generated (unknown)", async () => {
        const report = await analyzeInline(() => {
            const tg = targetGroup("tg");
            const asg = group("web", { healthCheckType: "EC2" });
            new aws.autoscaling.Attachment("web-tg", { autoscalingGroupName: asg.name, lbTargetGroupArn: tg.arn });
        });
        const v = violationsOf(report, RULE);
        assert.deepEqual(v.map((x) => x.name), ["web"]);
        assert.match(v[0].message, /"EC2".*aws\.autoscaling\.Attachment web-tg/);
    });

    it("finds a TrafficSourceAttachment that names the group by a literal name, and a classic ELB via loadBalancers", async () => {
        const report = await analyzeInline(() => {
            const tg = targetGroup("tg");
            group("named", { name: "web-asg" });
            new aws.autoscaling.TrafficSourceAttachment("named-ts", {
                autoscalingGroupName: "web-asg",
                trafficSource: { identifier: tg.arn, type: "elbv2" },
            });
            group("classic", { loadBalancers: ["legacy-clb"], healthCheckType: "ELB" });
        });
        const v = violationsOf(report, RULE);
        assert.deepEqual(v.map((x) => x.name), ["named"]);
        assert.match(v[0].message, /TrafficSourceAttachment named-ts/);
    });

    it("requires VPC_LATTICE for a VPC Lattice traffic source", async () => {
        const report = await analyzeInline(() => {
            group("lattice", { trafficSources: [{ identifier: "arn:aws:vpc-lattice:eu-west-1:1:targetgroup/tg-1", type: "vpc-lattice" }], healthCheckType: "ELB" });
            group("lattice-ok", { trafficSources: [{ identifier: "arn:aws:vpc-lattice:eu-west-1:1:targetgroup/tg-2", type: "vpc-lattice" }], healthCheckType: "VPC_LATTICE" });
        });
        const v = violationsOf(report, RULE);
        assert.deepEqual(v.map((x) => x.name), ["lattice"]);
        assert.match(v[0].message, /"VPC_LATTICE"/);
    });

    it("flags a grace period of 0 but accepts an absent one (the provider default, 300 s)", async () => {
        const report = await analyzeInline(() => {
            group("zero", { targetGroupArns: ["arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/a/1"], healthCheckType: "ELB", healthCheckGracePeriod: 0 });
            group("absent", { targetGroupArns: ["arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/b/2"], healthCheckType: "ELB" });
        });
        const v = violationsOf(report, RULE);
        assert.deepEqual(v.map((x) => x.name), ["zero"]);
        assert.match(v[0].message, /healthCheckGracePeriod is 0 s/);
    });

    it("ignores groups that receive no load-balancer traffic (queue workers)", async () => {
        const report = await analyzeInline(() => {
            group("worker");
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("is advisory in the development profile", async () => {
        const report = await analyzeInline(
            () => {
                group("web", { targetGroupArns: ["arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/a/1"] });
            },
            { stackTags: { "faultguard:profile": "development" } },
        );
        assert.deepEqual(violationsOf(report, RULE).map((x) => [x.name, x.enforcementLevel]), [["web", "advisory"]]);
    });
});
