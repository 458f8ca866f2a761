// The circuit-breakers rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { asgInstanceRefresh } from "./asg-instance-refresh";
import { codedeployRollback } from "./codedeploy-rollback";
import { ecsCircuitBreaker } from "./ecs-circuit-breaker";
import { ecsDeploymentAlarms } from "./ecs-deployment-alarms";

export const circuitBreakersRules: Rule[] = [ecsCircuitBreaker, ecsDeploymentAlarms, asgInstanceRefresh, codedeployRollback];
