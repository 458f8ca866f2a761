import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, violationsOf } from "../../../support/analyze";

const RULE = "route53-failover-health-check";
const base = { zoneId: "Z123", name: "api.example.com", type: "CNAME", ttl: 60 };

describe(`${RULE} (analyzer)`, () => {
    it("passes a primary with a health check created in the same program (id unknown) and a secondary without one", async () => {
        const report = await analyzeInline(() => {
            const hc = new aws.route53.HealthCheck("primary", { fqdn: "eu.example.com", type: "HTTPS", resourcePath: "/health", failureThreshold: 3, requestInterval: 30, port: 443 });
            new aws.route53.Record("primary", { ...base, records: ["eu.example.com"], setIdentifier: "primary", failoverRoutingPolicies: [{ type: "PRIMARY" }], healthCheckId: hc.id });
            new aws.route53.Record("secondary", { ...base, records: ["us.example.com"], setIdentifier: "secondary", failoverRoutingPolicies: [{ type: "SECONDARY" }] });
            new aws.route53.Record("plain", { ...base, name: "www.example.com", records: ["example.com"] });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("flags, as mandatory, a primary failover record without a health check", async () => {
        const report = await analyzeInline(() => {
            new aws.route53.Record("primary", { ...base, records: ["eu.example.com"], setIdentifier: "primary", failoverRoutingPolicies: [{ type: "PRIMARY" }] });
        });
        const v = violationsOf(report, RULE);
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["primary", "mandatory"]]);
        assert.match(v[0].message, /PRIMARY failover record has no healthCheckId.*never fails over/);
    });

    it("accepts an alias that evaluates target health (an ALB created alongside), flags one that does not", async () => {
        const report = await analyzeInline(() => {
            const alb = new aws.lb.LoadBalancer("alb", { subnets: ["subnet-a", "subnet-b"] });
            const alias = (evaluateTargetHealth: boolean) => [{ name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth }];
            new aws.route53.Record("alias-ok", { zoneId: "Z123", name: "a.example.com", type: "A", setIdentifier: "p", failoverRoutingPolicies: [{ type: "PRIMARY" }], aliases: alias(true) });
            new aws.route53.Record("alias-blind", { zoneId: "Z123", name: "b.example.com", type: "A", setIdentifier: "p", failoverRoutingPolicies: [{ type: "PRIMARY" }], aliases: alias(false) });
        });
        const v = violationsOf(report, RULE);
        assert.deepEqual(v.map((x) => x.name), ["alias-blind"]);
        assert.match(v[0].message, /alias does not evaluate target health/);
    });

    it("checks secondaries too when requireOnSecondary is set", async () => {
        const report = await analyzeInline(
            () => {
                new aws.route53.Record("secondary", { ...base, records: ["us.example.com"], setIdentifier: "secondary", failoverRoutingPolicies: [{ type: "SECONDARY" }] });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "mandatory", requireOnSecondary: true } } },
        );
        assert.deepEqual(violationsOf(report, RULE).map((x) => x.name), ["secondary"]);
    });
});
