import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, notEvaluatedOf, violationsOf } from "../../../support/analyze";

const RULE = "dynamodb-autoscaling";

function table(name: string, billingMode?: string): aws.dynamodb.Table {
    return new aws.dynamodb.Table(name, { hashKey: "pk", attributes: [{ name: "pk", type: "S" }], billingMode, readCapacity: 5, writeCapacity: 5 });
}

function scale(t: aws.dynamodb.Table, kinds: readonly ("Read" | "Write")[], withPolicy = true): void {
    for (const kind of kinds) {
        const target = new aws.appautoscaling.Target(`${kind}-target`, {
            serviceNamespace: "dynamodb",
            resourceId: pulumi.interpolate`table/${t.name}`,
            scalableDimension: `dynamodb:table:${kind}CapacityUnits`,
            minCapacity: 5,
            maxCapacity: 100,
        });
        if (withPolicy) {
            new aws.appautoscaling.Policy(`${kind}-policy`, {
                policyType: "TargetTrackingScaling",
                serviceNamespace: target.serviceNamespace,
                resourceId: target.resourceId,
                scalableDimension: target.scalableDimension,
                targetTrackingScalingPolicyConfiguration: { targetValue: 70, predefinedMetricSpecification: { predefinedMetricType: `DynamoDB${kind}CapacityUtilization` } },
            });
        }
    }
}

describe(RULE, () => {
    it("passes a provisioned table with read and write targets and policies (IDs unknown in preview), and on-demand tables", async () => {
        const report = await analyzeInline(() => {
            scale(table("orders"), ["Read", "Write"]);
            table("events", "PAY_PER_REQUEST");
        });
        assert.deepEqual(violationsOf(report, RULE), []);
        assert.deepEqual(notEvaluatedOf(report, RULE), []);
    });

    it("flags a provisioned table (billingMode absent = PROVISIONED) without autoscaling, advisory", async () => {
        const report = await analyzeInline(() => {
            table("orders");
        });
        assert.deepEqual(violationsOf(report, RULE).map((v) => [v.name, v.enforcementLevel]), [["orders", "advisory"]]);
        assert.match(violationsOf(report, RULE)[0].message, /lacks a read scalable target and a write scalable target/);
    });

    it("flags a table that scales only reads, and one with targets but no policies", async () => {
        const report = await analyzeInline(() => {
            scale(table("reads-only", "PROVISIONED"), ["Read"]);
        });
        assert.match(violationsOf(report, RULE)[0].message, /lacks a write scalable target/);
        const noPolicy = await analyzeInline(() => scale(table("orders"), ["Read", "Write"], false));
        assert.match(violationsOf(noPolicy, RULE)[0].message, /lacks a read scaling policy and a write scaling policy/);
    });

    it("links targets written with a literal resource ID to a named table", async () => {
        const report = await analyzeInline(() => {
            new aws.dynamodb.Table("orders", { name: "orders", hashKey: "pk", attributes: [{ name: "pk", type: "S" }], readCapacity: 5, writeCapacity: 5 });
            for (const kind of ["Read", "Write"]) {
                new aws.appautoscaling.Target(`${kind}-t`, { serviceNamespace: "dynamodb", resourceId: "table/orders", scalableDimension: `dynamodb:table:${kind}CapacityUnits`, minCapacity: 1, maxCapacity: 10 });
                new aws.appautoscaling.Policy(`${kind}-p`, { serviceNamespace: "dynamodb", resourceId: "table/orders", scalableDimension: `dynamodb:table:${kind}CapacityUnits`, policyType: "TargetTrackingScaling" });
            }
        });
        assert.deepEqual(violationsOf(report, RULE), []);
    });
});
