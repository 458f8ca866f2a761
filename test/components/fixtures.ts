// Minimal component instances: the smallest args a user can pass. Shared by the unit tests and
// the compliant-by-construction test.
import * as pulumi from "@pulumi/pulumi";
import {
    HealthCheckedService,
    LoadBalancedAutoScalingGroup,
    MultiAzNetwork,
    QueueWorker,
    ReplicatedDatabase,
} from "../../components";

export const workerCode = (): pulumi.asset.Archive =>
    new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ batchItemFailures: [] });"),
    });

export function minimalNetwork(name = "net"): MultiAzNetwork {
    return new MultiAzNetwork(name);
}

export function minimalWebTier(net: MultiAzNetwork, name = "web"): LoadBalancedAutoScalingGroup {
    return new LoadBalancedAutoScalingGroup(name, { vpcId: net.vpcId, publicSubnetIds: net.publicSubnetIds, privateSubnetIds: net.privateSubnetIds });
}

export function minimalService(net: MultiAzNetwork, name = "api"): HealthCheckedService {
    return new HealthCheckedService(name, { vpcId: net.vpcId, publicSubnetIds: net.publicSubnetIds, privateSubnetIds: net.privateSubnetIds, image: "public.ecr.aws/nginx/nginx:1.27" });
}

export function minimalDatabase(net: MultiAzNetwork, clientSecurityGroupId: pulumi.Input<string>, name = "db"): ReplicatedDatabase {
    return new ReplicatedDatabase(name, { engine: "postgres", vpcId: net.vpcId, subnetIds: net.privateSubnetIds, allowedSecurityGroupIds: [clientSecurityGroupId] });
}

export function minimalWorker(name = "jobs"): QueueWorker {
    return new QueueWorker(name, { code: workerCode(), handler: "index.handler", runtime: "nodejs20.x" });
}
