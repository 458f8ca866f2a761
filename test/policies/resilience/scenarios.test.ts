// Labelled scenarios for the resilience assessment: small stacks written for the purpose, captured
// in preview mode (every ID and ARN unknown, as in a first `pulumi preview`), assessed by the pack's
// own code on the resources AnalyzeStack receives. Each scenario states the verdict it expects per
// disruption and the RTO/RPO range; each has a fault-tolerant twin that survives.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assessResources, type Assessment } from "../../../policies/resilience";
import { captureInline } from "../../../preview/src/capture/inline";
import { plainResources } from "../../../preview/src/report/resilience";
import type { Verdict } from "../../../policies/lib/resilience/model";

const A = "eu-west-1a";
const B = "eu-west-1b";

async function assessProgram(program: () => void, profile: "production" | "development" = "production"): Promise<Assessment> {
    const stack = await captureInline(program, { config: { "aws:region": "eu-west-1" } });
    return assessResources(plainResources(stack) as never, {}, { config: { "faultguard:profile": profile } });
}

function verdict(a: Assessment, subjectName: string, disruption: string): Verdict {
    const subject = a.subjects.find((s) => s.name === subjectName);
    assert.ok(subject, `no subject ${subjectName}; subjects: ${a.subjects.map((s) => s.name).join(", ")}`);
    const v = a.verdicts.find((x) => x.subject === subject.urn && (x.disruption === disruption || x.disruption.startsWith(`${disruption}:`)));
    assert.ok(v, `no verdict for ${subjectName} under ${disruption}; has ${a.verdicts.filter((x) => x.subject === subject.urn).map((x) => x.disruption).join(", ")}`);
    return v;
}

/** A VPC with a public and a private subnet per zone, and NAT gateways in `natZones`. */
function network(natZones: string[]) {
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
    const igw = new aws.ec2.InternetGateway("igw", { vpcId: vpc.id });
    const publicRt = new aws.ec2.RouteTable("public", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }] });
    const zones = [A, B];
    const pub = zones.map((z, i) => new aws.ec2.Subnet(`pub-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: z }));
    pub.forEach((s, i) => new aws.ec2.RouteTableAssociation(`pub-${i}`, { subnetId: s.id, routeTableId: publicRt.id }));
    const nats = natZones.map((z) => {
        const i = zones.indexOf(z);
        const eip = new aws.ec2.Eip(`nat-${i}`, { domain: "vpc" });
        return new aws.ec2.NatGateway(`nat-${i}`, { subnetId: pub[i].id, allocationId: eip.id });
    });
    const priv = zones.map((z, i) => {
        const subnet = new aws.ec2.Subnet(`priv-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${10 + i}.0/24`, availabilityZone: z });
        const nat = nats[Math.min(i, nats.length - 1)];
        const rt = new aws.ec2.RouteTable(`priv-${i}`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] });
        new aws.ec2.RouteTableAssociation(`priv-${i}`, { subnetId: subnet.id, routeTableId: rt.id });
        return subnet;
    });
    return { vpc, pub, priv };
}

function webTier(net: ReturnType<typeof network>, asgSubnets: pulumi.Input<string>[], size: number) {
    const lb = new aws.lb.LoadBalancer("web", { loadBalancerType: "application", subnets: net.pub.map((s) => s.id) });
    const tg = new aws.lb.TargetGroup("web", { port: 80, protocol: "HTTP", vpcId: net.vpc.id, healthCheck: { path: "/health", interval: 10, healthyThreshold: 2, unhealthyThreshold: 2 } });
    new aws.lb.Listener("web", { loadBalancerArn: lb.arn, port: 80, defaultActions: [{ type: "forward", targetGroupArn: tg.arn }] });
    const lt = new aws.ec2.LaunchTemplate("web", { imageId: "ami-12345678", instanceType: "t3.micro" });
    new aws.autoscaling.Group("web-asg", { minSize: size, maxSize: size * 2, vpcZoneIdentifiers: asgSubnets, targetGroupArns: [tg.arn], launchTemplate: { id: lt.id } });
    return { lb, tg };
}

function worker(name: string, opts: { dlq: boolean; subnets?: pulumi.Input<string>[]; env?: Record<string, pulumi.Input<string>> }) {
    const role = new aws.iam.Role(`${name}-fn`, { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });
    const dlq = opts.dlq ? new aws.sqs.Queue(`${name}-dlq`, {}) : undefined;
    const queue = new aws.sqs.Queue(name, {
        visibilityTimeoutSeconds: 60,
        redrivePolicy: dlq ? pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }) : undefined,
    });
    const fn = new aws.lambda.Function(`${name}-fn`, {
        role: role.arn,
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => {};") }),
        timeout: 30,
        vpcConfig: opts.subnets ? { subnetIds: opts.subnets, securityGroupIds: [] } : undefined,
        environment: opts.env ? { variables: opts.env } : undefined,
    });
    new aws.lambda.EventSourceMapping(`${name}-esm`, { eventSourceArn: queue.arn, functionName: fn.name });
    return { queue, fn };
}

describe("resilience scenarios (labelled, first preview: every ID unknown)", function () {
    this.timeout(120_000);

    describe("single NAT gateway", () => {
        it("losing the NAT's AZ (or the NAT) takes the web tier down in every AZ; no automatic recovery; the production policy misses on the NAT", async () => {
            const a = await assessProgram(() => {
                const net = network([A]);
                webTier(net, net.priv.map((s) => s.id), 2);
            });
            const az = verdict(a, "web", `az:${A}`);
            assert.equal(az.state, "down");
            assert.match(az.reason, /subnet priv-1 routes 0\.0\.0\.0\/0 through nat-0 in eu-west-1a → web-asg loses egress in every AZ → web down/);
            assert.equal(az.rto.automatic, false);
            assert.equal(verdict(a, "web", "nat").state, "down");
            const nat = a.placement.find((p) => p.name === "nat-0")!;
            assert.equal(az.cause, nat.urn, "the NAT gateway decides it");
            assert.ok(a.misses.some((m) => m.cause === nat.urn && m.certainty === "certain" && m.category === "az"));
            // The other AZ: the ASG keeps half its instances.
            const other = verdict(a, "web", `az:${B}`);
            assert.equal(other.state, "degraded");
            assert.deepEqual(other.capacity, { remaining: 1, of: 2, fraction: 0.5, unit: "instances" });
        });

        it("twin: a NAT gateway per AZ — each AZ or NAT lost leaves half the capacity serving, RTO 0", async () => {
            const a = await assessProgram(() => {
                const net = network([A, B]);
                webTier(net, net.priv.map((s) => s.id), 2);
            });
            for (const d of [`az:${A}`, `az:${B}`, "nat"]) {
                const v = verdict(a, "web", d);
                assert.equal(v.state, "degraded", `${d}: ${v.reason}`);
                assert.equal(v.rto.upperSeconds, 0);
            }
            assert.deepEqual(a.misses, []);
        });
    });

    describe("single-AZ RDS", () => {
        const db = (multiAz: boolean) => () => {
            const net = network([A, B]);
            const group = new aws.rds.SubnetGroup("db", { subnetIds: net.priv.map((s) => s.id) });
            new aws.rds.Instance("db", { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, multiAz, dbSubnetGroupName: group.name, backupRetentionPeriod: 7, username: "app", manageMasterUserPassword: true });
        };
        it("down in either AZ it may sit in and on primary failure: RTO a point-in-time restore (≥ 2 h), RPO ≤ 5 min", async () => {
            const a = await assessProgram(db(false));
            for (const d of [`az:${A}`, `az:${B}`, "primary"]) {
                const v = verdict(a, "db", d);
                assert.equal(v.state, "down", d);
                assert.equal(v.rto.lowerSeconds, 7200);
                assert.deepEqual([v.rpo?.lowerSeconds, v.rpo?.upperSeconds], [0, 300]);
                assert.ok(v.rto.sources.includes("rds-single-az-restore"));
            }
            assert.ok(a.misses.some((m) => m.category === "infrastructure" && m.objective === "rto" && m.certainty === "certain"));
        });
        it("twin: Multi-AZ survives every AZ and primary failure with a 60–120 s failover and no data loss", async () => {
            const a = await assessProgram(db(true));
            for (const d of [`az:${A}`, `az:${B}`, "primary"]) {
                const v = verdict(a, "db", d);
                assert.equal(v.state, "survives", d);
                assert.deepEqual([v.rto.lowerSeconds, v.rto.upperSeconds], [60, 120]);
                assert.equal(v.rpo?.upperSeconds, 0);
            }
            assert.deepEqual(a.misses, []);
        });
    });

    describe("ASG in one subnet", () => {
        it("losing that AZ takes the service down with no automatic recovery; the other AZ does not touch it", async () => {
            const a = await assessProgram(() => {
                const net = network([A, B]);
                webTier(net, [net.priv[0].id], 2);
            });
            const v = verdict(a, "web", `az:${A}`);
            assert.equal(v.state, "down");
            assert.match(v.reason, /web-asg has subnets only in eu-west-1a/);
            assert.equal(v.rto.automatic, false);
            assert.equal(verdict(a, "web", `az:${B}`).state, "survives");
        });
        it("twin: two subnets in two AZs — degraded to 50 % in either AZ, one lost instance leaves 1 of 2", async () => {
            const a = await assessProgram(() => {
                const net = network([A, B]);
                webTier(net, net.priv.map((s) => s.id), 2);
            });
            assert.equal(verdict(a, "web", `az:${A}`).capacity?.fraction, 0.5);
            const one = verdict(a, "web", "instance");
            assert.equal(one.state, "degraded");
            assert.equal(one.capacity?.remaining, 1);
        });
    });

    describe("Lambda in one subnet", () => {
        it("a VPC function whose subnets are all in one AZ is down when that AZ is lost", async () => {
            const a = await assessProgram(() => {
                const net = network([A, B]);
                worker("jobs", { dlq: true, subnets: [net.priv[0].id] });
            });
            const v = verdict(a, "jobs-fn ← jobs", `az:${A}`);
            assert.equal(v.state, "down");
            assert.equal(v.rto.automatic, false);
            assert.ok(v.rto.sources.includes("lambda-multi-az"));
        });
        it("twin: subnets in two AZs — the function keeps running in the other", async () => {
            const a = await assessProgram(() => {
                const net = network([A, B]);
                worker("jobs", { dlq: true, subnets: net.priv.map((s) => s.id) });
            });
            assert.equal(verdict(a, "jobs-fn ← jobs", `az:${A}`).state, "survives");
            assert.equal(verdict(a, "jobs-fn ← jobs", `az:${B}`).state, "survives");
        });
    });

    describe("ECS service with one task", () => {
        const ecs = (desiredCount: number) => () => {
            const net = network([A, B]);
            const { tg } = webTier(net, net.priv.map((s) => s.id), 2);
            const cluster = new aws.ecs.Cluster("apps", {});
            const td = new aws.ecs.TaskDefinition("api", { family: "api", cpu: "256", memory: "512", networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], containerDefinitions: JSON.stringify([{ name: "api", image: "nginx", essential: true }]) });
            const lb = new aws.lb.LoadBalancer("api", { loadBalancerType: "application", subnets: net.pub.map((s) => s.id) });
            const apiTg = new aws.lb.TargetGroup("api", { port: 80, protocol: "HTTP", targetType: "ip", vpcId: net.vpc.id });
            new aws.lb.Listener("api", { loadBalancerArn: lb.arn, port: 80, defaultActions: [{ type: "forward", targetGroupArn: apiTg.arn }] });
            void tg;
            new aws.ecs.Service("api-svc", {
                cluster: cluster.arn,
                taskDefinition: td.arn,
                desiredCount,
                launchType: "FARGATE",
                networkConfiguration: { subnets: net.priv.map((s) => s.id) },
                loadBalancers: [{ targetGroupArn: apiTg.arn, containerName: "api", containerPort: 80 }],
            });
        };
        it("losing the task takes the service down until a new task passes health checks: RTO ≥ 2 × 30 s + 5 × 30 s (AWS's defaults: the target group declares no healthCheck) + task launch (unsourced), so the miss is unconfirmed, not mandatory", async () => {
            const a = await assessProgram(ecs(1));
            const v = verdict(a, "api", "instance");
            assert.equal(v.state, "down");
            assert.equal(v.rto.lowerSeconds, 210);
            assert.equal(v.rto.upperSeconds, null);
            assert.deepEqual(v.rto.unsourced, ["task launch"]);
            assert.ok(v.rto.sources.includes("target-group-health-check-defaults"));
            const miss = a.misses.find((m) => m.disruption === "instance" && m.subject === v.subject);
            assert.equal(miss?.certainty, "unconfirmed");
        });
        it("twin: three tasks — one lost leaves 2 of 3 (67 %) serving", async () => {
            const a = await assessProgram(ecs(3));
            const v = verdict(a, "api", "instance");
            assert.equal(v.state, "degraded");
            assert.equal(v.capacity?.fraction, 0.67);
        });
    });

    describe("Aurora without replicas", () => {
        const aurora = (instances: number) => () => {
            const net = network([A, B]);
            const group = new aws.rds.SubnetGroup("aurora", { subnetIds: net.priv.map((s) => s.id) });
            const cluster = new aws.rds.Cluster("orders", { engine: "aurora-postgresql", dbSubnetGroupName: group.name, masterUsername: "app", manageMasterUserPassword: true, backupRetentionPeriod: 7 });
            for (let i = 0; i < instances; i++) new aws.rds.ClusterInstance(`orders-${i}`, { clusterIdentifier: cluster.id, instanceClass: "db.r6g.large", engine: "aurora-postgresql" });
            worker("orders", { dlq: true, env: { DB_HOST: cluster.endpoint } });
        };
        it("primary failure: the writer is recreated in under 10 min (documented typical), which misses a 5 min RTO; losing its AZ is down with no automatic recovery", async () => {
            const a = await assessProgram(aurora(1));
            const v = verdict(a, "orders-fn ← orders", "primary");
            assert.equal(v.state, "down");
            assert.deepEqual([v.rto.lowerSeconds, v.rto.upperSeconds], [0, 600]);
            assert.equal(v.rpo?.upperSeconds, 0, "Aurora storage spans AZs");
            assert.ok(a.misses.some((m) => m.subject === v.subject && m.disruption === v.disruption && m.certainty === "certain"));
            assert.equal(verdict(a, "orders", `az:${A}`).rto.automatic, false);
        });
        it("twin: a writer and a replica — failover in under 60 s, within the policy", async () => {
            const a = await assessProgram(aurora(2));
            const v = verdict(a, "orders-fn ← orders", "primary");
            assert.equal(v.state, "survives");
            assert.deepEqual([v.rto.lowerSeconds, v.rto.upperSeconds], [0, 60]);
            assert.deepEqual(a.misses.filter((m) => m.category !== "region"), []);
        });
    });

    describe("queue without DLQ", () => {
        it("a poison message is retried until the retention period deletes it: RPO lost, a certain miss on the queue", async () => {
            const a = await assessProgram(() => worker("uploads", { dlq: false }));
            const v = verdict(a, "uploads-fn ← uploads", "poison");
            assert.equal(v.state, "degraded");
            assert.equal(v.rpo?.automatic, false);
            // Retention unset: 4 days, the provider's default (filled offline) and SQS's documented one.
            assert.match(v.rpo?.derivation ?? "", /deleted after the retention period \(345600 s\)/);
            const queue = a.placement.find((p) => p.name === "uploads")!;
            assert.equal(v.cause, queue.urn);
            assert.ok(a.misses.some((m) => m.cause === queue.urn && m.objective === "rpo" && m.certainty === "certain"));
        });
        it("twin: with a DLQ the poison message is set aside in the DLQ; nothing lost (maxReceiveCount is only known once the DLQ's ARN is)", async () => {
            const a = await assessProgram(() => worker("uploads", { dlq: true }));
            const v = verdict(a, "uploads-fn ← uploads", "poison");
            assert.equal(v.state, "survives");
            assert.match(v.reason, /uploads sets it aside in its dead-letter queue after maxReceiveCount receives \(not known in this preview\)/);
            assert.equal(v.rpo?.upperSeconds, 0);
        });
    });

    describe("cross-region replica", () => {
        const global = (withSecondary: boolean) => () => {
            const g = new aws.rds.GlobalCluster("orders", { globalClusterIdentifier: "orders", engine: "aurora-postgresql" });
            const primary = new aws.rds.Cluster("orders-eu", { engine: "aurora-postgresql", globalClusterIdentifier: g.id, masterUsername: "app", manageMasterUserPassword: true });
            new aws.rds.ClusterInstance("orders-eu-0", { clusterIdentifier: primary.id, instanceClass: "db.r6g.large", engine: "aurora-postgresql" });
            new aws.rds.ClusterInstance("orders-eu-1", { clusterIdentifier: primary.id, instanceClass: "db.r6g.large", engine: "aurora-postgresql" });
            if (withSecondary) {
                const us = new aws.Provider("us", { region: "us-east-1" });
                const secondary = new aws.rds.Cluster("orders-us", { engine: "aurora-postgresql", globalClusterIdentifier: g.id }, { provider: us, dependsOn: [primary] });
                new aws.rds.ClusterInstance("orders-us-0", { clusterIdentifier: secondary.id, instanceClass: "db.r6g.large", engine: "aurora-postgresql" }, { provider: us });
            }
        };
        it("a global database with a secondary Region survives the Region: promote in under a minute, lose under a second of data", async () => {
            const a = await assessProgram(global(true));
            const v = verdict(a, "orders-eu", "region");
            assert.equal(v.state, "survives");
            assert.deepEqual([v.rto.lowerSeconds, v.rto.upperSeconds], [0, 60]);
            assert.deepEqual([v.rpo?.lowerSeconds, v.rpo?.upperSeconds], [0, 1]);
            assert.ok(a.recoveryTable.some((f) => f.id === "aurora-global-promotion" && f.source.startsWith("https://docs.aws.amazon.com/")));
        });
        it("the opposite: the same cluster alone is down with the Region, with no way back from this stack", async () => {
            const a = await assessProgram(global(false));
            const v = verdict(a, "orders-eu", "region");
            assert.equal(v.state, "down");
            assert.equal(v.rto.automatic, false);
        });
    });

    it("development profile: no targets, so the same faults are shown but nothing is missed", async () => {
        const a = await assessProgram(() => {
            const net = network([A]);
            webTier(net, net.priv.map((s) => s.id), 2);
        }, "development");
        assert.equal(verdict(a, "web", `az:${A}`).state, "down");
        assert.deepEqual(a.policy, {});
        assert.deepEqual(a.misses, []);
    });
});
