// The timeouts rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { albIdleTimeout } from "./alb-idle-timeout";
import { apigwIntegrationTimeout } from "./apigw-integration-timeout";
import { lambdaTimeout } from "./lambda-timeout";
import { sfnTaskTimeouts } from "./sfn-task-timeouts";
import { sqsVisibilityTimeout } from "./sqs-visibility-timeout";
import { tgHealthCheckTimeout } from "./tg-health-check-timeout";
import { apigwLambdaTimeout } from "./apigw-lambda-timeout";

export const timeoutsRules: Rule[] = [lambdaTimeout, sqsVisibilityTimeout, tgHealthCheckTimeout, albIdleTimeout, apigwIntegrationTimeout, sfnTaskTimeouts, apigwLambdaTimeout];
