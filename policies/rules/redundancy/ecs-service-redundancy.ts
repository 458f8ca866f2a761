import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { isOpaqueComponent } from "../../lib/graph";
import { judgeSubnetZones, zonesOfSubnets } from "../../lib/links/zones";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";

/**
 * awsx's ECS services (remote components) and the desiredCount that runs when it is absent: the awsx
 * schema (pulumi/pulumi-awsx provider/cmd/pulumi-resource-awsx/schema.json) documents FargateService's
 * as "Defaults to 1" (awsx/ecs/fargateService.ts sets `desiredCount: 1`) and EC2Service's as
 * "Defaults to 0" (awsx/ecs/ec2Service.ts passes none on, and an ECS service defaults to 0).
 */
const AWSX_SERVICES: Readonly<Record<string, number>> = { "awsx:ecs:FargateService": 1, "awsx:ecs:EC2Service": 0 };

export const ecsServiceRedundancy = stackRule({
    id: "ecs-service-redundancy",
    title: "ECS services run several tasks across zones",
    pillar: "redundancy",
    description:
        "A replica `aws.ecs.Service` keeps `desiredCount` ≥ `minTasks` and, when it uses `awsvpc` networking, has `networkConfiguration.subnets` in at least `minAzs` zones. Daemon services are skipped; services without `networkConfiguration` (EC2 launch type, bridge/host networking) are judged on `desiredCount` only. An awsx `ecs.FargateService` or `ecs.EC2Service` whose children are not visible (offline, where awsx is a remote component) is judged by its `desiredCount` input (awsx's defaults: 1 for FargateService, 0 for EC2Service); where its children are visible, its `aws.ecs.Service` is judged instead.",
    remediation: [
        "```ts",
        "new aws.ecs.Service(\"api\", {",
        "    desiredCount: 2,",
        "    networkConfiguration: { subnets: network.privateSubnetIds }, // 2+ AZs",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "One task, or tasks confined to one zone, means a task crash, a host failure or a zone outage stops the service until ECS reschedules.",
    byDefault: { shown: true, why: "A service with one task, or tasks in one zone, is down whenever that task or zone is." },
    resourceTypes: [aws.ecs.Service, ...Object.keys(AWSX_SERVICES)],
    anchors: {
        gap: true,
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        minTasks: z.number().int().min(2).max(100).default(2).describe("Minimum desiredCount."),
        minAzs: z.number().int().min(2).max(6).default(2).describe("Minimum number of availability zones of the service's subnets."),
    }),
    check(service, { config, graph }) {
        const awsxDefault = AWSX_SERVICES[service.type];
        if (awsxDefault !== undefined) {
            // Judge the component by its inputs only while its children are hidden: the desired count
            // is an input awsx passes on as is, so it decides; the subnets come from elsewhere.
            if (!isOpaqueComponent(service)) {
                return [];
            }
            const desired = service.read("desiredCount");
            if (!desired.known) {
                return [unresolvable("desiredCount")];
            }
            const count = typeof desired.value === "number" ? desired.value : awsxDefault;
            return count < config.minTasks
                ? [violation(`desiredCount is ${desired.value === undefined ? `unset (awsx runs ${awsxDefault})` : count}; set desiredCount to at least ${config.minTasks} so losing one task or zone leaves the service running.`)]
                : [];
        }
        if (service.string("schedulingStrategy") === "DAEMON") {
            return []; // One task per container instance: redundancy comes from the cluster's instances.
        }
        const findings: Finding[] = [];
        const desired = service.read("desiredCount");
        if (!desired.known) {
            findings.push(unresolvable("desiredCount"));
        } else {
            const count = typeof desired.value === "number" ? desired.value : 0;
            if (count < config.minTasks) {
                findings.push(violation(`desiredCount is ${desired.value === undefined ? "unset (0)" : count}; set desiredCount to at least ${config.minTasks} so losing one task or zone leaves the service running.`));
            }
        }
        const network = service.read("networkConfiguration");
        if (!network.known || network.value !== undefined) {
            findings.push(...judgeSubnetZones(zonesOfSubnets(graph, service, "networkConfiguration.subnets"), config.minAzs, "networkConfiguration.subnets", "run the service on subnets"));
        }
        return findings;
    },
});
