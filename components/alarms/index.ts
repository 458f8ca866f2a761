export { AlarmTopic, type AlarmTopicArgs } from "./alarmTopic";
export { createMetricAlarm, type AlarmSpec, type AlarmActions } from "./metricAlarm";
export { defineAlarmedComponent, resolveAlarmTopic, type AlarmedContext, type AlarmedScope } from "./routing";
