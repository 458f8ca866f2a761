// The health-checks rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { asgElbHealthCheck } from "./asg-elb-health-check";

export const healthChecksRules: Rule[] = [asgElbHealthCheck];
