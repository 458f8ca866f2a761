import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "clb-health-check-draining";
const listeners = [{ instancePort: 8080, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }];

describe(`${RULE} (analyzer)`, () => {
    it("passes a classic ELB with a health check target and connection draining", async () => {
        const report = await analyzeInline(() => {
            new aws.elb.LoadBalancer("ok", {
                listeners,
                availabilityZones: ["eu-west-1a", "eu-west-1b"],
                healthCheck: { target: "HTTP:8080/health", interval: 15, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 2 },
                connectionDraining: true,
            });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });

    it("flags a classic ELB with neither, once per missing setting", async () => {
        const report = await analyzeInline(() => {
            new aws.elb.LoadBalancer("bare", { listeners, availabilityZones: ["eu-west-1a"] });
        });
        const v = violationsOf(report, RULE).sort((a, b) => a.message.localeCompare(b.message));
        assert.deepEqual(v.map((x) => [x.name, x.enforcementLevel]), [["bare", "advisory"], ["bare", "advisory"]]);
        assert.match(v[0].message, /connectionDraining is not enabled/);
        assert.match(v[1].message, /no healthCheck target/);
    });

    it("reports one could-not-evaluate advisory when draining comes from an unknown value", async () => {
        const report = await analyzeInline(() => {
            const q = new aws.sqs.Queue("q", {});
            new aws.elb.LoadBalancer("computed", {
                listeners,
                availabilityZones: ["eu-west-1a"],
                healthCheck: { target: "TCP:8080", interval: 15, timeout: 5, healthyThreshold: 3, unhealthyThreshold: 2 },
                connectionDraining: q.arn.apply((a) => a.length > 0),
            });
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        const n = notEvaluatedOf(report, RULE);
        assert.deepEqual(n.map((x) => x.name), ["computed"]);
        assert.match(n[0].message, /connectionDraining is unknown/);
    });
});
