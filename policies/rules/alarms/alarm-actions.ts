import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { alarmActionState, compositesOf } from "../../lib/links/alarms";
import { stackRule, unresolvable, violation } from "../../lib/rule";

export const alarmActions = stackRule({
    id: "alarm-actions",
    title: "CloudWatch alarms notify someone",
    pillar: "alarms",
    description:
        "A CloudWatch metric or composite alarm has at least one `alarmActions` entry and does not set `actionsEnabled: false`. A metric alarm without actions passes when a composite alarm with actions is built on it.",
    remediation: [
        "Send the alarm to an SNS topic (or an Auto Scaling / EC2 / SSM action):",
        "```ts",
        "new aws.cloudwatch.MetricAlarm(\"orders-dlq-depth\", {",
        "    ...,",
        "    alarmActions: [alarmTopic.arn],",
        "    okActions: [alarmTopic.arn],",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "mandatory" },
    rationale: "An alarm with no action, or with actions disabled, changes state in a console nobody watches: it gives the comfort of monitoring without any of the effect.",
    byDefault: { shown: true, why: "An alarm with no action changes state where nobody looks: the outage it was built to catch goes unnoticed." },
    resourceTypes: [aws.cloudwatch.MetricAlarm, aws.cloudwatch.CompositeAlarm],
    anchors: {
        cdkNag: ["HIPAA.Security-CloudWatchAlarmAction", "NIST.800.53.R5-CloudWatchAlarmAction"],
        checkov: ["CKV_AWS_319"],
        awsConfig: ["cloudwatch-alarm-action-check", "cloudwatch-alarm-action-enabled-check"],
        securityHub: ["CloudWatch.15", "CloudWatch.17"],
        wellArchitected: ["REL06-BP03"],
    },
    config: z.object({}),
    check(alarm, { graph }) {
        const state = alarmActionState(alarm);
        if (state.kind === "ok") {
            return [];
        }
        if (state.kind === "unknown") {
            return [unresolvable(state.property, "the alarm's actions are computed from values this preview cannot see")];
        }
        if (alarm.type === aws.cloudwatch.MetricAlarm && compositesOf(graph, alarm).some((c) => alarmActionState(c).kind === "ok")) {
            return [];
        }
        return [
            violation(
                state.reason === "actionsEnabled is false"
                    ? "actionsEnabled is false, so the alarm notifies nobody; remove actionsEnabled (it defaults to true) and keep alarmActions set."
                    : "alarmActions is empty, so the alarm notifies nobody; set alarmActions: [topic.arn] (an SNS topic, or an Auto Scaling/EC2/SSM action).",
            ),
        ];
    },
});
