// The bulkheads rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { apigwThrottling } from "./apigw-throttling";
import { dynamodbAutoscaling } from "./dynamodb-autoscaling";
import { lambdaConcurrencyDisabled } from "./lambda-concurrency-disabled";
import { lambdaReservedConcurrency } from "./lambda-reserved-concurrency";
import { sqsEsmMaxConcurrency } from "./sqs-esm-max-concurrency";
import { sqsSingleConsumer } from "./sqs-single-consumer";
import { ecsServiceAutoscaling } from "./ecs-service-autoscaling";
import { rdsStorageAutoscaling } from "./rds-storage-autoscaling";

export const bulkheadsRules: Rule[] = [
    lambdaConcurrencyDisabled,
    lambdaReservedConcurrency,
    sqsEsmMaxConcurrency,
    sqsSingleConsumer,
    apigwThrottling,
    dynamodbAutoscaling,
    ecsServiceAutoscaling,
    rdsStorageAutoscaling,
];
