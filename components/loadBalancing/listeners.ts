import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { type Scope } from "../lib/component";

/** Target-group settings (the parsed `healthCheck` and `loadBalancer` args). */
export interface TargetGroupSettings {
    vpcId: pulumi.Input<string>;
    port: number;
    targetType: "instance" | "ip";
    deregistrationDelaySeconds: number;
    healthCheck: { path: string; matcher: string; intervalSeconds: number; timeoutSeconds: number; healthyThreshold: number; unhealthyThreshold: number };
}

/** An HTTP target group with an explicit health check on the traffic port. */
export function createTargetGroup(scope: Scope, settings: TargetGroupSettings): aws.lb.TargetGroup {
    const hc = settings.healthCheck;
    return new aws.lb.TargetGroup(
        `${scope.name}-tg`,
        {
            vpcId: settings.vpcId,
            port: settings.port,
            protocol: "HTTP",
            targetType: settings.targetType,
            deregistrationDelay: settings.deregistrationDelaySeconds,
            healthCheck: {
                enabled: true,
                path: hc.path,
                matcher: hc.matcher,
                protocol: "HTTP",
                port: "traffic-port",
                interval: hc.intervalSeconds,
                timeout: hc.timeoutSeconds,
                healthyThreshold: hc.healthyThreshold,
                unhealthyThreshold: hc.unhealthyThreshold,
            },
            tags: scope.tags,
        },
        scope.child,
    );
}

/** The ports the listeners open: 443 and 80 (redirect) with a certificate, else 80. */
export function listenerPorts(tls: { certificateArn?: pulumi.Input<string> }): number[] {
    return tls.certificateArn !== undefined ? [443, 80] : [80];
}

/**
 * With a certificate: HTTPS on 443 forwarding to the targets and HTTP on 80 that only redirects to
 * HTTPS. Without: plain HTTP on 80 forwarding to the targets (development, or TLS terminated in
 * front of the ALB).
 */
export function createListeners(scope: Scope, loadBalancer: aws.lb.LoadBalancer, targetGroup: aws.lb.TargetGroup, tls: { certificateArn?: pulumi.Input<string>; sslPolicy: string }): aws.lb.Listener[] {
    const { name, tags, child } = scope;
    const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];
    if (tls.certificateArn === undefined) {
        return [new aws.lb.Listener(`${name}-http`, { loadBalancerArn: loadBalancer.arn, port: 80, protocol: "HTTP", defaultActions: forward, tags }, child)];
    }
    const redirect = [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }];
    return [
        new aws.lb.Listener(`${name}-https`, { loadBalancerArn: loadBalancer.arn, port: 443, protocol: "HTTPS", sslPolicy: tls.sslPolicy, certificateArn: tls.certificateArn, defaultActions: forward, tags }, child),
        new aws.lb.Listener(`${name}-http-redirect`, { loadBalancerArn: loadBalancer.arn, port: 80, protocol: "HTTP", defaultActions: redirect, tags }, child),
    ];
}
