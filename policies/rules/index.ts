// Every rule of the faultguard-aws pack, by pillar. The order here is the catalog's order.
import { type Rule } from "../lib/rule";
import { alarmsRules } from "./alarms";
import { bulkheadsRules } from "./bulkheads";
import { circuitBreakersRules } from "./circuit-breakers";
import { deadLetterQueuesRules } from "./dead-letter-queues";
import { durabilityRules } from "./durability";
import { gracefulDegradationRules } from "./graceful-degradation";
import { healthChecksRules } from "./health-checks";
import { idempotencyRules } from "./idempotency";
import { observabilityRules } from "./observability";
import { redundancyRules } from "./redundancy";
import { retriesRules } from "./retries";
import { timeoutsRules } from "./timeouts";

export const allRules: readonly Rule[] = [
    ...redundancyRules,
    ...timeoutsRules,
    ...alarmsRules,
    ...deadLetterQueuesRules,
    ...retriesRules,
    ...idempotencyRules,
    ...circuitBreakersRules,
    ...bulkheadsRules,
    ...healthChecksRules,
    ...durabilityRules,
    ...observabilityRules,
    ...gracefulDegradationRules,
];
