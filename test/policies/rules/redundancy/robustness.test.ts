// Odd shapes never crash a redundancy or timeouts rule: wrong types, nulls, unknowns anywhere, JSON
// strings that are not JSON. A finding, a pass or an unresolvable — never an exception.
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { aws } from "../../../../policies/lib/aws-types";
import { StackGraph, type PlainResource } from "../../../../policies/lib/graph";
import { ResourceView, UnresolvableError } from "../../../../policies/lib/resource";
import { type Rule } from "../../../../policies/lib/rule";
import { UNKNOWN_STRING } from "../../../../policies/lib/values";
import { redundancyRules } from "../../../../policies/rules/redundancy";
import { timeoutsRules } from "../../../../policies/rules/timeouts";

/** Types the rules follow links through, besides their subjects. */
const LINKED = [
    aws.ec2.Subnet, aws.ec2.RouteTable, aws.ec2.Route, aws.ec2.RouteTableAssociation, aws.ec2.MainRouteTableAssociation, aws.ec2.NatGateway, aws.ec2.Vpc,
    aws.rds.ClusterInstance, aws.neptune.ClusterInstance, aws.efs.MountTarget, aws.lambda.EventSourceMapping, aws.lambda.Function, aws.lambda.Alias, aws.sqs.Queue,
];
const RULES: Rule[] = [...redundancyRules, ...timeoutsRules];
const TYPES = [...new Set([...RULES.flatMap((r) => r.resourceTypes), ...LINKED])];
const KEYS = [
    "subnets", "subnetMappings", "vpcZoneIdentifiers", "availabilityZones", "availabilityZone", "minSize", "multiAz", "engine", "engineMode",
    "replicateSourceDb", "clusterIdentifier", "dbClusterInstanceClass", "subnetId", "routeTableId", "vpcId", "routes", "natGatewayId",
    "destinationCidrBlock", "vpcConfig", "networkConfiguration", "desiredCount", "schedulingStrategy", "clusterConfig", "timeout",
    "visibilityTimeoutSeconds", "eventSourceArn", "functionName", "maximumBatchingWindowInSeconds", "healthCheck", "idleTimeout",
    "loadBalancerType", "timeoutMilliseconds", "definition", "deploymentType", "deploymentMode", "mixedInstancesPolicy", "natGateways",
    "subnetSpecs", "fileSystemId", "availabilityZoneName", "automaticFailoverEnabled", "numCacheClusters", "enableCrossZoneLoadBalancing",
];

const odd: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
        { depthSize: "small" },
        fc.constant(UNKNOWN_STRING),
        fc.constant(null),
        fc.constantFrom("0.0.0.0/0", "us-east-1a", "serverless", "DAEMON", "network", "{not json", '{"States":{"A":{"Type":"Task"}}}', "Single", "MULTI_AZ_1", "arn:aws:sqs:us-east-1:1:q"),
        fc.integer({ min: -5, max: 5000 }),
        fc.boolean(),
        fc.array(tie("v"), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom(...KEYS, "subnetId", "Type", "States", "strategy", "interval"), tie("v"), { maxKeys: 4 }),
    ),
})).v;

const resource = fc.record({
    type: fc.constantFrom(...TYPES),
    props: fc.dictionary(fc.constantFrom(...KEYS), odd, { maxKeys: 6 }),
    deps: fc.dictionary(fc.constantFrom(...KEYS), fc.array(fc.nat(7), { maxLength: 2 }), { maxKeys: 3 }),
});

describe("redundancy and timeouts rules on odd shapes (property-based)", () => {
    it("never throw anything but UnresolvableError", () => {
        const exercised = new Set<string>();
        fc.assert(
            fc.property(fc.array(resource, { minLength: 1, maxLength: 8 }), (list) => {
                const plain: PlainResource[] = list.map((r, i) => ({ type: r.type, urn: `urn:pulumi:s::p::${r.type}::r${i}`, name: `r${i}`, props: r.props }));
                list.forEach((r, i) => {
                    plain[i].propertyDependencies = Object.fromEntries(Object.entries(r.deps).map(([k, idx]) => [k, idx.filter((j) => j < plain.length).map((j) => plain[j].urn)]));
                });
                const graph = StackGraph.fromPlain(plain);
                for (const rule of RULES) {
                    const config = rule.config.parse({});
                    for (const subject of graph.ofType(...rule.resourceTypes)) {
                        exercised.add(rule.id);
                        try {
                            if (rule.scope === "stack") {
                                rule.check(subject, { config, profile: "production", graph });
                            } else {
                                rule.check(new ResourceView(subject.type, subject.urn, subject.name, subject.props), { config, profile: "production" });
                            }
                        } catch (e) {
                            assert.ok(e instanceof UnresolvableError, `${rule.id} threw on ${subject.type} ${JSON.stringify(subject.props)}: ${String(e)}`);
                        }
                    }
                }
            }),
            // A fixed seed keeps CI deterministic; raise numRuns locally to search wider.
            { numRuns: 1500, seed: 20261127 },
        );
        assert.deepEqual([...exercised].sort(), RULES.map((r) => r.id).sort(), "every rule met at least one generated subject");
    });
});
