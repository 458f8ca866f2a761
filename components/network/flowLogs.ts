import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assumeRolePolicyFor, policyDocument } from "../lib/iam";
import { type Scope } from "../lib/component";

/** VPC flow logs to a CloudWatch log group with retention, through a role that may only write to that group. */
export function createFlowLogs(scope: Scope, vpc: aws.ec2.Vpc, settings: { retentionInDays: number; trafficType: "ALL" | "ACCEPT" | "REJECT" }): aws.cloudwatch.LogGroup {
    const { name, tags, child } = scope;
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, { retentionInDays: settings.retentionInDays, tags }, child);
    const role = new aws.iam.Role(`${name}-flow-logs`, { assumeRolePolicy: assumeRolePolicyFor("vpc-flow-logs.amazonaws.com"), tags }, child);
    const writeOwnGroup = { Effect: "Allow" as const, Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`] };
    new aws.iam.RolePolicy(`${name}-flow-logs`, { role: role.id, policy: policyDocument([writeOwnGroup]) }, child);
    new aws.ec2.FlowLog(
        `${name}-flow-log`,
        { vpcId: vpc.id, trafficType: settings.trafficType, logDestinationType: "cloud-watch-logs", logDestination: logGroup.arn, iamRoleArn: role.arn, maxAggregationInterval: 60, tags },
        child,
    );
    return logGroup;
}
