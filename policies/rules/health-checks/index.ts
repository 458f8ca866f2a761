// The health-checks rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { asgElbHealthCheck } from "./asg-elb-health-check";
import { awsxLbHealthCheck } from "./awsx-lb-health-check";
import { beanstalkEnhancedHealth } from "./beanstalk-enhanced-health";
import { clbHealthCheckDraining } from "./clb-health-check-draining";
import { ecsHealthChecks } from "./ecs-health-checks";
import { route53FailoverHealthCheck } from "./route53-failover-health-check";
import { tgHealthCheckExplicit } from "./tg-health-check-explicit";

export const healthChecksRules: Rule[] = [
    asgElbHealthCheck,
    tgHealthCheckExplicit,
    awsxLbHealthCheck,
    clbHealthCheckDraining,
    ecsHealthChecks,
    route53FailoverHealthCheck,
    beanstalkEnhancedHealth,
];
