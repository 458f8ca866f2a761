// The dead-letter-queues rules. Each rule lives in its own file in this folder; list it here.
import { type Rule } from "../../lib/rule";
import { esmStreamOnFailure } from "./esm-stream-on-failure";
import { eventbridgeTargetDlq } from "./eventbridge-target-dlq";
import { lambdaAsyncDlq } from "./lambda-async-dlq";
import { snsSubscriptionRedrive } from "./sns-subscription-redrive";
import { sqsDlq } from "./sqs-dlq";
import { sqsDlqFifoMatch } from "./sqs-dlq-fifo-match";
import { sqsDlqRetention } from "./sqs-dlq-retention";
import { sqsMaxReceiveCount } from "./sqs-max-receive-count";

export const deadLetterQueuesRules: Rule[] = [
    sqsDlq,
    sqsDlqRetention,
    sqsMaxReceiveCount,
    sqsDlqFifoMatch,
    lambdaAsyncDlq,
    snsSubscriptionRedrive,
    eventbridgeTargetDlq,
    esmStreamOnFailure,
];
