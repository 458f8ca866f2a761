// Odd shapes never crash a redundancy or timeouts rule: wrong types, nulls, unknowns anywhere, JSON
// strings that are not JSON. A finding, a pass or an unresolvable — never an exception.
import { aws } from "../../../../policies/lib/aws-types";
import { type Rule } from "../../../../policies/lib/rule";
import { redundancyRules } from "../../../../policies/rules/redundancy";
import { timeoutsRules } from "../../../../policies/rules/timeouts";
import { assertNeverCrashes } from "../../../support/odd-shapes";

/** Types the rules follow links through, besides their subjects. */
const LINKED = [
    aws.ec2.Subnet, aws.ec2.RouteTable, aws.ec2.Route, aws.ec2.RouteTableAssociation, aws.ec2.MainRouteTableAssociation, aws.ec2.NatGateway, aws.ec2.Vpc,
    aws.rds.ClusterInstance, aws.neptune.ClusterInstance, aws.efs.MountTarget, aws.lambda.EventSourceMapping, aws.lambda.Function, aws.lambda.Alias, aws.sqs.Queue,
    // ec2-standalone-instance and apigw-lambda-timeout
    aws.lb.TargetGroup, aws.lb.TargetGroupAttachment, aws.elb.LoadBalancer, aws.elb.Attachment, aws.ec2.Eip, aws.ec2.EipAssociation, aws.route53.Record,
    aws.ec2.SecurityGroup, aws.ec2.SecurityGroupRule, aws.vpc.SecurityGroupIngressRule, aws.ec2.VolumeAttachment, aws.apigatewayv2.Api,
];
const RULES: Rule[] = [...redundancyRules, ...timeoutsRules];
const KEYS = [
    "subnets", "subnetMappings", "vpcZoneIdentifiers", "availabilityZones", "availabilityZone", "minSize", "multiAz", "engine", "engineMode",
    "replicateSourceDb", "clusterIdentifier", "dbClusterInstanceClass", "subnetId", "routeTableId", "vpcId", "routes", "natGatewayId",
    "destinationCidrBlock", "vpcConfig", "networkConfiguration", "desiredCount", "schedulingStrategy", "clusterConfig", "timeout",
    "visibilityTimeoutSeconds", "eventSourceArn", "functionName", "maximumBatchingWindowInSeconds", "healthCheck", "idleTimeout",
    "loadBalancerType", "timeoutMilliseconds", "definition", "deploymentType", "deploymentMode", "mixedInstancesPolicy", "natGateways",
    "subnetSpecs", "fileSystemId", "availabilityZoneName", "automaticFailoverEnabled", "numCacheClusters", "enableCrossZoneLoadBalancing",
    "targetId", "targetGroupArn", "instances", "instance", "instanceId", "elb", "records", "ingress", "cidrBlocks", "cidrIpv4", "fromPort", "toPort",
    "protocol", "ipProtocol", "securityGroupId", "vpcSecurityGroupIds", "securityGroups", "userData", "ebsBlockDevices", "rootBlockDevice",
    "deleteOnTermination", "uri", "integrationUri", "apiId", "protocolType", "numCacheNodes", "azMode",
];

describe("redundancy and timeouts rules on odd shapes (property-based)", () => {
    it("never throw anything but UnresolvableError", () => {
        assertNeverCrashes(
            RULES,
            LINKED,
            [...KEYS, "subnetId", "Type", "States", "strategy", "interval"],
            ["0.0.0.0/0", "us-east-1a", "ingress", "memcached", "cross-az", "WEBSOCKET", "apt-get install -y mysql-server",
                "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations", "serverless", "DAEMON", "network", "{not json", '{"States":{"A":{"Type":"Task"}}}', "Single", "MULTI_AZ_1", "arn:aws:sqs:us-east-1:1:q"],
            // A fixed seed keeps CI deterministic; raise numRuns locally to search wider.
            { numRuns: 1500, seed: 20261127 },
        );
    });
});
