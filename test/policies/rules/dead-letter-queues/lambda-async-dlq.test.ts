import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { lambda, run } from "./harness";

const RULE = "lambda-async-dlq";

describe("lambda-async-dlq", () => {
    it("flags a function invoked by an SNS subscription without a DLQ or on-failure destination", async () => {
        const r = await run(RULE, () => {
            const topic = new aws.sns.Topic("orders");
            const fn = lambda("notify");
            new aws.sns.TopicSubscription("orders-notify", { topic: topic.arn, protocol: "lambda", endpoint: fn.arn });
        });
        assert.deepEqual(r.violations, ["notify mandatory"]);
        assert.match(r.messages["notify"], /invoked asynchronously \(by SNS subscription orders-notify\).*destinationConfig\.onFailure\.destination/);
    });

    it("flags functions behind S3 notifications, EventBridge targets, Scheduler and async service permissions", async () => {
        const r = await run(RULE, () => {
            const bucket = new aws.s3.Bucket("uploads");
            const onUpload = lambda("on-upload");
            new aws.s3.BucketNotification("uploads", { bucket: bucket.id, lambdaFunctions: [{ lambdaFunctionArn: onUpload.arn, events: ["s3:ObjectCreated:*"] }] });
            const nightly = lambda("nightly");
            const rule = new aws.cloudwatch.EventRule("nightly", { scheduleExpression: "rate(1 day)" });
            new aws.cloudwatch.EventTarget("nightly", { rule: rule.name, arn: nightly.arn });
            const hourly = lambda("hourly");
            const role = new aws.iam.Role("scheduler", { assumeRolePolicy: "{}" });
            new aws.scheduler.Schedule("hourly", { flexibleTimeWindow: { mode: "OFF" }, scheduleExpression: "rate(1 hour)", target: { arn: hourly.arn, roleArn: role.arn } });
            const logs = lambda("log-shipper");
            new aws.lambda.Permission("logs-invoke", { function: logs.name, action: "lambda:InvokeFunction", principal: "logs.amazonaws.com" });
        });
        assert.deepEqual(r.violations, ["hourly mandatory", "log-shipper mandatory", "nightly mandatory", "on-upload mandatory"]);
    });

    it("passes an async function with deadLetterConfig, or with an on-failure destination", async () => {
        const r = await run(RULE, () => {
            const topic = new aws.sns.Topic("orders");
            const dlq = new aws.sqs.Queue("notify-dlq", {});
            const withDlq = lambda("with-dlq", { deadLetterConfig: { targetArn: dlq.arn } });
            new aws.sns.TopicSubscription("orders-dlq", { topic: topic.arn, protocol: "lambda", endpoint: withDlq.arn });
            const withDestination = lambda("with-destination");
            new aws.lambda.FunctionEventInvokeConfig("with-destination", {
                functionName: withDestination.name,
                maximumRetryAttempts: 2,
                destinationConfig: { onFailure: { destination: topic.arn } },
            });
            new aws.sns.TopicSubscription("orders-destination", { topic: topic.arn, protocol: "lambda", endpoint: withDestination.arn });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("flags a function whose FunctionEventInvokeConfig has no onFailure (configured for async use)", async () => {
        const r = await run(RULE, () => {
            const fn = lambda("worker");
            new aws.lambda.FunctionEventInvokeConfig("worker-async", { functionName: fn.name, maximumRetryAttempts: 1 });
        });
        assert.deepEqual(r.violations, ["worker mandatory"]);
        assert.match(r.messages["worker"], /event invoke config worker-async/);
    });

    it("does not flag synchronous API Gateway, ALB and directly invoked functions", async () => {
        const r = await run(RULE, () => {
            const api = lambda("api");
            const rest = new aws.apigateway.RestApi("api", {});
            new aws.apigateway.Integration("api", {
                restApi: rest.id,
                resourceId: rest.rootResourceId,
                httpMethod: "ANY",
                type: "AWS_PROXY",
                integrationHttpMethod: "POST",
                uri: api.invokeArn,
            });
            new aws.lambda.Permission("api-invoke", { function: api.name, action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", sourceArn: rest.executionArn });
            const web = lambda("web");
            const tg = new aws.lb.TargetGroup("web", { targetType: "lambda" });
            new aws.lambda.Permission("alb-invoke", { function: web.name, action: "lambda:InvokeFunction", principal: "elasticloadbalancing.amazonaws.com", sourceArn: tg.arn });
            new aws.lb.TargetGroupAttachment("web", { targetGroupArn: tg.arn, targetId: web.arn });
            lambda("direct");
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("does not flag a function fed by an SQS event source mapping (the queue's redrive policy is its DLQ)", async () => {
        const r = await run(RULE, () => {
            const queue = new aws.sqs.Queue("jobs", {});
            const fn = lambda("consumer");
            new aws.lambda.EventSourceMapping("consumer", { eventSourceArn: queue.arn, functionName: fn.name });
        });
        assert.deepEqual(r.violations, []);
    });
});
