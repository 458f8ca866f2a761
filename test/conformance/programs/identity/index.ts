import * as aws from "@pulumi/aws";

new aws.sqs.Queue("orders", {});
