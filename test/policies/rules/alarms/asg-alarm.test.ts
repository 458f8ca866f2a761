import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { alarmTopic, run } from "../dead-letter-queues/harness";

const RULE = "asg-alarm";
const threshold = { period: 60, evaluationPeriods: 3, threshold: 2, comparisonOperator: "LessThanThreshold", statistic: "Minimum" };

function group(name: string, args: Partial<aws.autoscaling.GroupArgs> = {}) {
    const template = new aws.ec2.LaunchTemplate(name, { imageId: "ami-12345678", instanceType: "t3.micro" });
    return new aws.autoscaling.Group(name, { minSize: 2, maxSize: 4, vpcZoneIdentifiers: ["subnet-a", "subnet-b"], launchTemplate: { id: template.id, version: "$Latest" }, ...args });
}

describe("asg-alarm", () => {
    it("passes a group with a GroupInServiceInstances alarm (name unknown in preview), flags one without", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const web = group("web", { enabledMetrics: ["GroupInServiceInstances"] });
            new aws.cloudwatch.MetricAlarm("web-in-service", { ...threshold, namespace: "AWS/AutoScaling", metricName: "GroupInServiceInstances", dimensions: { AutoScalingGroupName: web.name }, alarmActions: [topic.arn] });
            group("batch");
        });
        assert.deepEqual(r.violations, ["batch mandatory"]);
        assert.match(r.messages["batch"], /no CloudWatch alarm with an alarm action watches any of GroupInServiceInstances, GroupInServiceCapacity, .*AutoScalingGroupName: asg.name/);
    });

    it("counts an UnHealthyHostCount alarm on a target group the group registers with", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const tg = new aws.lb.TargetGroup("web", { port: 80, protocol: "HTTP", vpcId: "vpc-1" });
            group("web", { targetGroupArns: [tg.arn] });
            new aws.cloudwatch.MetricAlarm("web-unhealthy", { ...threshold, comparisonOperator: "GreaterThanOrEqualToThreshold", namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount", dimensions: { TargetGroup: tg.arnSuffix }, alarmActions: [topic.arn] });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("flags a group whose only alarm watches a group metric the group does not publish (enabledMetrics)", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const web = group("web");
            new aws.cloudwatch.MetricAlarm("web-in-service", { ...threshold, namespace: "AWS/AutoScaling", metricName: "GroupInServiceInstances", dimensions: { AutoScalingGroupName: web.name }, alarmActions: [topic.arn] });
        });
        assert.deepEqual(r.violations, ["web mandatory"]);
        assert.match(r.messages["web"], /alarm web-in-service watches a group metric the group does not publish.*enabledMetrics/);
    });
});
