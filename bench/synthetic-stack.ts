// Synthetic stacks for the benchmark: what a real program of N resources registers, as the engine
// hands it to analyzers. Units of work repeat: one multi-AZ network per ten services, and per
// service a load-balanced ASG (inside a component), RDS, an SNS alarm topic, an SQS queue with its
// DLQ feeding a Lambda through an event source mapping, and the alarms on all of them.
//
// Links are made the way the SDK makes them: a property computed from another resource's output
// carries that resource in `propertyDependencies[property]` and `dependencies`. Half of the
// services are "new" (every ID, ARN and generated name is the unknown sentinel, as in a first
// preview), half "deployed" (known values, as on an update). Deterministic for a given size.
import { aws } from "../policies/lib/aws-types";
import { specialArchiveSig, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { type AnalyzedResource } from "../preview/src/analyzer/analyze";
import { type JsonObject, type JsonValue, UNKNOWN_SENTINEL } from "../preview/src/capture/values";

/** A resource as the engine hands it to analyzers (the CLI's own description of that shape). */
export type BenchResource = AnalyzedResource;

const STACK = "bench";
const PROJECT = "synthetic";
const ROOT_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
const ACCOUNT = "123456789012";

/** A reference to another resource's output: its value (or unknown) plus the dependency edge. */
interface Ref {
    value: JsonValue;
    urn: string;
}

class Builder {
    readonly resources: BenchResource[] = [];
    private seed: number;

    constructor(seed: number) {
        this.seed = seed;
    }

    /** mulberry32: a small deterministic PRNG, so every run benchmarks the same stack. */
    random(): number {
        this.seed = (this.seed + 0x6d2b79f5) | 0;
        let t = this.seed;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    chance(p: number): boolean {
        return this.random() < p;
    }

    /**
     * Registers a resource. `props` may hold Refs (anywhere, also inside arrays and objects); each
     * becomes its value, and its URN is recorded under the top-level property key, as the SDK does.
     */
    add(type: string, name: string, props: Record<string, unknown>, opts: { parent?: BenchResource; known: boolean; outputs?: JsonObject }): BenchResource {
        const parentUrn = opts.parent?.urn;
        const parentType = opts.parent ? qualifiedType(opts.parent.urn) : undefined;
        const urn = `urn:pulumi:${STACK}::${PROJECT}::${parentType && opts.parent?.urn !== ROOT_URN ? `${parentType}$` : ""}${type}::${name}`;
        const propertyDependencies: Record<string, string[]> = {};
        const inputs: JsonObject = {};
        for (const [key, value] of Object.entries(props)) {
            if (value === undefined) {
                continue;
            }
            const deps = new Set<string>();
            inputs[key] = resolveRefs(value, deps);
            if (deps.size > 0) {
                propertyDependencies[key] = [...deps];
            }
        }
        const dependencies = [...new Set(Object.values(propertyDependencies).flat())];
        const identity = opts.known ? knownIdentity(type, name) : unknownIdentity();
        const resource: BenchResource = {
            urn,
            type,
            name,
            parent: parentUrn ?? ROOT_URN,
            inputs,
            outputs: { ...identity, ...inputs, ...opts.outputs },
            dependencies,
            propertyDependencies,
        };
        this.resources.push(resource);
        return resource;
    }

    /** A Ref to `property` of `r`: its output value (unknown for new resources). */
    ref(r: BenchResource, property: string): Ref {
        return { value: r.outputs[property] ?? UNKNOWN_SENTINEL, urn: r.urn };
    }
}

function isRef(value: unknown): value is Ref {
    return typeof value === "object" && value !== null && "urn" in value && "value" in value && Object.keys(value).length === 2;
}

function resolveRefs(value: unknown, deps: Set<string>): JsonValue {
    if (isRef(value)) {
        deps.add(value.urn);
        return value.value;
    }
    if (Array.isArray(value)) {
        return value.map((v) => resolveRefs(v, deps));
    }
    if (typeof value === "object" && value !== null) {
        const out: JsonObject = {};
        for (const [k, v] of Object.entries(value)) {
            out[k] = resolveRefs(v, deps);
        }
        return out;
    }
    return value as JsonValue;
}

function qualifiedType(urn: string): string {
    return urn.split("::")[2];
}

function knownIdentity(type: string, name: string): JsonObject {
    const service = type.split(":")[1].split("/")[0];
    const arn = `arn:aws:${service}:us-east-1:${ACCOUNT}:${name}`;
    return { id: `${name}-id`, arn, name, arnSuffix: `app/${name}/0123456789abcdef`, identifier: name, address: `${name}.abc.us-east-1.rds.amazonaws.com`, url: `https://${service}.us-east-1.amazonaws.com/${ACCOUNT}/${name}` };
}

function unknownIdentity(): JsonObject {
    return { id: UNKNOWN_SENTINEL, arn: UNKNOWN_SENTINEL, name: UNKNOWN_SENTINEL, arnSuffix: UNKNOWN_SENTINEL, identifier: UNKNOWN_SENTINEL, address: UNKNOWN_SENTINEL, url: UNKNOWN_SENTINEL };
}

function secret(value: string): JsonObject {
    return { [specialSigKey]: specialSecretSig, value };
}

function tags(b: Builder, unit: string): JsonObject {
    return { team: `team-${unit.length % 7}`, service: unit, env: b.chance(0.8) ? "prod" : "staging" };
}

interface Network {
    vpc: BenchResource;
    publicSubnets: BenchResource[];
    privateSubnets: BenchResource[];
}

function network(b: Builder, n: number): Network {
    const known = n % 2 === 0;
    const name = `net${n}`;
    const component = b.add("faultguard:aws:MultiAzNetwork", name, {}, { known: true, outputs: {} });
    const opts = { parent: component, known };
    const vpc = b.add(aws.ec2.Vpc, `${name}-vpc`, { cidrBlock: `10.${n % 250}.0.0/16`, enableDnsHostnames: true, enableDnsSupport: true, tags: tags(b, name) }, opts);
    const igw = b.add(aws.ec2.InternetGateway, `${name}-igw`, { vpcId: b.ref(vpc, "id") }, opts);
    const publicSubnets = ZONES.map((zone, i) =>
        b.add(aws.ec2.Subnet, `${name}-public-${i}`, { vpcId: b.ref(vpc, "id"), cidrBlock: `10.${n % 250}.${i}.0/24`, availabilityZone: zone, mapPublicIpOnLaunch: false, tags: tags(b, name) }, opts),
    );
    const privateSubnets = ZONES.map((zone, i) =>
        b.add(aws.ec2.Subnet, `${name}-private-${i}`, { vpcId: b.ref(vpc, "id"), cidrBlock: `10.${n % 250}.${i + 10}.0/24`, availabilityZone: zone, tags: tags(b, name) }, opts),
    );
    const nats = publicSubnets.map((subnet, i) => {
        const eip = b.add(aws.ec2.Eip, `${name}-nat-eip-${i}`, { domain: "vpc" }, opts);
        return b.add(aws.ec2.NatGateway, `${name}-nat-${i}`, { allocationId: b.ref(eip, "id"), subnetId: b.ref(subnet, "id"), connectivityType: "public" }, opts);
    });
    b.add(aws.ec2.RouteTable, `${name}-public-rt`, { vpcId: b.ref(vpc, "id"), routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: b.ref(igw, "id") }] }, opts);
    nats.forEach((nat, i) =>
        b.add(aws.ec2.RouteTable, `${name}-private-rt-${i}`, { vpcId: b.ref(vpc, "id"), routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: b.ref(nat, "id") }] }, opts),
    );
    return { vpc, publicSubnets, privateSubnets };
}

function alarm(
    b: Builder,
    name: string,
    parent: BenchResource | undefined,
    known: boolean,
    topic: BenchResource,
    metric: { namespace: string; metricName: string; dimensions: Record<string, unknown>; threshold: number; statistic?: string },
): BenchResource {
    return b.add(
        aws.cloudwatch.MetricAlarm,
        name,
        {
            namespace: metric.namespace,
            metricName: metric.metricName,
            dimensions: metric.dimensions,
            statistic: metric.statistic ?? "Sum",
            period: 60,
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
            threshold: metric.threshold,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "notBreaching",
            alarmActions: [b.ref(topic, "arn")],
            okActions: [b.ref(topic, "arn")],
        },
        { parent, known },
    );
}

function service(b: Builder, s: number, net: Network): void {
    const known = s % 2 === 1;
    const name = `svc${s}`;
    const opts = { known };
    const topic = b.add(aws.sns.Topic, `${name}-alarms`, { kmsMasterKeyId: "alias/aws/sns", tags: tags(b, name) }, opts);

    // Load-balanced ASG, inside its component.
    const group = b.add("faultguard:aws:LoadBalancedAutoScalingGroup", name, {}, { known: true, outputs: {} });
    const inGroup = { parent: group, known };
    const sg = b.add(
        aws.ec2.SecurityGroup,
        `${name}-sg`,
        {
            vpcId: b.ref(net.vpc, "id"),
            description: `${name} instances`,
            ingress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.0.0.0/8"] }],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        },
        inGroup,
    );
    const lb = b.add(
        aws.lb.LoadBalancer,
        `${name}-alb`,
        {
            loadBalancerType: "application",
            internal: b.chance(0.5),
            subnets: net.publicSubnets.map((x) => b.ref(x, "id")),
            securityGroups: [b.ref(sg, "id")],
            enableDeletionProtection: b.chance(0.7),
            dropInvalidHeaderFields: true,
            idleTimeout: 60,
            accessLogs: b.chance(0.5) ? { bucket: "org-alb-logs", enabled: true, prefix: name } : undefined,
            tags: tags(b, name),
        },
        inGroup,
    );
    const tg = b.add(
        aws.lb.TargetGroup,
        `${name}-tg`,
        {
            port: 8080,
            protocol: "HTTP",
            targetType: "instance",
            vpcId: b.ref(net.vpc, "id"),
            deregistrationDelay: 30,
            healthCheck: { enabled: true, path: "/healthz", interval: 15, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 3, matcher: "200" },
        },
        inGroup,
    );
    b.add(
        aws.lb.Listener,
        `${name}-https`,
        {
            loadBalancerArn: b.ref(lb, "arn"),
            port: 443,
            protocol: "HTTPS",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
            certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/${name}`,
            defaultActions: [{ type: "forward", targetGroupArn: b.ref(tg, "arn") }],
        },
        inGroup,
    );
    const lt = b.add(
        aws.ec2.LaunchTemplate,
        `${name}-lt`,
        {
            imageId: "ami-0123456789abcdef0",
            instanceType: b.chance(0.5) ? "t3.medium" : "m6i.large",
            vpcSecurityGroupIds: [b.ref(sg, "id")],
            metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
            userData: Buffer.from(`#!/bin/bash\necho ${name}\n`).toString("base64"),
        },
        inGroup,
    );
    const singleAz = b.chance(0.1);
    const asg = b.add(
        aws.autoscaling.Group,
        `${name}-asg`,
        {
            vpcZoneIdentifiers: (singleAz ? net.privateSubnets.slice(0, 1) : net.privateSubnets).map((x) => b.ref(x, "id")),
            minSize: singleAz ? 1 : 2,
            maxSize: 6,
            desiredCapacity: 3,
            healthCheckType: b.chance(0.8) ? "ELB" : "EC2",
            healthCheckGracePeriod: 300,
            targetGroupArns: [b.ref(tg, "arn")],
            launchTemplate: { id: b.ref(lt, "id"), version: "$Latest" },
            tags: [{ key: "service", value: name, propagateAtLaunch: true }],
        },
        inGroup,
    );

    // RDS.
    const subnetGroup = b.add(aws.rds.SubnetGroup, `${name}-db-subnets`, { subnetIds: net.privateSubnets.map((x) => b.ref(x, "id")) }, opts);
    const db = b.add(
        aws.rds.Instance,
        `${name}-db`,
        {
            engine: "postgres",
            engineVersion: "16.3",
            instanceClass: "db.t4g.medium",
            allocatedStorage: 50,
            maxAllocatedStorage: 200,
            multiAz: b.chance(0.7),
            backupRetentionPeriod: b.chance(0.8) ? 7 : 0,
            deletionProtection: b.chance(0.8),
            storageEncrypted: true,
            dbSubnetGroupName: b.ref(subnetGroup, "name"),
            vpcSecurityGroupIds: [b.ref(sg, "id")],
            username: "app",
            password: secret("correct-horse-battery-staple"),
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: `${name}-final`,
            performanceInsightsEnabled: true,
            autoMinorVersionUpgrade: true,
            tags: tags(b, name),
        },
        opts,
    );

    // SQS with a DLQ, consumed by a Lambda.
    const dlq = b.add(aws.sqs.Queue, `${name}-dlq`, { messageRetentionSeconds: 1209600, sqsManagedSseEnabled: true }, opts);
    const redrive = dlq.outputs.arn === UNKNOWN_SENTINEL ? UNKNOWN_SENTINEL : JSON.stringify({ deadLetterTargetArn: dlq.outputs.arn, maxReceiveCount: 5 });
    const queue = b.add(
        aws.sqs.Queue,
        `${name}-jobs`,
        {
            visibilityTimeoutSeconds: b.chance(0.8) ? 180 : 30,
            messageRetentionSeconds: 345600,
            sqsManagedSseEnabled: true,
            redrivePolicy: b.chance(0.9) ? { value: redrive, urn: dlq.urn } : undefined,
        },
        opts,
    );
    const role = b.add(
        aws.iam.Role,
        `${name}-fn-role`,
        {
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
            managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"],
        },
        opts,
    );
    const fn = b.add(
        aws.lambda.Function,
        `${name}-worker`,
        {
            runtime: "nodejs20.x",
            handler: "index.handler",
            role: b.ref(role, "arn"),
            timeout: 30,
            memorySize: 512,
            reservedConcurrentExecutions: b.chance(0.5) ? 20 : undefined,
            tracingConfig: { mode: "Active" },
            environment: { variables: { QUEUE_URL: b.ref(queue, "url"), DB_HOST: b.ref(db, "address") } },
            code: { [specialSigKey]: specialArchiveSig, path: "./dist/worker.zip" },
        },
        opts,
    );
    b.add(
        aws.lambda.EventSourceMapping,
        `${name}-worker-jobs`,
        {
            eventSourceArn: b.ref(queue, "arn"),
            functionName: b.ref(fn, "arn"),
            batchSize: 10,
            maximumBatchingWindowInSeconds: 5,
            functionResponseTypes: ["ReportBatchItemFailures"],
            scalingConfig: { maximumConcurrency: 10 },
        },
        opts,
    );

    // Alarms on everything above.
    alarm(b, `${name}-alb-5xx`, group, known, topic, { namespace: "AWS/ApplicationELB", metricName: "HTTPCode_ELB_5XX_Count", dimensions: { LoadBalancer: b.ref(lb, "arnSuffix") }, threshold: 10 });
    alarm(b, `${name}-tg-unhealthy`, group, known, topic, {
        namespace: "AWS/ApplicationELB",
        metricName: "UnHealthyHostCount",
        dimensions: { LoadBalancer: b.ref(lb, "arnSuffix"), TargetGroup: b.ref(tg, "arnSuffix") },
        threshold: 1,
        statistic: "Maximum",
    });
    alarm(b, `${name}-asg-inservice`, group, known, topic, { namespace: "AWS/AutoScaling", metricName: "GroupInServiceInstances", dimensions: { AutoScalingGroupName: b.ref(asg, "name") }, threshold: 1, statistic: "Minimum" });
    alarm(b, `${name}-db-cpu`, undefined, known, topic, { namespace: "AWS/RDS", metricName: "CPUUtilization", dimensions: { DBInstanceIdentifier: b.ref(db, "identifier") }, threshold: 80, statistic: "Average" });
    alarm(b, `${name}-db-storage`, undefined, known, topic, { namespace: "AWS/RDS", metricName: "FreeStorageSpace", dimensions: { DBInstanceIdentifier: b.ref(db, "identifier") }, threshold: 5e9, statistic: "Minimum" });
    alarm(b, `${name}-jobs-age`, undefined, known, topic, { namespace: "AWS/SQS", metricName: "ApproximateAgeOfOldestMessage", dimensions: { QueueName: b.ref(queue, "name") }, threshold: 600, statistic: "Maximum" });
    alarm(b, `${name}-dlq-depth`, undefined, known, topic, { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: b.ref(dlq, "name") }, threshold: 1, statistic: "Maximum" });
    alarm(b, `${name}-worker-errors`, undefined, known, topic, { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: b.ref(fn, "name") }, threshold: 5 });
}

/** The root stack, the default AWS provider, then networks and services until `size` resources. */
export function syntheticStack(size: number, seed = 42): BenchResource[] {
    const b = new Builder(seed);
    b.resources.push({ urn: ROOT_URN, type: "pulumi:pulumi:Stack", name: `${PROJECT}-${STACK}`, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {} });
    b.add("pulumi:providers:aws", "default_7_48_0", { region: "us-east-1", version: "7.48.0" }, { known: true });
    let net = network(b, 0);
    for (let s = 0; b.resources.length < size; s++) {
        if (s > 0 && s % 10 === 0) {
            net = network(b, s / 10);
        }
        service(b, s, net);
    }
    // Links only point backwards, so a prefix is a consistent stack.
    return b.resources.slice(0, size);
}

/** How many resources of each type, for the report. */
export function typeMix(resources: readonly BenchResource[]): Record<string, number> {
    const mix: Record<string, number> = {};
    for (const r of resources) {
        mix[r.type] = (mix[r.type] ?? 0) + 1;
    }
    return mix;
}
