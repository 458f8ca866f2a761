// A deliberately NON-compliant stack: plain @pulumi/aws, written the way it is often written
// without guard rails. It runs, it would even deploy, and it falls over the first time an AZ, a
// NAT gateway, a poison message or a slow job shows up. `npm run preview:noncompliant` shows what
// the faultguard-aws pack reports; every planted fault is labelled `// FAULT: <rule-id>` on the
// resource the pack must report it on, and listed in faults.json (checked by
// test/stacks/noncompliant.test.ts). Never deploy this.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const region = aws.getRegionOutput().name;
const zoneA = pulumi.interpolate`${region}a`;
const zoneB = pulumi.interpolate`${region}b`;

// --- Network: private subnets in two AZs, but one NAT gateway for both. ---------------------------
const vpc = new aws.ec2.Vpc("app", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true });
const igw = new aws.ec2.InternetGateway("app", { vpcId: vpc.id });
const publicA = new aws.ec2.Subnet("public-a", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", availabilityZone: zoneA, mapPublicIpOnLaunch: true });
const publicB = new aws.ec2.Subnet("public-b", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: zoneB, mapPublicIpOnLaunch: true });
const publicRoutes = new aws.ec2.RouteTable("public", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }] });
new aws.ec2.RouteTableAssociation("public-a", { subnetId: publicA.id, routeTableId: publicRoutes.id });
new aws.ec2.RouteTableAssociation("public-b", { subnetId: publicB.id, routeTableId: publicRoutes.id });

const natIp = new aws.ec2.Eip("nat", { domain: "vpc" });
const nat = new aws.ec2.NatGateway("nat", { subnetId: publicA.id, allocationId: natIp.id }); // the only NAT gateway, in AZ a
const privateRoutes = new aws.ec2.RouteTable("private", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }] });
const privateA = new aws.ec2.Subnet("private-a", { vpcId: vpc.id, cidrBlock: "10.0.10.0/24", availabilityZone: zoneA });
const privateB = new aws.ec2.Subnet("private-b", {
    vpcId: vpc.id,
    cidrBlock: "10.0.11.0/24",
    availabilityZone: zoneB, // FAULT: nat-per-az (AZ b reaches the internet through the NAT gateway in AZ a)
});
new aws.ec2.RouteTableAssociation("private-a", { subnetId: privateA.id, routeTableId: privateRoutes.id });
new aws.ec2.RouteTableAssociation("private-b", { subnetId: privateB.id, routeTableId: privateRoutes.id });

// --- Web tier: a load balancer in front of ONE instance in ONE AZ. ---------------------------------
const lbSecurityGroup = new aws.ec2.SecurityGroup("web-lb", {
    vpcId: vpc.id,
    ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});
const loadBalancer = new aws.lb.LoadBalancer("web", {
    // FAULT: lb-alarm (nothing watches 5xx or unhealthy hosts)
    loadBalancerType: "application",
    subnets: [publicA.id, publicB.id],
    securityGroups: [lbSecurityGroup.id],
});
const targetGroup = new aws.lb.TargetGroup("web", { port: 80, protocol: "HTTP", vpcId: vpc.id });
new aws.lb.Listener("web", { loadBalancerArn: loadBalancer.arn, port: 80, defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }] });

const ami = aws.ec2.getAmiOutput({ mostRecent: true, owners: ["amazon"], filters: [{ name: "name", values: ["al2023-ami-2023.*-x86_64"] }] });
const launchTemplate = new aws.ec2.LaunchTemplate("web", { imageId: ami.id, instanceType: "t3.micro" });
new aws.autoscaling.Group("web", {
    // FAULT: asg-multi-az (one subnet in one AZ, minSize 1)
    // FAULT: asg-elb-health-check (attached to a target group, but the group only uses EC2 status checks)
    // FAULT: asg-instance-diversity (a single instance type, no capacity rebalancing)
    // FAULT: asg-alarm (nothing notices when instances go missing)
    // FAULT: asg-scaling-notifications (launch and termination failures go unnoticed)
    // FAULT: asg-instance-refresh (no rolling replacement with rollback: a bad launch template reaches every instance)
    vpcZoneIdentifiers: [privateA.id],
    minSize: 1,
    maxSize: 2,
    targetGroupArns: [targetGroup.arn],
    launchTemplate: { id: launchTemplate.id, version: "$Latest" },
});

// --- Database: single-AZ, no backups, no protection. ------------------------------------------------
const dbSubnets = new aws.rds.SubnetGroup("db", { subnetIds: [privateA.id, privateB.id] });
new aws.rds.Instance("db", {
    // FAULT: rds-multi-az (one instance in one AZ: an AZ outage or maintenance takes the database down)
    // FAULT: rds-backups (no automated backups, no deletion protection, no final snapshot)
    // FAULT: rds-alarm (no alarm on CPU, storage or connections)
    // FAULT: rds-monitoring (no enhanced monitoring)
    // FAULT: rds-storage-autoscaling (20 GiB, no maxAllocatedStorage: writes stop when it fills)
    engine: "postgres",
    engineVersion: "16",
    instanceClass: "db.t4g.medium",
    allocatedStorage: 20,
    dbSubnetGroupName: dbSubnets.name,
    username: "app",
    manageMasterUserPassword: true,
    backupRetentionPeriod: 0,
    skipFinalSnapshot: true,
});

// --- Session cache: one Redis node. ------------------------------------------------------------------
const cacheSubnets = new aws.elasticache.SubnetGroup("sessions", { subnetIds: [privateA.id, privateB.id] });
new aws.elasticache.Cluster("sessions", {
    // FAULT: elasticache-cluster-redundancy (a stand-alone Redis cluster is one node: every session is lost with it)
    // FAULT: elasticache-backups (no snapshots)
    engine: "redis",
    nodeType: "cache.t4g.micro",
    numCacheNodes: 1,
    subnetGroupName: cacheSubnets.name,
});

// --- Background jobs: queues without DLQs, consumers with the wrong timeouts. -----------------------
const handlerCode = new pulumi.asset.AssetArchive({
    "index.js": new pulumi.asset.StringAsset("exports.handler = async (event) => { for (const r of event.Records) { await work(JSON.parse(r.body)); } };\nasync function work() {}\n"),
});
const lambdaRole = new aws.iam.Role("worker", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
});
new aws.iam.RolePolicyAttachment("worker", { role: lambdaRole.name, policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole" });

// Thumbnails: a queue with no dead-letter queue, consumed by a function left at the default timeout.
const uploads = new aws.sqs.Queue("uploads", {}); // FAULT: sqs-dlq (a poison message is retried until it expires, then lost without a trace)
const thumbnailer = new aws.lambda.Function("thumbnailer", {
    // FAULT: lambda-timeout (no explicit timeout: the 3 s default)
    // FAULT: lambda-alarm (errors go unnoticed)
    runtime: aws.lambda.Runtime.NodeJS20dX,
    handler: "index.handler",
    role: lambdaRole.arn,
    code: handlerCode,
});
new aws.lambda.EventSourceMapping("thumbnailer", {
    // FAULT: sqs-esm-partial-batch (one failed message makes the whole batch be retried)
    // FAULT: sqs-esm-max-concurrency (no cap: the queue may drive the function to the account limit)
    eventSourceArn: uploads.arn,
    functionName: thumbnailer.arn,
    batchSize: 10,
});

// Reports: a 2-minute job on a queue left at the 30 s default visibility timeout.
const reports = new aws.sqs.Queue("reports", {
    // FAULT: sqs-dlq (no redrive policy)
    // FAULT: sqs-visibility-timeout (30 s default < 6 × 120 s: a message still being processed is handed to a second invocation)
});
const reportBuilder = new aws.lambda.Function("report-builder", {
    // FAULT: lambda-alarm (errors go unnoticed)
    runtime: aws.lambda.Runtime.NodeJS20dX,
    handler: "index.handler",
    role: lambdaRole.arn,
    code: handlerCode,
    timeout: 120,
});
new aws.lambda.EventSourceMapping("report-builder", {
    // FAULT: sqs-esm-partial-batch (no ReportBatchItemFailures)
    // FAULT: sqs-esm-max-concurrency (no scalingConfig.maximumConcurrency)
    eventSourceArn: reports.arn,
    functionName: reportBuilder.arn,
});

export const url = pulumi.interpolate`http://${loadBalancer.dnsName}`;
export const uploadsQueueUrl = uploads.url;
export const reportsQueueUrl = reports.url;
