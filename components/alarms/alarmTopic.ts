import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type CommonArgs, profileAndTagsShape } from "../lib/common";
import { defineComponent } from "../lib/component";

export interface AlarmTopicArgs extends Omit<CommonArgs, "alarms"> {
    /** Display name of the SNS topic. */
    displayName?: string;
    /** Days before the topic's KMS key is deleted after the component is destroyed (7–30, default 30). */
    keyDeletionWindowInDays?: number;
}

/** The type token, args schema and prologue (lib/component.ts). */
export const ALARM_TOPIC = defineComponent(
    "faultguard:aws:AlarmTopic",
    z.strictObject({
        ...profileAndTagsShape,
        displayName: z.string().min(1).max(100, "displayName: SNS display names are at most 100 characters").optional(),
        keyDeletionWindowInDays: z.number().int().min(7, "KMS allows 7 to 30 days").max(30, "KMS allows 7 to 30 days").default(30),
    }),
);

/**
 * An SNS topic for alarm and OK notifications, encrypted with a rotating customer-managed KMS key
 * whose policy lets CloudWatch (and Auto Scaling's service-linked role) publish: CloudWatch cannot
 * publish to a topic encrypted with the AWS-managed `alias/aws/sns` key. Every other component
 * without `alarms.topicArn` creates one of its own; pass one shared topic's `topicArn` to route
 * everything to one place.
 *
 * @example
 * const alarmTopic = new AlarmTopic("alarms", { displayName: "prod alarms" });
 * const alarms = { topicArn: alarmTopic.topicArn }; // pass to every other component
 */
export class AlarmTopic extends pulumi.ComponentResource {
    readonly topic: aws.sns.Topic;
    readonly key: aws.kms.Key;
    readonly topicArn: pulumi.Output<string>;

    constructor(name: string, args: AlarmTopicArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const parsed = ALARM_TOPIC.validate(args, name);
        super(ALARM_TOPIC.type, name, {}, opts);
        const { tags, child } = ALARM_TOPIC.open(this, name, parsed);
        this.key = new aws.kms.Key(
            `${name}-key`,
            { description: `Encrypts the ${name} alarm topic`, enableKeyRotation: true, deletionWindowInDays: parsed.keyDeletionWindowInDays, policy: alarmKeyPolicy(child), tags },
            child,
        );
        this.topic = new aws.sns.Topic(
            `${name}-topic`,
            { displayName: parsed.displayName, kmsMasterKeyId: this.key.arn, tags },
            child,
        );
        this.topicArn = this.topic.arn;
        this.registerOutputs({ topicArn: this.topicArn, keyArn: this.key.arn });
    }
}

/**
 * The topic key's policy: the account administers it; CloudWatch and Auto Scaling's service-linked
 * role may use it to publish, and nothing else.
 */
function alarmKeyPolicy(opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    const caller = aws.getCallerIdentityOutput({}, opts);
    const partition = aws.getPartitionOutput({}, opts);
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountAdministers",
                Effect: "Allow",
                Principal: { AWS: pulumi.interpolate`arn:${partition.partition}:iam::${caller.accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                // Auto Scaling publishes group events as its service-linked role. A
                // condition instead of a principal: the role may not exist yet, and a
                // key policy naming a missing principal is rejected.
                Sid: "AutoScalingPublishesEvents",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: {
                    StringEquals: { "kms:CallerAccount": caller.accountId },
                    ArnLike: { "aws:PrincipalArn": pulumi.interpolate`arn:${partition.partition}:iam::${caller.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling*` },
                },
            },
            {
                Sid: "CloudWatchPublishesAlarms",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
            },
        ],
    });
}
