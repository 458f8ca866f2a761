// One stack with a labelled fault for every alarms and dead-letter-queues rule, and its fault-free
// twin, both in first-preview conditions (every ARN, ID and generated name unknown). Recall: each
// fault is a mandatory violation of its rule on its resource. Precision: the twin has none.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { notEvaluatedOf, violationsOf } from "../../../support/analyze";
import { analyze, lambda } from "./harness";

const RULES = [
    "alarm-actions", "asg-alarm", "lb-alarm", "rds-alarm", "lambda-alarm", "ecs-service-alarm", "sqs-dlq-alarm",
    "sqs-dlq", "sqs-dlq-retention", "sqs-max-receive-count", "sqs-dlq-fifo-match", "lambda-async-dlq",
    "sns-subscription-redrive", "eventbridge-target-dlq", "esm-stream-on-failure",
];

/** The faults planted when `faulty` is true: rule → resource name. */
const FAULTS: ReadonlyArray<[string, string]> = [
    ["alarm-actions", "orders-dlq-depth"],
    ["sqs-dlq-alarm", "orders-dlq"],
    ["sqs-dlq", "audit"],
    ["sqs-dlq-retention", "billing"],
    ["sqs-max-receive-count", "orders"],
    ["sqs-dlq-fifo-match", "ledger.fifo"],
    ["lambda-async-dlq", "notifier"],
    ["lambda-alarm", "notifier"],
    ["sns-subscription-redrive", "orders-to-consumer"],
    ["eventbridge-target-dlq", "nightly"],
    ["esm-stream-on-failure", "stream-reader"],
    ["asg-alarm", "web"],
    ["lb-alarm", "web"],
    ["rds-alarm", "db"],
    ["ecs-service-alarm", "api"],
];

function program(faulty: boolean) {
    const topic = new aws.sns.Topic("alarms");
    const alarm = (name: string, metricName: string, dimensions: Record<string, pulumi.Input<string>>, extra: Partial<aws.cloudwatch.MetricAlarmArgs> = {}) =>
        new aws.cloudwatch.MetricAlarm(name, {
            metricName,
            namespace: "AWS/Any",
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            dimensions,
            alarmActions: [topic.arn],
            ...extra,
        });
    /** A DLQ with a depth alarm. */
    const dlq = (name: string, args: Partial<aws.sqs.QueueArgs> = {}, watched = true) => {
        const q = new aws.sqs.Queue(name, { name, messageRetentionSeconds: 1209600, ...args });
        if (watched) {
            alarm(`${name}-depth`, "ApproximateNumberOfMessagesVisible", { QueueName: q.name }, faulty && name === "orders-dlq" ? { actionsEnabled: false } : {});
        }
        return q;
    };
    /** A source queue whose redrive policy is a known literal (the DLQ is named before deployment). */
    const source = (name: string, dlqName: string, maxReceiveCount = 5, args: Partial<aws.sqs.QueueArgs> = {}) =>
        new aws.sqs.Queue(name, { name, redrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:111122223333:${dlqName}`, maxReceiveCount }), ...args });

    // Queues.
    dlq("orders-dlq");
    source("orders", "orders-dlq", faulty ? 50 : 5);
    dlq("billing-dlq", faulty ? { messageRetentionSeconds: 345600 } : {});
    source("billing", "billing-dlq");
    const ledgerDlq = faulty ? "ledger-dlq" : "ledger-dlq.fifo";
    dlq(ledgerDlq, { fifoQueue: !faulty });
    source("ledger.fifo", ledgerDlq, 5, { fifoQueue: true });
    if (faulty) {
        new aws.sqs.Queue("audit", {});
    } else {
        const auditDlq = dlq("audit-dlq");
        new aws.sqs.Queue("audit", { redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: auditDlq.arn, maxReceiveCount: 5 }) });
    }

    // An asynchronously invoked function (SNS), with its on-failure destination and error alarm.
    const orders = new aws.sns.Topic("orders");
    const notifier = lambda("notifier");
    new aws.sns.TopicSubscription("orders-notifier", {
        topic: orders.arn,
        protocol: "lambda",
        endpoint: notifier.arn,
        redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq("orders-notifier-dlq").arn }),
    });
    if (!faulty) {
        new aws.lambda.FunctionEventInvokeConfig("notifier", { functionName: notifier.name, destinationConfig: { onFailure: { destination: dlq("notifier-failures").arn } } });
        alarm("notifier-errors", "Errors", { FunctionName: notifier.name });
    }
    // An SQS subscription.
    const consumer = source("consumer", "consumer-dlq");
    dlq("consumer-dlq");
    new aws.sns.TopicSubscription("orders-to-consumer", {
        topic: orders.arn,
        protocol: "sqs",
        endpoint: consumer.arn,
        redrivePolicy: faulty ? undefined : pulumi.jsonStringify({ deadLetterTargetArn: dlq("orders-to-consumer-dlq").arn }),
    });
    // EventBridge and Scheduler invoking a function.
    const nightly = lambda("nightly-job", { deadLetterConfig: { targetArn: dlq("nightly-job-dlq").arn } });
    alarm("nightly-job-errors", "Errors", { FunctionName: nightly.name });
    const rule = new aws.cloudwatch.EventRule("nightly", { scheduleExpression: "rate(1 day)" });
    new aws.cloudwatch.EventTarget("nightly", { rule: rule.name, arn: nightly.arn, deadLetterConfig: faulty ? undefined : { arn: dlq("nightly-events-dlq").arn } });
    const role = new aws.iam.Role("scheduler", { assumeRolePolicy: "{}" });
    new aws.scheduler.Schedule("hourly", { flexibleTimeWindow: { mode: "OFF" }, scheduleExpression: "rate(1 hour)", target: { arn: nightly.arn, roleArn: role.arn, deadLetterConfig: { arn: dlq("hourly-dlq").arn } } });
    // A stream consumer.
    const stream = new aws.kinesis.Stream("events", { shardCount: 1 });
    const reader = lambda("reader");
    alarm("reader-errors", "Errors", { FunctionName: reader.name });
    new aws.lambda.EventSourceMapping("stream-reader", {
        eventSourceArn: stream.arn,
        functionName: reader.name,
        startingPosition: "LATEST",
        destinationConfig: faulty ? undefined : { onFailure: { destinationArn: dlq("stream-failures").arn } },
    });
    // A synchronous API function: needs an error alarm, never a DLQ.
    const api = lambda("api-handler");
    alarm("api-handler-errors", "Errors", { FunctionName: api.name });
    new aws.lambda.Permission("api-invoke", { function: api.name, action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com" });

    // Auto Scaling group behind an ALB, a database, an ECS service.
    const template = new aws.ec2.LaunchTemplate("web", { imageId: "ami-12345678", instanceType: "t3.micro" });
    const tg = new aws.lb.TargetGroup("web", { port: 80, protocol: "HTTP", vpcId: "vpc-1" });
    const asg = new aws.autoscaling.Group("web", { minSize: 2, maxSize: 4, vpcZoneIdentifiers: ["subnet-a", "subnet-b"], launchTemplate: { id: template.id, version: "$Latest" }, targetGroupArns: [tg.arn] });
    if (!faulty) {
        alarm("web-cpu", "CPUUtilization", { AutoScalingGroupName: asg.name });
    }
    const lb = new aws.lb.LoadBalancer("web", { loadBalancerType: "application", subnets: ["subnet-a", "subnet-b"] });
    new aws.lb.Listener("web", { loadBalancerArn: lb.arn, port: 80, defaultActions: [{ type: "forward", targetGroupArn: tg.arn }] });
    if (!faulty) {
        alarm("web-5xx", "HTTPCode_Target_5XX_Count", { LoadBalancer: lb.arnSuffix });
    }
    const db = new aws.rds.Instance("db", { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, username: "app", manageMasterUserPassword: true, multiAz: true });
    alarm("db-cpu", faulty ? "ReadIOPS" : "CPUUtilization", { DBInstanceIdentifier: db.identifier });
    const cluster = new aws.ecs.Cluster("main", {});
    const task = new aws.ecs.TaskDefinition("api", { family: "api", containerDefinitions: "[]", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", cpu: "256", memory: "512" });
    const service = new aws.ecs.Service("api", { cluster: cluster.arn, taskDefinition: task.arn, desiredCount: 2, launchType: "FARGATE" });
    alarm("api-running", "RunningTaskCount", faulty ? { ClusterName: cluster.name } : { ClusterName: cluster.name, ServiceName: service.name });
}

function mandatoryOf(report: Awaited<ReturnType<typeof analyze>>): string[] {
    return RULES.flatMap((rule) => violationsOf(report, rule).filter((v) => v.enforcementLevel === "mandatory").map((v) => `${rule} ${v.name}`)).sort();
}

describe("alarms + dead-letter-queues: first-preview twins", () => {
    it("reports every planted fault as mandatory on its resource, and nothing else", async () => {
        const got = mandatoryOf(await analyze(() => program(true)));
        assert.deepEqual(got, FAULTS.map(([rule, name]) => `${rule} ${name}`).sort());
    });

    it("reports no mandatory violation of these rules on the fault-free twin, and decides every one it can", async () => {
        const report = await analyze(() => program(false));
        assert.deepEqual(mandatoryOf(report), []);
        // The one undecidable value: a redrive policy built with jsonStringify over the DLQ's unknown
        // ARN is wholly unknown, maxReceiveCount included (its DLQ is still found through the graph).
        assert.deepEqual(RULES.flatMap((rule) => notEvaluatedOf(report, rule).map((v) => `${rule} ${v.name}`)), ["sqs-max-receive-count audit"]);
    });
});
