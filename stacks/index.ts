// The faultguard example application: a web tier behind a load balancer, a replicated database
// only the web tier can reach, a queue worker for background jobs, and one alarm topic for all of
// them — each piece a faultguard component, so the stack is fault tolerant by construction and
// passes the faultguard-aws policy pack (`npm run preview`).
//
//   pulumi up --stack prod          # deploy (needs the Pulumi CLI and AWS credentials)
//   npm run preview                 # offline compliance preview of the prod stack
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmTopic, LoadBalancedAutoScalingGroup, MultiAzNetwork, QueueWorker, ReplicatedDatabase } from "../components";
import { loadStackConfig } from "./config";

const config = loadStackConfig();
const { profile, tags } = config;

// One encrypted topic for every alarm of the stack; subscribe your paging tool to it.
const alarmTopic = new AlarmTopic("alarms", { profile, tags, displayName: `faultguard-example ${pulumi.getStack()} alarms` });
const alarms = { topicArn: alarmTopic.topicArn };

const network = new MultiAzNetwork("network", {
    profile,
    tags,
    cidrBlock: config.network.cidrBlock,
    availabilityZoneCount: config.network.availabilityZoneCount,
});

// Background jobs: the web tier enqueues, a Lambda consumes with partial-batch failures and a DLQ.
const worker = new QueueWorker("jobs", {
    profile,
    tags,
    alarms,
    code: new pulumi.asset.FileArchive(path.join(__dirname, "worker")),
    handler: "index.handler",
    runtime: config.worker.runtime,
    timeoutSeconds: config.worker.timeoutSeconds,
    reservedConcurrency: config.worker.reservedConcurrency,
});

const web = new LoadBalancedAutoScalingGroup("web", {
    profile,
    tags,
    alarms,
    vpcId: network.vpcId,
    publicSubnetIds: network.publicSubnetIds,
    privateSubnetIds: network.privateSubnetIds,
    instanceTypes: config.web.instanceTypes,
    minSize: config.web.minSize,
    maxSize: config.web.maxSize,
    instancePort: config.web.port,
    loadBalancer: config.web.certificateArn === undefined ? undefined : { certificateArn: config.web.certificateArn },
    userData: pulumi.interpolate`#!/bin/bash
# Placeholder application: answers the load balancer's health check. Replace with your deployment.
cat > /etc/faultguard-example.env <<ENV
QUEUE_URL=${worker.queueUrl}
AWS_REGION=${config.region}
ENV
mkdir -p /srv/www && echo ok > /srv/www/health
cd /srv/www && nohup python3 -m http.server ${config.web.port} >/var/log/web.log 2>&1 &
`,
});

// The database accepts connections only from the web tier's instances.
const database = new ReplicatedDatabase("db", {
    profile,
    tags,
    alarms,
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
    allowedSecurityGroupIds: [web.instanceSecurityGroup.id],
    engine: config.database.engine,
    instanceClass: config.database.instanceClass,
    allocatedStorageGb: config.database.allocatedStorageGb,
    readReplicas: config.database.readReplicas,
});

// The web instances may enqueue jobs and read the database's managed master secret; nothing else.
new aws.iam.RolePolicy("web-app", {
    role: web.instanceRole.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "EnqueueJobs", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: worker.queueArn },
            { Sid: "ReadDatabaseSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: database.masterUserSecretArn },
        ],
    }),
});

const scheme = config.web.certificateArn === undefined ? "http" : "https";
export const url = pulumi.interpolate`${scheme}://${web.dnsName}`;
export const databaseEndpoint = database.endpoint;
/** Where to send reads: the read replica (`database.readReplicas`), else the writer. */
export const databaseReaderEndpoint = pulumi.all([database.readerEndpoint, database.endpoint]).apply(([reader, writer]) => reader ?? writer);
export const databaseSecretArn = database.masterUserSecretArn;
export const queueUrl = worker.queueUrl;
export const deadLetterQueueUrl = worker.deadLetterQueue.url;
export const alarmTopicArn = alarmTopic.topicArn;
