import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type CommonArgs } from "../lib/common";
import { profileSchema } from "../lib/profile";
import { componentTags, tagsSchema } from "../lib/tags";
import { validateArgs } from "../lib/validation";

export interface AlarmTopicArgs extends Omit<CommonArgs, "alarms"> {
    /** Display name of the SNS topic. */
    displayName?: string;
    /** Days before the topic's KMS key is deleted after the component is destroyed (7–30, default 30). */
    keyDeletionWindowInDays?: number;
}

const TYPE = "faultguard:aws:AlarmTopic";

const schema = z.strictObject({
    profile: profileSchema.default("production"),
    tags: tagsSchema.optional(),
    displayName: z.string().min(1).max(100, "displayName: SNS display names are at most 100 characters").optional(),
    keyDeletionWindowInDays: z.number().int().min(7, "KMS allows 7 to 30 days").max(30, "KMS allows 7 to 30 days").default(30),
});

/**
 * An encrypted SNS topic for alarm and OK notifications, shared by the components (pass its
 * `topicArn` as `alarms.topicArn`). The topic is encrypted with a customer-managed KMS key because
 * CloudWatch cannot publish to a topic encrypted with the AWS-managed `alias/aws/sns` key: the
 * key policy below grants CloudWatch the two KMS actions it needs, and nothing else.
 */
export class AlarmTopic extends pulumi.ComponentResource {
    readonly topic: aws.sns.Topic;
    readonly key: aws.kms.Key;
    readonly topicArn: pulumi.Output<string>;

    constructor(name: string, args: AlarmTopicArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const parsed = validateArgs(schema, args, TYPE, name);
        super(TYPE, name, {}, opts);
        const tags = componentTags(TYPE, parsed.profile, parsed.tags);
        const caller = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });

        this.key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `Encrypts the ${name} alarm topic`,
                enableKeyRotation: true,
                deletionWindowInDays: parsed.keyDeletionWindowInDays,
                policy: pulumi.jsonStringify({
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
                }),
                tags,
            },
            { parent: this },
        );
        this.topic = new aws.sns.Topic(
            `${name}-topic`,
            { displayName: parsed.displayName, kmsMasterKeyId: this.key.arn, tags },
            { parent: this },
        );
        this.topicArn = this.topic.arn;
        this.registerOutputs({ topicArn: this.topicArn, keyArn: this.key.arn });
    }
}

/** The topic a component notifies: the caller's, or a new AlarmTopic child of the component. */
export function resolveAlarmTopic(
    parent: pulumi.ComponentResource,
    name: string,
    topicArn: pulumi.Input<string> | undefined,
    args: Omit<CommonArgs, "alarms">,
): pulumi.Input<string> {
    if (topicArn !== undefined) return topicArn;
    return new AlarmTopic(`${name}-alarms`, { profile: args.profile, tags: args.tags }, { parent }).topicArn;
}
