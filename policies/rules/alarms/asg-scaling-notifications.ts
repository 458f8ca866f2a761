import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource, perGraph } from "../../lib/graph";
import { stackRule, unresolvable, violation } from "../../lib/rule";

const ALL_EVENTS = [
    "autoscaling:EC2_INSTANCE_LAUNCH",
    "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
    "autoscaling:EC2_INSTANCE_TERMINATE",
    "autoscaling:EC2_INSTANCE_TERMINATE_ERROR",
] as const;

interface NotificationIndex {
    byGroup: Map<GraphResource, Array<{ notification: GraphResource; events: string[] | "unknown" }>>;
    /** Notifications whose group names cannot be traced to groups. */
    unlinked: GraphResource[];
}

const notificationsOf = perGraph((graph): NotificationIndex => {
    const index: NotificationIndex = { byGroup: new Map(), unlinked: [] };
    for (const n of graph.ofType(aws.autoscaling.Notification)) {
        const groups = graph.resolve(n, "groupNames", [aws.autoscaling.Group]);
        if (groups.unresolved || groups.opaque.length > 0) {
            index.unlinked.push(n);
        }
        const read = n.read("notifications");
        const events = !read.known || (Array.isArray(read.value) && read.value.some((e) => typeof e !== "string")) ? "unknown" : Array.isArray(read.value) ? (read.value as string[]) : [];
        for (const g of groups.targets) {
            index.byGroup.set(g, [...(index.byGroup.get(g) ?? []), { notification: n, events }]);
        }
    }
    return index;
});

export const asgScalingNotifications = stackRule({
    id: "asg-scaling-notifications",
    title: "Auto Scaling groups notify on launch and terminate events",
    pillar: "alarms",
    description: "An Auto Scaling group sends the scaling events in `events` (default: launch, launch error, terminate, terminate error) to SNS through an `aws.autoscaling.Notification`.",
    remediation: [
        "Publish the group's scaling events to the team's alarm topic:",
        "```ts",
        "new aws.autoscaling.Notification(\"web-scaling\", {",
        "    groupNames: [asg.name],",
        "    notifications: [\"autoscaling:EC2_INSTANCE_LAUNCH\", \"autoscaling:EC2_INSTANCE_LAUNCH_ERROR\",",
        "                    \"autoscaling:EC2_INSTANCE_TERMINATE\", \"autoscaling:EC2_INSTANCE_TERMINATE_ERROR\"],",
        "    topicArn: alarmTopic.arn,",
        "});",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory" },
    rationale:
        "Launch and terminate notifications help diagnose capacity churn, but the group's capacity alarm (asg-alarm) is what protects availability; so this is advice, not a gate.",
    byDefault: { shown: true, why: "Launch and terminate failures are the first sign of a group that cannot heal; a reviewer wants someone told." },
    resourceTypes: [aws.autoscaling.Group],
    anchors: { cdkNag: ["AwsSolutions-AS3"], wellArchitected: ["REL06-BP03"] },
    config: z.object({
        events: z
            .array(z.enum(ALL_EVENTS))
            .min(1)
            .default([...ALL_EVENTS])
            .describe("Scaling events that must be published to SNS."),
    }),
    check(asg, { config, graph }) {
        const index = notificationsOf(graph);
        const mine = index.byGroup.get(asg) ?? [];
        if (mine.some((m) => m.events === "unknown")) {
            return [];
        }
        const covered = new Set(mine.flatMap((m) => m.events as string[]));
        const missing = config.events.filter((e) => !covered.has(e));
        if (missing.length === 0) {
            return [];
        }
        if (mine.length === 0 && index.unlinked.length > 0) {
            return [unresolvable("groupNames", `aws.autoscaling.Notification ${index.unlinked.map((n) => n.name).join(", ")} names groups this preview cannot trace`)];
        }
        return [
            violation(
                mine.length === 0
                    ? `no aws.autoscaling.Notification publishes this group's scaling events; add one with groupNames [asg.name], notifications [${missing.join(", ")}] and topicArn set to an SNS topic.`
                    : `the group's notifications lack ${missing.join(", ")}; add them to the aws.autoscaling.Notification notifications list.`,
            ),
        ];
    },
});
