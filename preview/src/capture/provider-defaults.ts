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
// So that `faultguard preview` hands policies what the engine would, the capture applies the same
// defaults for the properties faultguard's rules read. Each value below is the Terraform schema
// default of terraform-provider-aws (the file is named per entry) and is stated in the shipped
// @pulumi/aws documentation of the property, which test/preview/provider-defaults.test.ts checks
// against the installed package.
import { type JsonObject, type JsonValue } from "./values";

export interface ProviderDefault {
  /** Pulumi property name (top level of the resource's inputs). */
  property: string;
  value: Exclude<JsonValue, null | false | 0 | "">;
  /** Not filled when any of these is present (Terraform ConflictsWith / ExactlyOneOf). */
  unlessPresent?: readonly string[];
  /** terraform-provider-aws source file declaring the default. */
  source: string;
}

const ELBV2_LB = "internal/service/elbv2/load_balancer.go";
const LOAD_BALANCER_DEFAULTS: readonly ProviderDefault[] = [
  { property: "loadBalancerType", value: "application", source: ELBV2_LB },
  { property: "idleTimeout", value: 60, source: ELBV2_LB },
];

/** Type token → the defaults the provider's Check fills in. */
export const AWS_PROVIDER_DEFAULTS: Readonly<Record<string, readonly ProviderDefault[]>> = {
  "aws:lb/loadBalancer:LoadBalancer": LOAD_BALANCER_DEFAULTS,
  "aws:alb/loadBalancer:LoadBalancer": LOAD_BALANCER_DEFAULTS,
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

/**
 * The inputs (wire form: unknowns are the sentinel string) with the provider's defaults filled in
 * for absent properties; the names of the filled properties. `inputs` is not modified.
 */
export function applyProviderDefaults(type: string, inputs: JsonObject): { inputs: JsonObject; filled: string[] } {
  const defaults = AWS_PROVIDER_DEFAULTS[type];
  if (!defaults) return { inputs, filled: [] };
  const out: JsonObject = { ...inputs };
  const filled: string[] = [];
  for (const d of defaults) {
    if (isPresent(out, d.property) || d.unlessPresent?.some((p) => isPresent(out, p))) continue;
    out[d.property] = d.value;
    filled.push(d.property);
  }
  return { inputs: out, filled };
}

