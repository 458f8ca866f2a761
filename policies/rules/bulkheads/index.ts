// The bulkheads rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { sqsEsmMaxConcurrency } from "./sqs-esm-max-concurrency";
import { sqsSingleConsumer } from "./sqs-single-consumer";

export const bulkheadsRules: Rule[] = [sqsEsmMaxConcurrency, sqsSingleConsumer];
