import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { type GraphResource, type StackGraph } from "../../lib/graph";
import { asString } from "../../lib/values";

/** The Terraform provider's default, a server (EC2) config that says nothing about Lambda traffic shifting. */
const PROVIDER_DEFAULT_CONFIG = "CodeDeployDefault.OneAtATime";

type Platform = "Lambda" | "ECS" | "Server" | undefined;

/** The compute platform of a deployment group, from its application or, failing that, its own shape. */
function platformOf(graph: StackGraph, group: GraphResource, configName: string | undefined): Platform {
    const apps = graph.resolve(group, "appName", [aws.codedeploy.Application]).targets;
    for (const app of apps) {
        const platform = app.read("computePlatform");
        if (platform.known) {
            return platform.value === "Lambda" || platform.value === "ECS" ? platform.value : "Server";
        }
    }
    if (configName?.startsWith("CodeDeployDefault.Lambda")) {
        return "Lambda";
    }
    const ecs = group.read("ecsService");
    if (configName?.startsWith("CodeDeployDefault.ECS") || !ecs.known || ecs.value !== undefined) {
        return "ECS";
    }
    return apps.length === 0 ? undefined : "Server";
}

const customConfigs = new WeakMap<StackGraph, Map<string, GraphResource>>();

/** A custom deployment config of this stack named `name` (or the one the property was computed from). */
function customConfig(graph: StackGraph, group: GraphResource, name: string | undefined): GraphResource | undefined {
    const fromDeps = (group.propertyDependencies["deploymentConfigName"] ?? []).find((d) => d.type === aws.codedeploy.DeploymentConfig);
    if (fromDeps || name === undefined) {
        return fromDeps;
    }
    let index = customConfigs.get(graph);
    if (!index) {
        index = new Map();
        for (const c of graph.ofType(aws.codedeploy.DeploymentConfig)) {
            const n = asString(c.props["deploymentConfigName"]);
            if (n !== undefined) {
                index.set(n, c);
            }
        }
        customConfigs.set(graph, index);
    }
    return index.get(name);
}

export const codedeployRollback = stackRule({
    id: "codedeploy-rollback",
    title: "CodeDeploy deployment groups roll back on failure and on alarms",
    pillar: "circuit-breakers",
    description:
        "A CodeDeploy deployment group enables `autoRollbackConfiguration` with `DEPLOYMENT_FAILURE` (and `DEPLOYMENT_STOP_ON_ALARM` when alarms are set), enables `alarmConfiguration` with at least one alarm, and on the Lambda compute platform shifts traffic by canary or linear steps, never all at once.",
    remediation: [
        "Roll back automatically and shift Lambda traffic gradually:",
        "```ts",
        "new aws.codedeploy.DeploymentGroup(\"api\", {",
        "    appName: app.name,",
        "    deploymentGroupName: \"api\",",
        "    serviceRoleArn: role.arn,",
        "    deploymentConfigName: \"CodeDeployDefault.LambdaCanary10Percent5Minutes\",",
        "    deploymentStyle: { deploymentOption: \"WITH_TRAFFIC_CONTROL\", deploymentType: \"BLUE_GREEN\" },",
        "    autoRollbackConfiguration: { enabled: true, events: [\"DEPLOYMENT_FAILURE\", \"DEPLOYMENT_STOP_ON_ALARM\"] },",
        "    alarmConfiguration: { enabled: true, alarms: [errors.name] },",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "Mandatory: deployments are the most common cause of outages. Without auto-rollback a failed deployment leaves the group on the broken revision until someone acts; without alarms a revision that deploys cleanly but fails in use is never stopped; and an all-at-once Lambda deployment sends 100 % of traffic to an untested version in one step.",
    byDefault: { shown: true, why: "A failed deployment that does not roll back stays in production until someone intervenes." },
    resourceTypes: [aws.codedeploy.DeploymentGroup],
    anchors: {
        awsConfig: ["codedeploy-auto-rollback-monitor-enabled", "codedeploy-lambda-allatonce-traffic-shift-disabled"],
        wellArchitected: ["REL08-BP04", "REL08-BP05"],
    },
    config: z.object({
        requireAlarms: z.boolean().default(true).describe("Require alarmConfiguration with at least one alarm."),
    }),
    check(group, { config, graph }) {
        const findings: Finding[] = [];
        const enabled = group.read("autoRollbackConfiguration.enabled");
        const events = group.read("autoRollbackConfiguration.events");
        const alarmsOn = group.read("alarmConfiguration.enabled");
        const alarms = group.read("alarmConfiguration.alarms");
        if (!enabled.known || !events.known) {
            findings.push(unresolvable("autoRollbackConfiguration"));
        } else {
            const list = Array.isArray(events.value) ? events.value : [];
            const wantStop = alarmsOn.known && alarmsOn.value === true;
            const missing = ["DEPLOYMENT_FAILURE", ...(wantStop ? ["DEPLOYMENT_STOP_ON_ALARM"] : [])].filter((e) => !list.includes(e));
            if (enabled.value !== true || missing.length > 0) {
                const why = enabled.value !== true ? "autoRollbackConfiguration is not enabled" : `autoRollbackConfiguration.events lacks ${missing.join(", ")}`;
                findings.push(violation(`${why}; set autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE"${wantStop ? ", \"DEPLOYMENT_STOP_ON_ALARM\"" : ""}] }.`));
            }
        }
        if (config.requireAlarms) {
            if (!alarmsOn.known || !alarms.known) {
                findings.push(unresolvable("alarmConfiguration"));
            } else if (alarmsOn.value !== true || !(Array.isArray(alarms.value) && alarms.value.length > 0)) {
                findings.push(violation("alarmConfiguration is not enabled with at least one alarm; set alarmConfiguration: { enabled: true, alarms: [errorAlarm.name] } so a revision that fails in use is stopped."));
            }
        }
        const nameRead = group.read("deploymentConfigName");
        if (!nameRead.known) {
            const custom = customConfig(graph, group, undefined);
            if (custom && custom.props["computePlatform"] === "Lambda") {
                findings.push(...judgeCustom(custom));
            } else if (platformOf(graph, group, undefined) === "Lambda") {
                findings.push(unresolvable("deploymentConfigName"));
            }
            return findings;
        }
        const name = asString(nameRead.value);
        if (platformOf(graph, group, name) !== "Lambda") {
            return findings;
        }
        const custom = customConfig(graph, group, name);
        if (custom) {
            findings.push(...judgeCustom(custom));
        } else if (name === undefined || name === PROVIDER_DEFAULT_CONFIG) {
            findings.push(violation("deploymentConfigName is unset for a Lambda deployment group; set a canary or linear config such as \"CodeDeployDefault.LambdaCanary10Percent5Minutes\"."));
        } else if (/AllAtOnce/i.test(name)) {
            findings.push(violation(`deploymentConfigName is ${name}, which shifts all traffic to the new version at once; use a canary or linear config such as "CodeDeployDefault.LambdaCanary10Percent5Minutes".`));
        }
        return findings;
    },
});

function judgeCustom(custom: GraphResource): Finding[] {
    const type = custom.read("trafficRoutingConfig.type");
    if (!type.known) {
        return [unresolvable("deploymentConfigName", `the traffic routing of deployment config ${custom.name}`)];
    }
    if (type.value === undefined || type.value === "AllAtOnce") {
        return [violation(`deployment config ${custom.name} shifts all traffic at once (trafficRoutingConfig.type ${type.value === undefined ? "unset" : "AllAtOnce"}); use TimeBasedCanary or TimeBasedLinear.`)];
    }
    return [];
}
