import { strict as assert } from "node:assert";
import { StackGraph, type PlainResource } from "../../../policies/lib/graph";
import { judgeZones, zonesOfSubnets } from "../../../policies/lib/links/zones";
import { UNKNOWN_STRING } from "../../../policies/lib/values";

const U = UNKNOWN_STRING;
const urn = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;
const SUBNET = "aws:ec2/subnet:Subnet";
const ASG = "aws:autoscaling/group:Group";

function subnet(name: string, az: string | undefined): PlainResource {
    return { type: SUBNET, urn: urn(SUBNET, name), name, props: { availabilityZone: az ?? U, id: U } };
}

describe("policies/lib/graph", () => {
    it("resolves unknown references through propertyDependencies (first preview of a new stack)", () => {
        const g = StackGraph.fromPlain([
            subnet("a", "us-east-1a"),
            subnet("b", "us-east-1b"),
            {
                type: ASG,
                urn: urn(ASG, "web"),
                name: "web",
                props: { vpcZoneIdentifiers: [U, U] },
                propertyDependencies: { vpcZoneIdentifiers: [urn(SUBNET, "a"), urn(SUBNET, "b")] },
            },
        ]);
        const r = g.resolve(g.get(urn(ASG, "web"))!, "vpcZoneIdentifiers", [SUBNET]);
        assert.deepEqual(r.targets.map((t) => t.name).sort(), ["a", "b"]);
        assert.equal(r.unresolved, false);
        assert.deepEqual(r.external, []);
    });

    it("resolves known values by identity and reports values managed elsewhere as external", () => {
        const g = StackGraph.fromPlain([
            { type: SUBNET, urn: urn(SUBNET, "a"), name: "a", props: { id: "subnet-aaa", availabilityZone: "us-east-1a" } },
            { type: ASG, urn: urn(ASG, "web"), name: "web", props: { vpcZoneIdentifiers: ["subnet-aaa", "subnet-zzz"] } },
        ]);
        const r = g.resolve(g.get(urn(ASG, "web"))!, "vpcZoneIdentifiers", [SUBNET]);
        assert.deepEqual(r.targets.map((t) => t.name), ["a"]);
        assert.deepEqual(r.external, ["subnet-zzz"]);
    });

    it("descends into components and flags remote components whose children it cannot see", () => {
        const vpc = { type: "awsx:ec2:Vpc", urn: urn("awsx:ec2:Vpc", "vpc"), name: "vpc", props: { numberOfAvailabilityZones: 3 } };
        const net = { type: "faultguard:aws:MultiAzNetwork", urn: urn("faultguard:aws:MultiAzNetwork", "net"), name: "net", props: {} };
        const g = StackGraph.fromPlain([
            vpc,
            net,
            { ...subnet("p1", "us-east-1a"), parent: net.urn },
            { ...subnet("p2", "us-east-1b"), parent: net.urn },
            { type: ASG, urn: urn(ASG, "x"), name: "x", props: { vpcZoneIdentifiers: U }, propertyDependencies: { vpcZoneIdentifiers: [net.urn] } },
            { type: ASG, urn: urn(ASG, "y"), name: "y", props: { vpcZoneIdentifiers: U }, propertyDependencies: { vpcZoneIdentifiers: [vpc.urn] } },
        ]);
        const x = zonesOfSubnets(g, g.get(urn(ASG, "x"))!, "vpcZoneIdentifiers");
        assert.deepEqual([...x.zones].sort(), ["us-east-1a", "us-east-1b"]);
        const y = zonesOfSubnets(g, g.get(urn(ASG, "y"))!, "vpcZoneIdentifiers");
        assert.equal(y.opaque.length, 1);
        assert.equal(y.opaque[0].zoneCount, 3);
        assert.deepEqual(judgeZones(y, 2), { verdict: "pass", zones: 3 });
    });

    it("indexes referrers and dependents once, in both directions", () => {
        const q = { type: "aws:sqs/queue:Queue", urn: urn("aws:sqs/queue:Queue", "dlq"), name: "dlq", props: { arn: U } };
        const g = StackGraph.fromPlain([
            q,
            { type: "aws:sqs/queue:Queue", urn: urn("aws:sqs/queue:Queue", "main"), name: "main", props: { redrivePolicy: U }, propertyDependencies: { redrivePolicy: [q.urn] } },
            { type: "aws:cloudwatch/metricAlarm:MetricAlarm", urn: urn("aws:cloudwatch/metricAlarm:MetricAlarm", "a"), name: "a", props: {}, dependencies: [q.urn] },
        ]);
        const dlq = g.get(q.urn)!;
        assert.deepEqual(g.referrers(dlq, { properties: ["redrivePolicy"] }).map((e) => e.resource.name), ["main"]);
        assert.deepEqual(g.dependents(dlq).map((r) => r.name).sort(), ["a", "main"]);
    });

    it("judges zones decisively: fails when too few subnets whatever is unknown", () => {
        const g = StackGraph.fromPlain([
            subnet("only", undefined),
            { type: ASG, urn: urn(ASG, "w"), name: "w", props: { vpcZoneIdentifiers: [U] }, propertyDependencies: { vpcZoneIdentifiers: [urn(SUBNET, "only")] } },
        ]);
        const verdict = judgeZones(zonesOfSubnets(g, g.get(urn(ASG, "w"))!, "vpcZoneIdentifiers"), 2);
        assert.equal(verdict.verdict, "fail");
    });
});
