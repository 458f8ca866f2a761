// awsx load balancers judged by their inputs offline (issue 14 item 9): the listeners forward to the
// default target group awsx builds from `defaultTargetGroup`, otherwise unseen.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "awsx-lb-health-check";

describe(`${RULE} (analyzer)`, function () {
    this.timeout(120_000);

    it("flags a disabled or slow default target group check; passes AWS's defaults, a declared block with the provider's, and listeners that forward elsewhere", async () => {
        const report = await analyzeInline(() => {
            new awsx.lb.ApplicationLoadBalancer("bare", {});
            new awsx.lb.ApplicationLoadBalancer("declared", { defaultTargetGroup: { port: 8080, healthCheck: { path: "/health" } } });
            new awsx.lb.ApplicationLoadBalancer("off", { defaultTargetGroup: { healthCheck: { enabled: false } } });
            new awsx.lb.ApplicationLoadBalancer("slow", { defaultTargetGroup: { healthCheck: { interval: 60, unhealthyThreshold: 10 } } });
            new awsx.lb.ApplicationLoadBalancer("fn", { defaultTargetGroup: { targetType: "lambda", healthCheck: { enabled: false } } });
            new awsx.lb.ApplicationLoadBalancer("elsewhere", {
                listener: { port: 80, defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "503" } }] },
                defaultTargetGroup: { healthCheck: { enabled: false } },
            });
        });
        const found = new Map(violationsOf(report, RULE).map((v) => [v.name, v]));
        assert.deepEqual([...found.keys()].sort(), ["off", "slow"]);
        assert.match(found.get("off")!.message, /defaultTargetGroup\.healthCheck\.enabled is false/);
        assert.match(found.get("slow")!.message, /up to 600 s \(unhealthyThreshold 10 × interval 60 s\).*within 150 s/);
        assert.deepEqual([...new Set([...found.values()].map((v) => v.enforcementLevel))], ["advisory"]);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
        assert.equal(report.opaqueComponents.find((c) => c.name === "bare")?.judgedByInputs, true);
    });

    it("times a declared block with the provider's defaults (3 × 30 s) and none with AWS's (2 × 30 s); an unknown threshold is not taken for its default", async () => {
        const report = await analyzeInline(
            () => {
                new awsx.lb.ApplicationLoadBalancer("bare", {});
                new awsx.lb.ApplicationLoadBalancer("declared", { defaultTargetGroup: { healthCheck: { path: "/health" } } });
                const q = new aws.sqs.Queue("q", {});
                new awsx.lb.ApplicationLoadBalancer("computed", { defaultTargetGroup: { healthCheck: { path: "/h", unhealthyThreshold: q.arn.apply((a) => a.length) } } });
            },
            { policyConfig: { [RULE]: { enforcementLevel: "advisory", maxDetectionSeconds: 60 } } },
        );
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.message.match(/up to (\d+) s/)?.[1]]), [["declared", "90"]]);
        assert.deepEqual(notEvaluatedOf(report, RULE).map((v) => v.name), ["computed"]);
    });
});
