// The observability rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { albAccessLogs } from "./alb-access-logs";
import { apigwXray } from "./apigw-xray";
import { ec2DetailedMonitoring } from "./ec2-detailed-monitoring";
import { ecsContainerInsights } from "./ecs-container-insights";
import { lambdaStructuredLogs } from "./lambda-structured-logs";
import { lambdaTracing } from "./lambda-tracing";
import { logGroupRetention } from "./log-group-retention";
import { rdsMonitoring } from "./rds-monitoring";
import { sfnLoggingTracing } from "./sfn-logging-tracing";
import { ecsContainerLogging } from "./ecs-container-logging";

export const observabilityRules: Rule[] = [
    lambdaTracing,
    lambdaStructuredLogs,
    apigwXray,
    sfnLoggingTracing,
    ecsContainerInsights,
    logGroupRetention,
    rdsMonitoring,
    ec2DetailedMonitoring,
    albAccessLogs,
    ecsContainerLogging,
];
