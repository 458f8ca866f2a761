import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation, type Finding } from "../../lib/rule";
import { type ResourceView } from "../../lib/resource";
import { asString, isRecord, isUnknown } from "../../lib/values";

/**
 * Namespaces whose metrics exist only per resource: CloudWatch publishes no series without one of
 * these dimensions (apart from the listed account-level metrics), so an alarm on such a metric with
 * none of them evaluates a series that never has data. Namespaces that also publish aggregates
 * without dimensions (AWS/Lambda, AWS/EC2, AWS/RDS, AWS/Events, AWS/SNS) are left out.
 */
const PER_RESOURCE: Readonly<Record<string, { dimensions: readonly string[]; accountMetrics?: readonly string[] }>> = {
    "AWS/SQS": { dimensions: ["QueueName"] },
    "AWS/ApplicationELB": { dimensions: ["LoadBalancer", "TargetGroup"] },
    "AWS/NetworkELB": { dimensions: ["LoadBalancer", "TargetGroup"] },
    "AWS/ApiGateway": { dimensions: ["ApiName", "ApiId"] },
    "AWS/States": { dimensions: ["StateMachineArn", "ActivityArn", "LambdaFunctionArn", "ServiceMetric", "APIName"] },
    "AWS/CloudFront": { dimensions: ["DistributionId"] },
    "AWS/ECS": { dimensions: ["ClusterName"] },
    "AWS/EFS": { dimensions: ["FileSystemId"] },
    "AWS/Kinesis": { dimensions: ["StreamName"] },
    "AWS/AutoScaling": { dimensions: ["AutoScalingGroupName"] },
    "AWS/DynamoDB": {
        dimensions: ["TableName"],
        accountMetrics: [
            "AccountMaxReads",
            "AccountMaxWrites",
            "AccountMaxTableLevelReads",
            "AccountMaxTableLevelWrites",
            "AccountProvisionedReadCapacityUtilization",
            "AccountProvisionedWriteCapacityUtilization",
            "MaxProvisionedTableReadCapacityUtilization",
            "MaxProvisionedTableWriteCapacityUtilization",
            "UserErrors",
        ],
    },
};

interface MetricRef {
    where: string;
    namespace: unknown;
    metricName: unknown;
    dimensions: unknown;
}

function metricsOf(alarm: ResourceView): MetricRef[] {
    const out: MetricRef[] = [];
    const props = alarm.props;
    if (props["metricName"] !== undefined) {
        out.push({ where: "the alarm", namespace: props["namespace"], metricName: props["metricName"], dimensions: props["dimensions"] });
    }
    const queries = props["metricQueries"];
    if (Array.isArray(queries)) {
        queries.forEach((q, i) => {
            if (isRecord(q) && isRecord(q["metric"])) {
                const m = q["metric"];
                out.push({ where: `metricQueries[${i}] (${asString(q["id"]) ?? "?"})`, namespace: m["namespace"], metricName: m["metricName"], dimensions: m["dimensions"] });
            }
        });
    }
    return out;
}

export const alarmDimensions = resourceRule({
    id: "alarm-dimensions",
    title: "Alarms on per-resource metrics name the resource",
    pillar: "alarms",
    description:
        "An `aws.cloudwatch.MetricAlarm` (or one of its metric queries) on a metric that CloudWatch publishes only per resource (AWS/SQS, AWS/ApplicationELB, AWS/NetworkELB, AWS/ApiGateway, AWS/States, AWS/CloudFront, AWS/ECS, AWS/EFS, AWS/Kinesis, AWS/AutoScaling, and AWS/DynamoDB apart from its account-level metrics) sets a dimension that identifies the resource (QueueName, LoadBalancer, ApiName, StateMachineArn, …).",
    remediation: [
        "Name the resource the alarm watches:",
        "```ts",
        "new aws.cloudwatch.MetricAlarm(\"dlq-depth\", {",
        "    namespace: \"AWS/SQS\", metricName: \"ApproximateNumberOfMessagesVisible\",",
        "    dimensions: { QueueName: dlq.name }, // without it the alarm watches no queue at all",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "CloudWatch publishes these metrics only with the resource's dimension, so an alarm without it evaluates a series that never has data: it stays in INSUFFICIENT_DATA (or, with treatMissingData breaching, fires for ever) and never reports the failure it was written for, while everyone believes the resource is watched.",
    byDefault: { shown: true, why: "An alarm on a per-resource metric without dimensions watches nothing and never fires." },
    resourceTypes: [aws.cloudwatch.MetricAlarm],
    anchors: { gap: true, other: ["CloudWatch metrics reference (per-service dimensions)"], wellArchitected: ["REL06-BP01"] },
    config: z.object({}),
    check(alarm) {
        const findings: Finding[] = [];
        for (const m of metricsOf(alarm)) {
            const namespace = asString(m.namespace);
            const metricName = asString(m.metricName);
            const spec = namespace !== undefined ? PER_RESOURCE[namespace] : undefined;
            if (!spec || metricName === undefined || spec.accountMetrics?.includes(metricName)) {
                continue;
            }
            if (isUnknown(m.dimensions)) {
                continue; // Computed dimensions: present, and judged by the rules that link alarms to resources.
            }
            const names = isRecord(m.dimensions) ? Object.keys(m.dimensions) : [];
            if (names.some((n) => spec.dimensions.includes(n))) {
                continue;
            }
            const has = names.length === 0 ? "no dimensions" : `only ${names.join(", ")}`;
            findings.push(
                violation(
                    `${m.where} watches ${namespace} ${metricName} with ${has}; CloudWatch publishes that metric only per resource, so the alarm never sees data. Add dimensions { ${spec.dimensions[0]}: ... } naming the resource.`,
                ),
            );
        }
        return findings;
    },
});
