import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";
import { asString, isRecord } from "../../lib/values";

export const route53FailoverHealthCheck = resourceRule({
    id: "route53-failover-health-check",
    title: "Route 53 failover records are health-checked",
    pillar: "health-checks",
    description:
        "A Route 53 record with `failoverRoutingPolicies` of type PRIMARY (and SECONDARY when `requireOnSecondary`) sets `healthCheckId`, or is an alias with `evaluateTargetHealth: true`.",
    remediation: [
        "Attach a health check to the primary record (or let an alias evaluate its target's health):",
        "```ts",
        "const hc = new aws.route53.HealthCheck(\"primary\", { fqdn: \"eu.example.com\", type: \"HTTPS\", resourcePath: \"/health\", failureThreshold: 3, requestInterval: 30 });",
        "new aws.route53.Record(\"api-primary\", {",
        "    zoneId, name: \"api.example.com\", type: \"CNAME\", ttl: 60, records: [\"eu.example.com\"],",
        "    setIdentifier: \"primary\", failoverRoutingPolicies: [{ type: \"PRIMARY\" }],",
        "    healthCheckId: hc.id,",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "Mandatory in production: Route 53 treats a PRIMARY failover record without a health check as always healthy, so failover never happens — the record cannot do the one thing it exists for, and nobody finds out until the primary region is down. The fix is free and local to the record.",
    byDefault: { shown: true, why: "A failover record without a health check never fails over." },
    resourceTypes: [aws.route53.Record],
    anchors: {
        gap: true,
        wellArchitected: ["REL10-BP01", "REL11-BP01", "REL13-BP04"],
    },
    config: z.object({
        requireOnSecondary: z
            .boolean()
            .default(false)
            .describe("Also require a health check on SECONDARY records (Route 53 answers with the secondary when the primary is unhealthy, even if the secondary is down)."),
    }),
    check(record, { config }) {
        const policies = record.read("failoverRoutingPolicies");
        if (!policies.known) {
            return [unresolvable("failoverRoutingPolicies")];
        }
        if (!Array.isArray(policies.value) || policies.value.length === 0) {
            return [];
        }
        const first: unknown = policies.value[0];
        const typeValue = isRecord(first) ? first["type"] : undefined;
        const role = asString(typeValue)?.toUpperCase();
        if (role === undefined) {
            return typeValue === undefined ? [] : [unresolvable("failoverRoutingPolicies.0.type")];
        }
        if (role !== "PRIMARY" && !(role === "SECONDARY" && config.requireOnSecondary)) {
            return [];
        }
        // Set to anything, even a value unknown in preview (a health check created alongside), counts.
        const hc = record.read("healthCheckId");
        if (!hc.known || (hc.value !== undefined && hc.value !== null && hc.value !== "")) {
            return [];
        }
        const aliases = record.read("aliases");
        if (!aliases.known) {
            return [unresolvable("aliases")];
        }
        const aliasList = Array.isArray(aliases.value) ? aliases.value : [];
        // An unknown evaluateTargetHealth may well be true: do not fail on it.
        const evaluates = aliasList.some((a, i) => (isRecord(a) && a["evaluateTargetHealth"] === true) || !record.read(`aliases.${i}.evaluateTargetHealth`).known);
        if (evaluates) {
            return [];
        }
        return [
            violation(
                `this ${role} failover record has no healthCheckId${aliasList.length > 0 ? " and its alias does not evaluate target health" : ""}, so Route 53 always treats it as healthy and never fails over; set healthCheckId to an aws.route53.HealthCheck (or aliases[0].evaluateTargetHealth: true for an alias to a load balancer).`,
            ),
        ];
    },
});
