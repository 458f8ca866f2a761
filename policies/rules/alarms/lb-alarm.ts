import { aws } from "../../lib/aws-types";
import { type GraphResource, type StackGraph } from "../../lib/graph";
import { judgeAlarmCoverage } from "../../lib/links/alarms";
import { stackRule } from "../../lib/rule";
import { asString, isRecord } from "../../lib/values";
import { coverageFindings, metricsConfig } from "./coverage";

const LB_TYPES = [aws.lb.LoadBalancer, aws.alb.LoadBalancer] as const;
const LISTENER_TYPES = [aws.lb.Listener, aws.alb.Listener] as const;
const RULE_TYPES = [aws.lb.ListenerRule, aws.alb.ListenerRule] as const;
const TARGET_GROUP_TYPES = [aws.lb.TargetGroup, aws.alb.TargetGroup] as const;

/** Load balancer → target groups it forwards to (listener default actions and listener rules), once per graph. */
const targetGroupIndex = new WeakMap<StackGraph, Map<GraphResource, GraphResource[]>>();

function targetGroupsIn(graph: StackGraph, from: GraphResource, property: string): GraphResource[] {
    const found = new Set<GraphResource>();
    for (const d of from.propertyDependencies[property] ?? []) {
        if ((TARGET_GROUP_TYPES as readonly string[]).includes(d.type)) {
            found.add(d);
        }
    }
    // Known ARNs anywhere in the actions (targetGroupArn, forward.targetGroups[].arn).
    const visit = (v: unknown, depth: number): void => {
        const s = asString(v);
        if (s !== undefined) {
            graph.findByValue(s, TARGET_GROUP_TYPES).forEach((t) => found.add(t));
        } else if (depth < 6 && Array.isArray(v)) {
            v.forEach((x) => visit(x, depth + 1));
        } else if (depth < 6 && isRecord(v)) {
            Object.values(v).forEach((x) => visit(x, depth + 1));
        }
    };
    visit(from.props[property], 0);
    return [...found];
}

export function targetGroupsOfLoadBalancer(graph: StackGraph, lb: GraphResource): readonly GraphResource[] {
    let index = targetGroupIndex.get(graph);
    if (!index) {
        index = new Map();
        const add = (lbs: readonly GraphResource[], tgs: readonly GraphResource[]) => {
            for (const l of lbs) {
                const list = index!.get(l) ?? [];
                tgs.forEach((t) => list.includes(t) || list.push(t));
                index!.set(l, list);
            }
        };
        const lbsOfListener = new Map<GraphResource, GraphResource[]>();
        for (const listener of graph.ofType(...LISTENER_TYPES)) {
            const lbs = graph.resolve(listener, "loadBalancerArn", LB_TYPES).targets;
            lbsOfListener.set(listener, lbs);
            add(lbs, targetGroupsIn(graph, listener, "defaultActions"));
        }
        for (const rule of graph.ofType(...RULE_TYPES)) {
            for (const listener of graph.resolve(rule, "listenerArn", LISTENER_TYPES).targets) {
                add(lbsOfListener.get(listener) ?? [], targetGroupsIn(graph, rule, "actions"));
            }
        }
        targetGroupIndex.set(graph, index);
    }
    return index.get(lb) ?? [];
}

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
    resourceTypes: [...LB_TYPES, aws.elb.LoadBalancer],
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
