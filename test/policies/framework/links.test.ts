// One link-resolution layer: every way a program can name a resource of the stack (output
// reference, property dependency, literal ARN, queue URL, name, Lambda name:alias, alias resource)
// resolves to the same resource for every rule (issue 11 item 4).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "node:assert";
import { lambdaFunctionName, lambdaIdentities, namedTarget, parseArn } from "../../../policies/lib/arn";
import { StackGraph, type PlainResource } from "../../../policies/lib/graph";
import { consumersOfQueue } from "../../../policies/lib/links/esm-kind";
import { invokedFunction, resolveFunction } from "../../../policies/lib/links/invoked-function";
import { targetGroupsOf, targetGroupsOfLoadBalancer } from "../../../policies/lib/links/loadbalancing";
import { functionsOfMapping } from "../../../policies/lib/links/messaging";
import { loadBalancerTargets } from "../../../policies/lib/resilience/topology";
import { UNKNOWN_STRING } from "../../../policies/lib/values";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../support/analyze";

const U = UNKNOWN_STRING;
const FN = "aws:lambda/function:Function";
const ALIAS = "aws:lambda/alias:Alias";
const ESM = "aws:lambda/eventSourceMapping:EventSourceMapping";
const QUEUE = "aws:sqs/queue:Queue";
const urn = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;
const ARN = "arn:aws:lambda:us-east-1:123456789012:function:worker";

/** A new stack: the function's ARN is unknown, its name is set explicitly. */
function stackWithMapping(functionName: unknown, propertyDependencies: string[] = []): { graph: StackGraph; esm: ReturnType<StackGraph["get"]> } {
    const resources: PlainResource[] = [
        { type: QUEUE, urn: urn(QUEUE, "orders"), name: "orders", props: { arn: U, name: U, visibilityTimeoutSeconds: 30 } },
        { type: FN, urn: urn(FN, "worker"), name: "worker", props: { arn: U, name: "worker", timeout: 30 } },
        { type: ALIAS, urn: urn(ALIAS, "live"), name: "live", props: { arn: U, name: "live", functionName: U }, propertyDependencies: { functionName: [urn(FN, "worker")] } },
        {
            type: ESM,
            urn: urn(ESM, "m"),
            name: "m",
            props: { eventSourceArn: U, functionName },
            propertyDependencies: { eventSourceArn: [urn(QUEUE, "orders")], functionName: propertyDependencies },
        },
    ];
    const graph = StackGraph.fromPlain(resources);
    return { graph, esm: graph.get(urn(ESM, "m")) };
}

describe("policies/lib links: one resolution for every rule", () => {
    const forms: Array<[string, unknown, string[]]> = [
        ["an output reference (unknown, with its property dependency)", U, [urn(FN, "worker")]],
        ["the literal ARN", ARN, []],
        ["a qualified ARN", `${ARN}:live`, []],
        ["a partial ARN", "123456789012:function:worker", []],
        ["the name", "worker", []],
        ["name:alias", "worker:live", []],
        ["an alias resource (unknown ARN, its property dependency)", U, [urn(ALIAS, "live")]],
    ];
    for (const [form, functionName, deps] of forms) {
        it(`finds the function named by ${form}, the same way for every resolver`, () => {
            const { graph, esm } = stackWithMapping(functionName, deps);
            const queue = graph.get(urn(QUEUE, "orders"))!;
            const worker = graph.get(urn(FN, "worker"))!;
            assert.equal(invokedFunction(graph, esm!).fn, worker, "invokedFunction (sqs-visibility-timeout)");
            assert.deepEqual(resolveFunction(graph, esm!, "functionName").targets, [worker], "resolveFunction");
            assert.deepEqual(functionsOfMapping(graph, esm!).targets, [worker], "functionsOfMapping (messaging index)");
            assert.deepEqual(consumersOfQueue(graph, queue).map((c) => c.key), [worker.urn], "consumersOfQueue (sqs-single-consumer)");
        });
    }

    it("reports a function managed elsewhere as external, by its name, for every resolver", () => {
        const { graph, esm } = stackWithMapping("arn:aws:lambda:us-east-1:123456789012:function:other:3");
        assert.equal(invokedFunction(graph, esm!).unknown, "function arn:aws:lambda:us-east-1:123456789012:function:other:3 is not managed in this stack");
        assert.deepEqual(consumersOfQueue(graph, graph.get(urn(QUEUE, "orders"))!).map((c) => c.key), ["function:other"]);
    });

    it("parses literal references with @aws-sdk/util-arn-parser and knows which part is the name", () => {
        assert.equal(parseArn("arn:aws:sqs:eu-west-1:111122223333:jobs")?.service, "sqs");
        assert.equal(parseArn("jobs"), undefined);
        assert.deepEqual(namedTarget("https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"), { types: [QUEUE], name: "jobs" });
        assert.equal(namedTarget("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/6d0ecf831eec9f09")?.name, "web");
        assert.equal(namedTarget("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/front/50dc6c495c0c9188")?.name, "front");
        assert.equal(namedTarget("arn:aws:sns:us-east-1:123456789012:alarms")?.name, "alarms");
        assert.equal(namedTarget("arn:aws:sns:us-east-1:123456789012:alarms:5f1c"), undefined, "a subscription is not its topic");
        assert.equal(lambdaFunctionName(`${ARN}:7`), "worker");
        // An API Gateway Lambda integration's invoke URI names the function it invokes.
        const invokeUri = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${ARN}:live/invocations`;
        assert.deepEqual(namedTarget(invokeUri), { types: [FN], name: "worker" });
        assert.deepEqual(lambdaIdentities(invokeUri), [invokeUri, `${ARN}:live`, ARN, "worker"]);
        assert.equal(lambdaFunctionName("worker"), "worker");
    });

    it("regression: a mapping naming a function of the stack by literal ARN is resolved identically by sqs-single-consumer and sqs-visibility-timeout", async () => {
        const report = await analyzeInline(() => {
            const queue = new aws.sqs.Queue("orders", { visibilityTimeoutSeconds: 30 });
            const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") });
            const worker = new aws.lambda.Function("worker", { name: "worker", role: "arn:aws:iam::123456789012:role/worker", runtime: "nodejs20.x", handler: "index.handler", code, timeout: 30 });
            new aws.lambda.EventSourceMapping("by-arn", { eventSourceArn: queue.arn, functionName: ARN });
            new aws.lambda.EventSourceMapping("by-reference", { eventSourceArn: queue.arn, functionName: worker.name });
        });
        // One consumer (both mappings invoke worker), so no competing consumers …
        assert.deepEqual(violationsOf(report, "sqs-single-consumer"), []);
        // … and the visibility rule judges that same function instead of calling it unmanaged.
        assert.deepEqual(notEvaluatedOf(report, "sqs-visibility-timeout"), []);
        const visibility = violationsOf(report, "sqs-visibility-timeout");
        assert.deepEqual(visibility.map((v) => v.name), ["orders"]);
        assert.match(visibility[0].message, /6 × the timeout of worker \(30 s\)/);
    });

    it("finds target groups the same way for every rule and the resilience model: listener actions by dependency or literal ARN, Attachments, ECS loadBalancers", () => {
        const LB = "aws:lb/loadBalancer:LoadBalancer";
        const LISTENER = "aws:lb/listener:Listener";
        const RULE = "aws:lb/listenerRule:ListenerRule";
        const TG = "aws:lb/targetGroup:TargetGroup";
        const ASG = "aws:autoscaling/group:Group";
        const ATTACHMENT = "aws:autoscaling/attachment:Attachment";
        const SERVICE = "aws:ecs/service:Service";
        const blueArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/6d0ecf831eec9f09";
        const graph = StackGraph.fromPlain([
            { type: LB, urn: urn(LB, "front"), name: "front", props: { arn: U } },
            { type: TG, urn: urn(TG, "web"), name: "web", props: { arn: U } },
            { type: TG, urn: urn(TG, "blue"), name: "blue", props: { arn: blueArn, name: "blue" } },
            { type: TG, urn: urn(TG, "api"), name: "api", props: { arn: U } },
            // Forwards by output reference (dependency) and, weighted, to a deployed group by its literal ARN.
            {
                type: LISTENER, urn: urn(LISTENER, "https"), name: "https",
                props: { arn: U, loadBalancerArn: U, defaultActions: [{ type: "forward", forward: { targetGroups: [{ arn: U }, { arn: blueArn }] } }] },
                propertyDependencies: { loadBalancerArn: [urn(LB, "front")], defaultActions: [urn(TG, "web")] },
            },
            { type: RULE, urn: urn(RULE, "api"), name: "api", props: { listenerArn: U, actions: [{ type: "forward", targetGroupArn: U }] }, propertyDependencies: { listenerArn: [urn(LISTENER, "https")], actions: [urn(TG, "api")] } },
            { type: ASG, urn: urn(ASG, "web"), name: "web", props: { name: U } },
            { type: ATTACHMENT, urn: urn(ATTACHMENT, "web"), name: "web", props: { autoscalingGroupName: U, lbTargetGroupArn: U }, propertyDependencies: { autoscalingGroupName: [urn(ASG, "web")], lbTargetGroupArn: [urn(TG, "web")] } },
            { type: SERVICE, urn: urn(SERVICE, "api"), name: "api", props: { loadBalancers: [{ targetGroupArn: U, containerPort: 80 }] }, propertyDependencies: { loadBalancers: [urn(TG, "api")] } },
        ]);
        const names = (rs: readonly { name: string }[]) => rs.map((r) => r.name).sort();
        const lb = graph.get(urn(LB, "front"))!;
        assert.deepEqual(names(targetGroupsOfLoadBalancer(graph, lb)), ["api", "blue", "web"], "lb-alarm");
        // Regression: the resilience model read listener actions through dependencies only and missed the literal ARN.
        assert.deepEqual(names(loadBalancerTargets(graph, lb).targetGroups), ["api", "blue", "web"], "resilience topology");
        // Regression: the resilience model's detection time ignored target groups attached by aws.autoscaling.Attachment.
        assert.deepEqual(names(targetGroupsOf(graph, graph.get(urn(ASG, "web"))!).targets), ["web"], "asg-alarm, resilience detection");
        assert.deepEqual(names(targetGroupsOf(graph, graph.get(urn(SERVICE, "api"))!).targets), ["api"], "ecs-service-alarm, ecs-health-checks");
        assert.deepEqual(names(loadBalancerTargets(graph, lb).compute), ["api", "web"], "compute behind the load balancer");
    });
});
