import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { alarmTopic, run } from "../dead-letter-queues/harness";

const RULE = "asg-scaling-notifications";
const { InstanceLaunch, InstanceLaunchError, InstanceTerminate, InstanceTerminateError } = aws.autoscaling.NotificationType;
const ALL = [InstanceLaunch, InstanceLaunchError, InstanceTerminate, InstanceTerminateError];

function group(name: string) {
    const template = new aws.ec2.LaunchTemplate(name, { imageId: "ami-12345678", instanceType: "t3.micro" });
    return new aws.autoscaling.Group(name, { minSize: 2, maxSize: 4, vpcZoneIdentifiers: ["subnet-a", "subnet-b"], launchTemplate: { id: template.id, version: "$Latest" } });
}

describe("asg-scaling-notifications (advisory)", () => {
    it("passes a group whose launch/terminate events go to SNS (group name unknown in preview)", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const web = group("web");
            new aws.autoscaling.Notification("web", { groupNames: [web.name], notifications: ALL, topicArn: topic.arn });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("advises on a group without notifications and on one missing the error events", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            group("bare");
            const partial = group("partial");
            new aws.autoscaling.Notification("partial", { groupNames: [partial.name], notifications: ALL.slice(0, 1), topicArn: topic.arn });
        });
        assert.deepEqual(r.violations, ["bare advisory", "partial advisory"]);
        assert.match(r.messages["partial"], /lack autoscaling:EC2_INSTANCE_LAUNCH_ERROR, autoscaling:EC2_INSTANCE_TERMINATE, autoscaling:EC2_INSTANCE_TERMINATE_ERROR/);
    });
});
