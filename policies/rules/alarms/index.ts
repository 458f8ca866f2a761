// The alarms rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { alarmActions } from "./alarm-actions";
import { asgAlarm } from "./asg-alarm";
import { asgScalingNotifications } from "./asg-scaling-notifications";
import { ecsServiceAlarm } from "./ecs-service-alarm";
import { lambdaAlarm } from "./lambda-alarm";
import { lbAlarm } from "./lb-alarm";
import { rdsAlarm } from "./rds-alarm";
import { sqsDlqAlarm } from "./sqs-dlq-alarm";
import { alarmDimensions } from "./alarm-dimensions";
import { apigwAlarm } from "./apigw-alarm";
import { sfnAlarm } from "./sfn-alarm";
import { cloudfrontAlarm } from "./cloudfront-alarm";
import { eventbridgeRuleAlarm } from "./eventbridge-rule-alarm";

export const alarmsRules: Rule[] = [alarmActions, asgAlarm, lbAlarm, rdsAlarm, lambdaAlarm, ecsServiceAlarm, sqsDlqAlarm, asgScalingNotifications, alarmDimensions, apigwAlarm, sfnAlarm, cloudfrontAlarm, eventbridgeRuleAlarm];
