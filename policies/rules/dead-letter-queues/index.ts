// The dead-letter-queues rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { sqsDlq } from "./sqs-dlq";

export const deadLetterQueuesRules: Rule[] = [sqsDlq];
