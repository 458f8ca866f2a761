// Shared fixtures for the observability rule tests.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export function lambdaFunction(name: string, args: Partial<aws.lambda.FunctionArgs> = {}): aws.lambda.Function {
    return new aws.lambda.Function(name, {
        role: "arn:aws:iam::123456789012:role/fn",
        runtime: "nodejs20.x",
        handler: "index.handler",
        timeout: 10,
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({})") }),
        ...args,
    });
}

/** A boolean that is unknown in preview: it depends on a queue's ARN. */
export function unknownBoolean(name: string): pulumi.Output<boolean> {
    return new aws.sqs.Queue(name, {}).arn.apply((arn) => arn.length > 0);
}
