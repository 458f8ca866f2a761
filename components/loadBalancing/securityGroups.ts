import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { type Scope } from "../lib/component";

export interface LoadBalancerSecurityGroups {
    loadBalancer: aws.ec2.SecurityGroup;
    targets: aws.ec2.SecurityGroup;
}

/** Two security groups: the world (`ingressCidrBlocks`) → ALB on the listener ports only; ALB → targets on the target port only. */
export function createLoadBalancerSecurityGroups(
    scope: Scope,
    settings: { vpcId: pulumi.Input<string>; ingressCidrBlocks: string[]; listenerPorts: number[]; targetPort: number },
): LoadBalancerSecurityGroups {
    const { name, tags, child } = scope;
    const { vpcId, ingressCidrBlocks, targetPort } = settings;
    const group = (suffix: string, description: string) => new aws.ec2.SecurityGroup(`${name}-${suffix}`, { vpcId, description, tags: { ...tags, Name: `${name}-${suffix}` } }, child);
    const loadBalancer = group("alb", `${name} load balancer: listener ports from ${ingressCidrBlocks.join(", ")}`);
    const targets = group("targets", `${name} targets: port ${targetPort} from the load balancer only`);
    for (const port of settings.listenerPorts) {
        ingressCidrBlocks.forEach((cidr, i) => {
            const rule = { securityGroupId: loadBalancer.id, cidrIpv4: cidr, ipProtocol: "tcp", fromPort: port, toPort: port, description: `listener ${port}`, tags };
            new aws.vpc.SecurityGroupIngressRule(`${name}-alb-in-${port}-${i}`, rule, child);
        });
    }
    const targetPortOnly = { ipProtocol: "tcp", fromPort: targetPort, toPort: targetPort, tags };
    new aws.vpc.SecurityGroupEgressRule(`${name}-alb-out-targets`, { securityGroupId: loadBalancer.id, referencedSecurityGroupId: targets.id, ...targetPortOnly, description: "to targets" }, child);
    new aws.vpc.SecurityGroupIngressRule(`${name}-targets-in-alb`, { securityGroupId: targets.id, referencedSecurityGroupId: loadBalancer.id, ...targetPortOnly, description: "from the load balancer" }, child);
    // Targets call out (package mirrors, AWS APIs) through the NAT gateways.
    new aws.vpc.SecurityGroupEgressRule(`${name}-targets-out`, { securityGroupId: targets.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "-1", description: "outbound through NAT", tags }, child);
    return { loadBalancer, targets };
}
