import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

const MULTI_AZ_MODES = ["ACTIVE_STANDBY_MULTI_AZ", "CLUSTER_MULTI_AZ"];

export const mqMultiAz = resourceRule({
    id: "mq-multi-az",
    title: "Amazon MQ brokers run in several zones",
    pillar: "redundancy",
    description: "An `aws.mq.Broker` sets `deploymentMode` to `ACTIVE_STANDBY_MULTI_AZ` (ActiveMQ) or `CLUSTER_MULTI_AZ` (RabbitMQ), not the default `SINGLE_INSTANCE`.",
    remediation: [
        "```ts",
        "new aws.mq.Broker(\"broker\", {",
        "    engineType: \"ActiveMQ\",",
        "    deploymentMode: \"ACTIVE_STANDBY_MULTI_AZ\", // RabbitMQ: \"CLUSTER_MULTI_AZ\"",
        "    subnetIds: [subnetA.id, subnetB.id],",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "A single-instance broker is unavailable during maintenance, host failure or a zone outage, and every producer and consumer stalls with it.",
    byDefault: { shown: true, why: "A single-instance broker is an outage whenever it restarts or its zone fails." },
    resourceTypes: [aws.mq.Broker],
    anchors: {
        awsConfig: ["mq-active-deployment-mode", "mq-rabbit-deployment-mode"],
        securityHub: ["MQ.5", "MQ.6"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({}),
    check(broker) {
        const mode = broker.string("deploymentMode") ?? "SINGLE_INSTANCE";
        if (!MULTI_AZ_MODES.includes(mode)) {
            const want = broker.string("engineType")?.toLowerCase() === "rabbitmq" ? "CLUSTER_MULTI_AZ" : "ACTIVE_STANDBY_MULTI_AZ";
            return [violation(`deploymentMode is ${mode}; set deploymentMode: "${want}".`)];
        }
        return [];
    },
});
