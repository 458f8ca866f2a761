// The defaults the AWS provider's Check fills into a resource's inputs, applied offline.
//
// Under `pulumi preview`, the engine calls the provider's Check on every custom resource before it
// calls Analyze, and policies see the checked inputs (pulumi/pulumi
// pkg/resource/deploy/step_generator.go: `Check`, then `analyzeResource` on the checked inputs;
// AnalyzeStack gets the outputs, which in a preview of a create are those same inputs). The AWS
// provider is a bridged Terraform provider; its Check (pulumi/pulumi-terraform-bridge
// pkg/tfbridge/provider.go `Check`: "re-generate the inputs WITH the TF defaults", schema.go
// `applyDefaults`) fills every absent property whose Terraform schema has a `Default`, except
//   - falsy defaults (false, 0, ""), which it leaves absent (`shouldSuppressTFSchemaDefaultValue`);
//   - properties that conflict with, or are exactly-one-of with, a property that is present;
//   - deprecated or removed properties.
// An unknown value counts as present; null counts as absent (Check unmarshals with SkipNulls).
//
// Nested blocks get the same treatment: the bridge converts a block that is present (an object, or
// each element of a list of blocks) with makeObjectTerraformInputs, which calls applyDefaults on the
// block's own schema. A block that is absent is not created (a block has no `Default`), so its
// sub-defaults are not filled either: e.g. a target group without `healthCheck` reaches Analyze
// without one, and AWS then applies its own CreateTargetGroup defaults after create, which the
// rules model themselves (policies/lib/target-group-health-check.ts).
//
// Properties the Terraform schema marks Optional+Computed (no `Default`) are NOT filled: AWS
// computes them after create, so in a preview they are absent from the inputs the engine analyzes
// (e.g. a target group's healthCheck.path, matcher and timeout; see NOT_FILLED below).
//
// So that `faultguard preview` hands policies what the engine would, the capture applies the same
// defaults for the properties faultguard's rules read. Each value below is the Terraform schema
// default of terraform-provider-aws (the file is named per entry) and is stated in the shipped
// @pulumi/aws documentation of the property, which test/preview/provider-defaults.test.ts checks
// against the installed package.
import { SIG, SPECIAL_SIG_KEY, type JsonObject, type JsonValue } from "./values";

/** A property whose Terraform schema has a (non-falsy) `Default`. */
export interface ProviderDefault {
  /** Pulumi property name, relative to the object it sits in (the inputs, or a nested block). */
  property: string;
  value: Exclude<JsonValue, null | false | 0 | "">;
  /** Not filled when any of these is present (Terraform ConflictsWith / ExactlyOneOf). */
  unlessPresent?: readonly string[];
  /** terraform-provider-aws source file declaring the default. */
  source: string;
}

/** A nested block (an object, or a list of objects): its own defaults, filled inside each present element. */
export interface ProviderDefaultBlock {
  property: string;
  block: readonly ProviderEntry[];
  source: string;
}

export type ProviderEntry = ProviderDefault | ProviderDefaultBlock;

export function isBlock(entry: ProviderEntry): entry is ProviderDefaultBlock {
  return "block" in entry;
}

const ELBV2_LB = "internal/service/elbv2/load_balancer.go";
const ELBV2_TG = "internal/service/elbv2/target_group.go";
const LOAD_BALANCER_DEFAULTS: readonly ProviderDefault[] = [
  { property: "loadBalancerType", value: "application", source: ELBV2_LB },
  { property: "idleTimeout", value: 60, source: ELBV2_LB },
];

// health_check: enabled, healthy_threshold, interval, port, protocol and unhealthy_threshold have a
// `Default`; matcher, path and timeout are Optional+Computed (AWS picks them per protocol after create).
const TARGET_GROUP_DEFAULTS: readonly ProviderEntry[] = [
  { property: "targetType", value: "instance", source: ELBV2_TG },
  {
    property: "healthCheck",
    source: ELBV2_TG,
    block: [
      { property: "enabled", value: true, source: ELBV2_TG },
      { property: "healthyThreshold", value: 3, source: ELBV2_TG },
      { property: "interval", value: 30, source: ELBV2_TG },
      { property: "port", value: "traffic-port", source: ELBV2_TG },
      { property: "protocol", value: "HTTP", source: ELBV2_TG },
      { property: "unhealthyThreshold", value: 3, source: ELBV2_TG },
    ],
  },
];

/**
 * Properties rules read that the provider does NOT fill (Optional+Computed in the Terraform schema,
 * so AWS decides them after create): listed so a test keeps them out of the table.
 */
export const NOT_FILLED: Readonly<Record<string, readonly string[]>> = {
  "aws:lb/targetGroup:TargetGroup": ["healthCheck.matcher", "healthCheck.path", "healthCheck.timeout"],
};

/** Type token → the defaults the provider's Check fills in. */
export const AWS_PROVIDER_DEFAULTS: Readonly<Record<string, readonly ProviderEntry[]>> = {
  "aws:lb/loadBalancer:LoadBalancer": LOAD_BALANCER_DEFAULTS,
  "aws:alb/loadBalancer:LoadBalancer": LOAD_BALANCER_DEFAULTS,
  "aws:lb/targetGroup:TargetGroup": TARGET_GROUP_DEFAULTS,
  "aws:alb/targetGroup:TargetGroup": TARGET_GROUP_DEFAULTS,
  "aws:codedeploy/deploymentGroup:DeploymentGroup": [
    { property: "deploymentConfigName", value: "CodeDeployDefault.OneAtATime", source: "internal/service/deploy/deployment_group.go" },
  ],
  "aws:apigateway/integration:Integration": [{ property: "timeoutMilliseconds", value: 29_000, source: "internal/service/apigateway/integration.go" }],
  "aws:lambda/function:Function": [
    { property: "timeout", value: 3, source: "internal/service/lambda/function.go" },
    { property: "reservedConcurrentExecutions", value: -1, source: "internal/service/lambda/function.go" },
  ],
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": [
    { property: "maximumRetryAttempts", value: 2, source: "internal/service/lambda/function_event_invoke_config.go" },
  ],
  "aws:sqs/queue:Queue": [
    { property: "visibilityTimeoutSeconds", value: 30, source: "internal/service/sqs/queue.go" },
    { property: "messageRetentionSeconds", value: 345_600, source: "internal/service/sqs/queue.go" },
    { property: "maxMessageSize", value: 262_144, source: "internal/service/sqs/queue.go" },
  ],
  "aws:elb/loadBalancer:LoadBalancer": [
    { property: "crossZoneLoadBalancing", value: true, source: "internal/service/elb/load_balancer.go" },
    { property: "idleTimeout", value: 60, source: "internal/service/elb/load_balancer.go" },
    { property: "connectionDrainingTimeout", value: 300, source: "internal/service/elb/load_balancer.go" },
  ],
  "aws:dynamodb/table:Table": [{ property: "billingMode", value: "PROVISIONED", source: "internal/service/dynamodb/table.go" }],
  "aws:ecs/service:Service": [{ property: "schedulingStrategy", value: "REPLICA", source: "internal/service/ecs/service.go" }],
  "aws:mq/broker:Broker": [{ property: "deploymentMode", value: "SINGLE_INSTANCE", source: "internal/service/mq/broker.go" }],
};

function isPresent(inputs: JsonObject, property: string): boolean {
  const value = inputs[property];
  return value !== undefined && value !== null;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A present block with the defaults filled in. Unknown blocks (the sentinel) stay as they are; a
 * secret block is filled inside its value, as the bridge fills the plaintext and re-marks it.
 */
function fillBlock(value: JsonValue, entries: readonly ProviderEntry[], at: string, filled: string[]): JsonValue {
  if (Array.isArray(value)) return value.map((element, i) => fillBlock(element, entries, `${at}[${i}]`, filled));
  if (!isObject(value)) return value;
  if (SPECIAL_SIG_KEY in value) {
    if (value[SPECIAL_SIG_KEY] !== SIG.secret || value.value === undefined) return value;
    return { ...value, value: fillBlock(value.value, entries, at, filled) };
  }
  return fillObject(value, entries, `${at}.`, filled);
}

function fillObject(inputs: JsonObject, entries: readonly ProviderEntry[], prefix: string, filled: string[]): JsonObject {
  const out: JsonObject = { ...inputs };
  for (const entry of entries) {
    if (isBlock(entry)) {
      if (isPresent(out, entry.property)) out[entry.property] = fillBlock(out[entry.property], entry.block, `${prefix}${entry.property}`, filled);
      continue;
    }
    if (isPresent(out, entry.property) || entry.unlessPresent?.some((p) => isPresent(out, p))) continue;
    out[entry.property] = entry.value;
    filled.push(`${prefix}${entry.property}`);
  }
  return out;
}

/**
 * The inputs (wire form: unknowns are the sentinel string) with the provider's defaults filled in
 * for absent properties, at the top level and inside present nested blocks; the paths of the filled
 * properties ("idleTimeout", "healthCheck.interval", "blocks[0].x"). `inputs` is not modified.
 */
export function applyProviderDefaults(type: string, inputs: JsonObject): { inputs: JsonObject; filled: string[] } {
  const defaults = AWS_PROVIDER_DEFAULTS[type];
  return defaults ? fillDefaults(inputs, defaults) : { inputs, filled: [] };
}

/** `inputs` with `entries` filled in where absent (the mechanism behind applyProviderDefaults). */
export function fillDefaults(inputs: JsonObject, entries: readonly ProviderEntry[]): { inputs: JsonObject; filled: string[] } {
  const filled: string[] = [];
  return { inputs: fillObject(inputs, entries, "", filled), filled };
}
