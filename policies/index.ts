// The faultguard-aws CrossGuard policy pack. `pulumi preview --policy-pack policies` and
// `pulumi policy publish` run this file; the rules themselves live in ./rules and never start a
// server when imported.
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies } from "./lib/pack";
import { watchEngineCalls } from "./lib/settings";
import { allRules } from "./rules";

watchEngineCalls();

new PolicyPack("faultguard-aws", {
    description:
        "Fault tolerance for AWS: redundancy, timeouts, alarms and dead-letter queues (mandatory), then retries, circuit breakers, bulkheads, health checks, durability and observability. Decisive in the first preview of a new stack.",
    policies: buildPolicies(allRules),
});
