// The retries rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { esmStreamRetries } from "./esm-stream-retries";
import { sfnRetryJitter } from "./sfn-retry-jitter";

export const retriesRules: Rule[] = [esmStreamRetries, sfnRetryJitter];
