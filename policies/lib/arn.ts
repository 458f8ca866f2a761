// Literal references: what an ARN, a queue URL or a Lambda function reference written in a program
// names. Parsing is @aws-sdk/util-arn-parser's; this module only knows which part of each
// service's resource string is the name a resource of the stack is created with.
import { parse as parseArnString, validate as isArn, type ARN } from "@aws-sdk/util-arn-parser";
import { aws } from "./aws-types";

export type Arn = ARN;

/** The parts of an ARN, or undefined when `value` is not one. */
export function parseArn(value: string): Arn | undefined {
    return isArn(value) ? parseArnString(value) : undefined;
}

/** A literal reference's target: the types it can be, and the `name` that resource has. */
export interface NamedTarget {
    types: readonly string[];
    name: string;
}

const TARGET_GROUPS = [aws.lb.TargetGroup, aws.alb.TargetGroup];
const LOAD_BALANCERS = [aws.lb.LoadBalancer, aws.alb.LoadBalancer];

/** API Gateway's Lambda integration URI (arn:aws:apigateway:REGION:lambda:path/VERSION/functions/FUNCTION_ARN/invocations) → the function ARN. */
function invokedFunctionArn(arn: Arn): string | undefined {
    // The parser reads "lambda" as the account field; the resource is path/VERSION/functions/….
    return arn.service === "apigateway" && arn.accountId === "lambda" ? /^path\/[^/]+\/functions\/(arn:[^/]+)\/invocations$/.exec(arn.resource)?.[1] : undefined;
}

/** The name inside one service's ARN resource string, by the types it names. */
function namedInArn(arn: Arn): NamedTarget | undefined {
    const parts = arn.resource.split(/[:/]/);
    switch (arn.service) {
        case "apigateway": {
            // A Lambda integration's invoke URI names the function it invokes.
            const invoked = invokedFunctionArn(arn);
            const inner = invoked === undefined ? undefined : parseArn(invoked);
            return inner && inner.service === "lambda" ? namedInArn(inner) : undefined;
        }
        case "sqs":
            return { types: [aws.sqs.Queue], name: arn.resource };
        case "sns":
            // arn:aws:sns:<region>:<account>:TOPIC (a subscription adds :<id>).
            return parts.length === 1 ? { types: [aws.sns.Topic], name: arn.resource } : undefined;
        case "lambda":
            // function:NAME[:qualifier]
            return parts[0] === "function" && parts[1] ? { types: [aws.lambda.Function], name: parts[1] } : undefined;
        case "kinesis":
            return parts[0] === "stream" && parts[1] ? { types: [aws.kinesis.Stream], name: parts[1] } : undefined;
        case "states":
            return parts[0] === "stateMachine" && parts[1] ? { types: [aws.sfn.StateMachine], name: parts[1] } : undefined;
        case "elasticloadbalancing":
            // targetgroup/NAME/ID, loadbalancer/app|net|gwy/NAME/ID
            if (parts[0] === "targetgroup" && parts[1]) {
                return { types: TARGET_GROUPS, name: parts[1] };
            }
            return parts[0] === "loadbalancer" && parts.length === 4 ? { types: LOAD_BALANCERS, name: parts[2] } : undefined;
        default:
            return undefined;
    }
}

const SQS_URL = /^https:\/\/sqs\.[^/]+\/[^/]+\/([^/]+)$/;
/** ACCOUNT:function:NAME[:qualifier] — Lambda's partial ARN. */
const LAMBDA_PARTIAL_ARN = /^\d{12}:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9_$-]+)?$/;
/** NAME:qualifier — a function name with a version or alias. */
const LAMBDA_QUALIFIED_NAME = /^([A-Za-z0-9_-]+):[A-Za-z0-9_$-]+$/;

/**
 * What a literal reference names by the name of its target: an ARN of a queue, topic, function,
 * stream, state machine, target group or load balancer; a queue URL; a Lambda partial ARN or
 * `name:qualifier`. Undefined for anything else (plain names and IDs are matched as they are).
 */
export function namedTarget(value: string): NamedTarget | undefined {
    const arn = parseArn(value);
    if (arn) {
        return namedInArn(arn);
    }
    const url = SQS_URL.exec(value);
    if (url) {
        return { types: [aws.sqs.Queue], name: url[1] };
    }
    const lambda = LAMBDA_PARTIAL_ARN.exec(value) ?? LAMBDA_QUALIFIED_NAME.exec(value);
    return lambda ? { types: [aws.lambda.Function], name: lambda[1] } : undefined;
}

/** The function name a Lambda reference (name, `name:qualifier`, full or partial ARN) carries. */
export function lambdaFunctionName(value: string): string {
    const target = namedTarget(value);
    return target && target.types.includes(aws.lambda.Function) ? target.name : value;
}

/** The values a function may be known by in a stack, from a (possibly qualified) Lambda ARN or
 *  an API Gateway invoke URI: the value itself, the (qualified) function ARN, the unqualified ARN
 *  and the name. */
export function lambdaIdentities(value: string): string[] {
    const invoked = parseArn(value);
    const invokedArn = invoked ? invokedFunctionArn(invoked) : undefined;
    if (invokedArn !== undefined) {
        return [...new Set([value, ...lambdaIdentities(invokedArn)])];
    }
    const arn = parseArn(value);
    const target = arn ? namedInArn(arn) : undefined;
    if (!arn || !target || !target.types.includes(aws.lambda.Function)) {
        return [value];
    }
    const unqualified = `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}:function:${target.name}`;
    return [...new Set([value, unqualified, target.name])];
}
