import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { alarmTopic, run } from "../dead-letter-queues/harness";

const RULE = "lb-alarm";
const threshold = { period: 60, evaluationPeriods: 2, threshold: 1, comparisonOperator: "GreaterThanOrEqualToThreshold", statistic: "Maximum" };

/** An ALB forwarding to one target group (default action), every ARN unknown. */
function webLoadBalancer(name: string, token: "lb" | "alb" = "lb") {
    const mod = token === "lb" ? aws.lb : aws.alb;
    const lb = new mod.LoadBalancer(name, { loadBalancerType: "application", subnets: ["subnet-a", "subnet-b"] });
    const tg = new mod.TargetGroup(name, { port: 80, protocol: "HTTP", vpcId: "vpc-1" });
    new mod.Listener(name, { loadBalancerArn: lb.arn, port: 80, defaultActions: [{ type: "forward", targetGroupArn: tg.arn }] });
    return { lb, tg };
}

describe("lb-alarm", () => {
    it("passes a load balancer with an UnHealthyHostCount alarm on LoadBalancer + TargetGroup arnSuffix (unknown in preview)", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const { lb, tg } = webLoadBalancer("web");
            new aws.cloudwatch.MetricAlarm("web-unhealthy", {
                ...threshold,
                namespace: "AWS/ApplicationELB",
                metricName: "UnHealthyHostCount",
                dimensions: { LoadBalancer: lb.arnSuffix, TargetGroup: tg.arnSuffix },
                alarmActions: [topic.arn],
            });
        });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.notEvaluated, []);
    });

    it("counts an alarm on a target group the load balancer forwards to (listener default action or listener rule)", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            const { tg } = webLoadBalancer("web", "alb");
            new aws.cloudwatch.MetricAlarm("web-5xx", { ...threshold, namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", dimensions: { TargetGroup: tg.arnSuffix }, alarmActions: [topic.arn] });
            const { lb: api } = webLoadBalancer("api");
            const apiListener = new aws.lb.Listener("api-https", { loadBalancerArn: api.arn, port: 443, defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } }] });
            const v2 = new aws.lb.TargetGroup("api-v2", { port: 80, protocol: "HTTP", vpcId: "vpc-1" });
            new aws.lb.ListenerRule("api-v2", { listenerArn: apiListener.arn, conditions: [{ pathPattern: { values: ["/v2/*"] } }], actions: [{ type: "forward", targetGroupArn: v2.arn }] });
            new aws.cloudwatch.MetricAlarm("api-v2-unhealthy", { ...threshold, namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount", dimensions: { TargetGroup: v2.arnSuffix }, alarmActions: [topic.arn] });
        });
        assert.deepEqual(r.violations, []);
    });

    it("flags aws.lb and aws.alb load balancers without an alarm", async () => {
        const r = await run(RULE, () => {
            alarmTopic();
            webLoadBalancer("web", "alb");
            webLoadBalancer("api", "lb");
        });
        assert.deepEqual(r.violations, ["api mandatory", "web mandatory"]);
        assert.match(r.messages["web"], /no CloudWatch alarm with an alarm action watches any of HTTPCode_Target_5XX_Count, .*UnHealthyHostCount.*LoadBalancer: lb.arnSuffix/);
    });

    it("links a classic ELB by a known LoadBalancerName", async () => {
        const r = await run(RULE, () => {
            const topic = alarmTopic();
            new aws.elb.LoadBalancer("legacy", { name: "legacy-web", availabilityZones: ["eu-west-1a", "eu-west-1b"], listeners: [{ instancePort: 80, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }] });
            new aws.cloudwatch.MetricAlarm("legacy-unhealthy", { ...threshold, namespace: "AWS/ELB", metricName: "UnHealthyHostCount", dimensions: { LoadBalancerName: "legacy-web" }, alarmActions: [topic.arn] });
            new aws.elb.LoadBalancer("unwatched", { availabilityZones: ["eu-west-1a", "eu-west-1b"], listeners: [{ instancePort: 80, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }] });
        });
        assert.deepEqual(r.violations, ["unwatched mandatory"]);
    });
});
