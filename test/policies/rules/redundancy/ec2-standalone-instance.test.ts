import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyze, messages, outcomes, subnetsIn } from "./fixtures";

const RULE = "ec2-standalone-instance";
const AMI = "ami-0123456789abcdef0";
const instance = (name: string, args: Partial<aws.ec2.InstanceArgs> = {}) => new aws.ec2.Instance(name, { ami: AMI, instanceType: "t3.micro", ...args });

describe(`${RULE} (through the analyzer)`, () => {
    it("flags a web server exposed directly (open security group, Elastic IP, DNS record) and one alone behind a target group; passes two instances in two zones behind one target group; ignores instances that serve nothing (new stack: every ID unknown)", async () => {
        const report = await analyze(() => {
            const { vpc, subnets: [a, b, a2] } = subnetsIn("net", ["us-east-1a", "us-east-1b", "us-east-1a"]);
            const web = new aws.ec2.SecurityGroup("web", { vpcId: vpc.id, ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }] });
            const ssh = new aws.ec2.SecurityGroup("ssh", { vpcId: vpc.id, ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
            instance("www", { subnetId: a.id, vpcSecurityGroupIds: [web.id] });
            instance("bastion", { subnetId: a.id, vpcSecurityGroupIds: [ssh.id] });
            instance("worker", { subnetId: b.id });
            const eipHost = instance("eip-host", { subnetId: a.id });
            new aws.ec2.Eip("eip", { instance: eipHost.id, domain: "vpc" });
            const dnsHost = instance("dns-host", { subnetId: a.id });
            new aws.route53.Record("www", { zoneId: "Z123", name: "www.example.com", type: "A", ttl: 60, records: [dnsHost.publicIp] });
            const tg = (name: string) => new aws.lb.TargetGroup(name, { port: 80, protocol: "HTTP", vpcId: vpc.id, targetType: "instance" });
            const attach = (name: string, group: aws.lb.TargetGroup, target: aws.ec2.Instance) => new aws.lb.TargetGroupAttachment(name, { targetGroupArn: group.arn, targetId: target.id });
            const pair = tg("pair");
            attach("pair-a", pair, instance("pair-a", { subnetId: a.id }));
            attach("pair-b", pair, instance("pair-b", { subnetId: b.id }));
            const lone = tg("lone");
            attach("lone", lone, instance("lone", { subnetId: a.id }));
            const sameZone = tg("same-zone");
            attach("same-zone-1", sameZone, instance("same-zone-1", { subnetId: a.id }));
            attach("same-zone-2", sameZone, instance("same-zone-2", { subnetId: a2.id }));
        });
        assert.deepEqual(outcomes(report, RULE), [
            "violation mandatory dns-host",
            "violation mandatory eip-host",
            "violation mandatory lone",
            "violation mandatory same-zone-1",
            "violation mandatory same-zone-2",
            "violation mandatory www",
        ]);
        assert.match(messages(report, RULE, "www")[0], /serves traffic directly \(security group web opens port 80 to the internet\)/);
        assert.match(messages(report, RULE, "lone")[0], /with no other instance in another availability zone behind the same load balancer/);
        assert.match(messages(report, RULE, "eip-host")[0], /Elastic IP eip/);
        assert.match(messages(report, RULE, "dns-host")[0], /DNS record www/);
    });

    it("names a database installed on the root volume, and is advisory in the development profile", async () => {
        const report = await analyze(
            () => {
                const sg = new aws.ec2.SecurityGroup("web", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] });
                instance("lamp", { vpcSecurityGroupIds: [sg.id], userData: "#!/bin/bash\nyum install -y httpd mariadb105-server\nsystemctl start mariadb" });
            },
            { stackTags: { "faultguard:profile": "development" } },
        );
        assert.deepEqual(outcomes(report, RULE), ["violation advisory lamp"]);
        assert.match(messages(report, RULE, "lamp")[0], /installs mariadb105-server on the root volume, which is deleted with the instance/);
    });

    it("does not decide while the zones of two instances behind one target group are untraceable", async () => {
        const report = await analyze(() => {
            const untraceable = pulumi.unknown as unknown as pulumi.Input<string>;
            const group = new aws.lb.TargetGroup("tg", { port: 80, protocol: "HTTP", vpcId: "vpc-123", targetType: "instance" });
            for (const name of ["one", "two"]) {
                new aws.lb.TargetGroupAttachment(name, { targetGroupArn: group.arn, targetId: instance(name, { subnetId: untraceable }).id });
            }
        });
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory one", "not-evaluated advisory two"]);
    });
});
