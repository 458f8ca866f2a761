import { aws } from "../../lib/aws-types";
import { judgeAlarmCoverage } from "../../lib/links/alarms";
import { LOAD_BALANCER_TYPES, targetGroupsOfLoadBalancer } from "../../lib/links/loadbalancing";
import { stackRule } from "../../lib/rule";
import { coverageFindings, metricsConfig } from "./coverage";

export const lbAlarm = stackRule({
    id: "lb-alarm",
    title: "Load balancers have a health or 5xx alarm",
    pillar: "alarms",
    description:
        "An application, network, gateway or classic load balancer, or one of the target groups it forwards to, is watched by a CloudWatch metric alarm (dimension `LoadBalancer`, `TargetGroup` or `LoadBalancerName`) on one of `metrics` (default: target 5xx, ELB 5xx, unhealthy/healthy host count, target response time) that has an alarm action and does not disable actions.",
    remediation: [
        "Alarm on unhealthy targets (or target 5xx) behind the load balancer:",
        "```ts",
        "new aws.cloudwatch.MetricAlarm(\"web-unhealthy\", {",
        "    namespace: \"AWS/ApplicationELB\", metricName: \"UnHealthyHostCount\", statistic: \"Maximum\",",
        "    dimensions: { LoadBalancer: lb.arnSuffix, TargetGroup: tg.arnSuffix },",
        "    period: 60, evaluationPeriods: 2, threshold: 1, comparisonOperator: \"GreaterThanOrEqualToThreshold\",",
        "    alarmActions: [alarmTopic.arn],",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "The load balancer is where users feel failures first; without an alarm on unhealthy hosts or 5xx an outage is found by customers.",
    byDefault: { shown: true, why: "The load balancer is where users feel an outage first; without a 5xx or unhealthy-host alarm nobody is paged." },
    resourceTypes: [...LOAD_BALANCER_TYPES, aws.elb.LoadBalancer],
    anchors: { gap: true, other: ["Resilience Hub alarm recommendations"], wellArchitected: ["REL06-BP01", "REL06-BP03"] },
    config: metricsConfig(
        ["HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count", "UnHealthyHostCount", "HealthyHostCount", "TargetResponseTime", "HTTPCode_Backend_5XX"],
        "a load balancer or its target groups",
    ),
    check(lb, { config, graph }) {
        const classic = lb.type === aws.elb.LoadBalancer;
        const coverage = judgeAlarmCoverage(graph, {
            watched: classic ? [lb] : [lb, ...targetGroupsOfLoadBalancer(graph, lb)],
            dimensions: classic ? ["LoadBalancerName"] : ["LoadBalancer", "TargetGroup"],
            metricNames: config.metrics,
        });
        return coverageFindings(
            coverage,
            classic
                ? "add an aws.cloudwatch.MetricAlarm with namespace \"AWS/ELB\", metricName \"UnHealthyHostCount\", dimensions { LoadBalancerName: lb.name } and alarmActions [topic.arn]."
                : "add an aws.cloudwatch.MetricAlarm with metricName \"UnHealthyHostCount\" (or \"HTTPCode_Target_5XX_Count\"), dimensions { LoadBalancer: lb.arnSuffix, TargetGroup: tg.arnSuffix } and alarmActions [topic.arn].",
        );
    },
});
