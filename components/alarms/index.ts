export { AlarmTopic, type AlarmTopicArgs, resolveAlarmTopic } from "./alarmTopic";
export { createMetricAlarm, type AlarmSpec, type AlarmActions } from "./metricAlarm";
