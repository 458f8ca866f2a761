// Odd property shapes (wrong types, nulls, JSON strings that are not JSON) must give a violation,
// a pass or "could not evaluate" from every alarms and dead-letter-queues rule — never a crash.
// Built with StackGraph.fromPlain because typed Pulumi programs cannot produce these shapes.
import * as assert from "node:assert/strict";
import { StackGraph, type PlainResource } from "../../../../policies/lib/graph";
import { evaluateStack, type Diagnostic } from "../../../../policies/lib/pack";
import { ResourceView, UnresolvableError } from "../../../../policies/lib/resource";
import { type Rule } from "../../../../policies/lib/rule";
import { decodeFinding, UNKNOWN_STRING } from "../../../../policies/lib/wire";
import { alarmsRules } from "../../../../policies/rules/alarms";
import { deadLetterQueuesRules } from "../../../../policies/rules/dead-letter-queues";

const RULES: readonly Rule[] = [...alarmsRules, ...deadLetterQueuesRules];
const U = UNKNOWN_STRING;

const resources: PlainResource[] = [
    { type: "aws:sqs/queue:Queue", urn: "q-number", name: "q-number", props: { redrivePolicy: 42, messageRetentionSeconds: "abc", fifoQueue: "yes", name: 7 } },
    { type: "aws:sqs/queue:Queue", urn: "q-null-json", name: "q-null-json", props: { redrivePolicy: "null", redriveAllowPolicy: "[" } },
    { type: "aws:sqs/queue:Queue", urn: "q-array", name: "q-array", props: { redrivePolicy: "[]" } },
    { type: "aws:sqs/queue:Queue", urn: "q-odd-target", name: "q-odd-target", props: { redrivePolicy: { deadLetterTargetArn: 5, maxReceiveCount: "many" } } },
    { type: "aws:sqs/redrivePolicy:RedrivePolicy", urn: "rp", name: "rp", props: { queueUrl: null, redrivePolicy: {} } },
    { type: "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy", urn: "rap", name: "rap", props: { queueUrl: [1], redriveAllowPolicy: 3 } },
    { type: "aws:lambda/function:Function", urn: "fn", name: "fn", props: { deadLetterConfig: "x", name: ["a"] } },
    { type: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", urn: "feic", name: "feic", props: { functionName: ["a"], destinationConfig: { onFailure: null } } },
    { type: "aws:cloudwatch/eventTarget:EventTarget", urn: "et", name: "et", props: { deadLetterConfig: [], arn: {} } },
    { type: "aws:scheduler/schedule:Schedule", urn: "sched", name: "sched", props: { target: "x" } },
    { type: "aws:sns/topicSubscription:TopicSubscription", urn: "sub", name: "sub", props: { protocol: 5, redrivePolicy: [1], endpoint: null } },
    { type: "aws:sns/topicSubscription:TopicSubscription", urn: "sub-sqs", name: "sub-sqs", props: { protocol: "sqs", redrivePolicy: "not json" } },
    { type: "aws:s3/bucketNotification:BucketNotification", urn: "bn1", name: "bn1", props: { lambdaFunctions: "x" } },
    { type: "aws:s3/bucketNotification:BucketNotification", urn: "bn2", name: "bn2", props: { lambdaFunctions: [null, { lambdaFunctionArn: 3 }] } },
    { type: "aws:lambda/permission:Permission", urn: "perm", name: "perm", props: { principal: null, function: 9 } },
    { type: "aws:lambda/eventSourceMapping:EventSourceMapping", urn: "esm", name: "esm", props: { eventSourceArn: 12, destinationConfig: "x", selfManagedEventSource: null, functionName: {} } },
    { type: "aws:pipes/pipe:Pipe", urn: "pipe", name: "pipe", props: { sourceParameters: "x" } },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        urn: "alarm",
        name: "alarm",
        props: { dimensions: "FunctionName=x", metricQueries: [null, { metric: "x" }, { metric: { dimensions: [1], metricName: 4 } }, U], alarmActions: "arn", actionsEnabled: "false" },
    },
    { type: "aws:cloudwatch/metricAlarm:MetricAlarm", urn: "alarm2", name: "alarm2", props: { metricName: "Errors", dimensions: { FunctionName: null, QueueName: 3 }, alarmActions: [null] } },
    { type: "aws:cloudwatch/compositeAlarm:CompositeAlarm", urn: "composite", name: "composite", props: { alarmActions: null, alarmRule: 1 } },
    { type: "aws:autoscaling/notification:Notification", urn: "notif", name: "notif", props: { groupNames: "x", notifications: [1] } },
    { type: "aws:autoscaling/group:Group", urn: "asg", name: "asg", props: { targetGroupArns: {}, name: null } },
    { type: "aws:autoscaling/attachment:Attachment", urn: "att", name: "att", props: { autoscalingGroupName: 1, lbTargetGroupArn: [] } },
    { type: "aws:lb/loadBalancer:LoadBalancer", urn: "lb", name: "lb", props: { name: { x: 1 } } },
    { type: "aws:lb/listener:Listener", urn: "listener", name: "listener", props: { loadBalancerArn: 3, defaultActions: "x" } },
    { type: "aws:lb/listenerRule:ListenerRule", urn: "lrule", name: "lrule", props: { listenerArn: null, actions: [[[]]] } },
    { type: "aws:elb/loadBalancer:LoadBalancer", urn: "clb", name: "clb", props: {} },
    { type: "aws:ecs/service:Service", urn: "svc", name: "svc", props: { loadBalancers: [null, "x"], name: 1 } },
    { type: "aws:rds/instance:Instance", urn: "db", name: "db", props: { identifier: [] } },
    { type: "aws:rds/cluster:Cluster", urn: "cluster", name: "cluster", props: {} },
    { type: "aws:rds/clusterInstance:ClusterInstance", urn: "member", name: "member", props: { clusterIdentifier: [] } },
];

describe("alarms + dead-letter-queues rules: odd property shapes", () => {
    it("never crash: every finding is a violation or a could-not-evaluate, none a rule error", () => {
        const graph = StackGraph.fromPlain(resources);
        const out: Diagnostic[] = [];
        evaluateStack(RULES, graph, (d) => out.push(d));
        for (const rule of RULES) {
            if (rule.scope !== "resource") {
                continue;
            }
            for (const r of graph.ofType(...rule.resourceTypes)) {
                const view = new ResourceView(r.type, r.urn, r.name, r.props);
                try {
                    rule.check(view, { config: rule.config.parse({}), profile: "production" });
                } catch (e) {
                    assert.ok(e instanceof UnresolvableError, `${rule.id} threw on ${r.name}: ${String(e)}`);
                }
            }
        }
        const errors = out.filter((d) => decodeFinding(d.message).kind === "rule-error");
        assert.deepEqual(errors, []);
        // The odd shapes are judged, not skipped: a queue whose redrive policy names no DLQ is a violation.
        const sqsDlq = out.filter((d) => d.name === "sqs-dlq" && d.enforcementLevel === "mandatory").map((d) => d.urn).sort();
        assert.deepEqual(sqsDlq, ["q-array", "q-null-json", "q-number", "q-odd-target"]);
        assert.ok(out.some((d) => d.name === "alarm-actions" && d.urn === "alarm2" && d.enforcementLevel === "mandatory"));
    });
});
