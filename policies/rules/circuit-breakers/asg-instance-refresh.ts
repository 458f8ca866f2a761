import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";

export const asgInstanceRefresh = resourceRule({
    id: "asg-instance-refresh",
    title: "Auto Scaling groups roll out launch template changes with auto-rollback",
    pillar: "circuit-breakers",
    description:
        "An Auto Scaling group launched from a launch template (directly or through `mixedInstancesPolicy`) defines `instanceRefresh` with `preferences.autoRollback: true`, so a template change is rolled out gradually and undone when it fails.",
    remediation: [
        "Replace instances gradually when the launch template changes, and roll back on failure:",
        "```ts",
        "new aws.autoscaling.Group(\"web\", {",
        "    launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },",
        "    instanceRefresh: {",
        "        strategy: \"Rolling\",",
        "        preferences: { minHealthyPercentage: 90, autoRollback: true },",
        "    },",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: without an instance refresh a new launch template reaches only the instances launched later, so the fleet drifts and a bad image is discovered one scale-out at a time; without autoRollback a failing refresh stops halfway with a mixed fleet. The harm arrives with the next template change, not now, so the rule advises.",
    byDefault: { shown: true, why: "Without instance refresh, a bad launch template reaches instances only as they are replaced, and nothing rolls it back." },
    resourceTypes: [aws.autoscaling.Group],
    anchors: { gap: true, wellArchitected: ["REL08-BP04", "REL08-BP05"] },
    config: z.object({}),
    check(asg) {
        const direct = asg.read("launchTemplate");
        const mixed = asg.read("mixedInstancesPolicy.launchTemplate");
        if (!direct.known || !mixed.known) {
            return [unresolvable(!direct.known ? "launchTemplate" : "mixedInstancesPolicy")];
        }
        if (direct.value === undefined && mixed.value === undefined) {
            // Launch configurations cannot be refreshed with rollback; not this rule's concern.
            return [];
        }
        const refresh = asg.read("instanceRefresh");
        if (!refresh.known) {
            return [unresolvable("instanceRefresh")];
        }
        if (refresh.value === undefined || refresh.value === null) {
            return [violation("instanceRefresh is unset, so launch template changes reach only newly launched instances; set instanceRefresh: { strategy: \"Rolling\", preferences: { autoRollback: true } }.")];
        }
        const rollback = asg.read("instanceRefresh.preferences.autoRollback");
        if (!rollback.known) {
            return [unresolvable(rollback.path)];
        }
        if (rollback.value !== true) {
            return [violation(`instanceRefresh.preferences.autoRollback is ${rollback.value === false ? "false" : "unset"}; set it to true so a failing refresh returns the group to its previous launch template.`)];
        }
        return [];
    },
});
