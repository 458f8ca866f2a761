import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { judgeSubnetZones, zonesOfSubnets } from "../../lib/links/zones";
import { stackRule } from "../../lib/rule";

export const lambdaVpcMultiAz = stackRule({
    id: "lambda-vpc-multi-az",
    title: "VPC Lambda functions have subnets in several zones",
    pillar: "redundancy",
    description: "A Lambda function attached to a VPC (`vpcConfig.subnetIds` non-empty) has subnets in at least `minAzs` availability zones.",
    remediation: [
        "```ts",
        "new aws.lambda.Function(\"worker\", {",
        "    vpcConfig: { subnetIds: network.privateSubnetIds, securityGroupIds: [sg.id] }, // 2+ AZs",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "Lambda runs a VPC function only in the zones of its subnets: with one zone, a zone outage stops every invocation although Lambda itself is regional.",
    byDefault: { shown: true, why: "A VPC function with subnets in one zone cannot run when that zone fails." },
    resourceTypes: [aws.lambda.Function],
    anchors: {
        awsConfig: ["lambda-vpc-multi-az-check"],
        securityHub: ["Lambda.5"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        minAzs: z.number().int().min(2).max(6).default(2).describe("Minimum number of availability zones (AWS Config lambda-vpc-multi-az-check availabilityZones)."),
    }),
    check(fn, { config, graph }) {
        const vpc = fn.read("vpcConfig");
        if (vpc.known && vpc.value === undefined) {
            return [];
        }
        const subnets = fn.read("vpcConfig.subnetIds");
        if (subnets.known && (!Array.isArray(subnets.value) || subnets.value.length === 0)) {
            return []; // An empty vpcConfig detaches the function from the VPC.
        }
        return judgeSubnetZones(zonesOfSubnets(graph, fn, "vpcConfig.subnetIds"), config.minAzs, "vpcConfig.subnetIds", "attach subnets");
    },
});
