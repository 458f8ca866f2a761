// The retries rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { esmStreamRetries } from "./esm-stream-retries";
import { eventbridgeTargetRetryPolicy } from "./eventbridge-target-retry-policy";
import { lambdaAsyncRetries } from "./lambda-async-retries";
import { sfnRetryJitter } from "./sfn-retry-jitter";
import { sfnLambdaRetry } from "./sfn-lambda-retry";

export const retriesRules: Rule[] = [lambdaAsyncRetries, eventbridgeTargetRetryPolicy, esmStreamRetries, sfnRetryJitter, sfnLambdaRetry];
