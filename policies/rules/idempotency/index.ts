// The idempotency rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { sqsEsmPartialBatch } from "./sqs-esm-partial-batch";
import { sqsFifoDeduplication } from "./sqs-fifo-deduplication";

export const idempotencyRules: Rule[] = [sqsEsmPartialBatch, sqsFifoDeduplication];
