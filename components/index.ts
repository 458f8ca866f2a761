// faultguard golden-path components: local Pulumi components that are fault tolerant by default.
export { ComponentArgsError, type ArgsProblem } from "./lib/validation";
export { type Profile, DEFAULT_PROFILE } from "./lib/profile";
export { type CommonArgs, type AlarmRoutingArgs } from "./lib/common";
export { type SubnetIds } from "./lib/subnets";
export { AlarmTopic, type AlarmTopicArgs, createMetricAlarm, type AlarmSpec, type AlarmActions } from "./alarms";
export { MultiAzNetwork, type MultiAzNetworkArgs } from "./network/multiAzNetwork";
export { LoadBalancedAutoScalingGroup, type LoadBalancedAutoScalingGroupArgs } from "./loadBalancing/loadBalancedAutoScalingGroup";
export { type LoadBalancerArgs, type TargetHealthCheckArgs, type LoadBalancerAlarmThresholds, DEFAULT_SSL_POLICY } from "./loadBalancing/applicationLoadBalancer";
export { HealthCheckedService, type HealthCheckedServiceArgs, type ContainerHealthCheckArgs } from "./service/healthCheckedService";
export { QueueWorker, type QueueWorkerArgs, requiredVisibility } from "./queue/queueWorker";
export { ReplicatedDatabase, type ReplicatedDatabaseArgs, type DatabaseEngine, parameterGroupFamily } from "./database/replicatedDatabase";
