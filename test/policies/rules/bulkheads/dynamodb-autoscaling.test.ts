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

    it("requires the same of each global secondary index: counted when resource IDs are computed, named when literal", async () => {
        const withIndex = (name: string, tableName?: string) =>
            new aws.dynamodb.Table(name, {
                name: tableName,
                hashKey: "pk",
                attributes: [{ name: "pk", type: "S" }, { name: "user", type: "S" }],
                readCapacity: 5,
                writeCapacity: 5,
                globalSecondaryIndexes: [{ name: "byUser", hashKey: "user", projectionType: "ALL", readCapacity: 5, writeCapacity: 5 }],
            });
        const scaleIndex = (prefix: string, resourceId: pulumi.Input<string>, kinds: readonly ("Read" | "Write")[]) => {
            for (const kind of kinds) {
                const target = new aws.appautoscaling.Target(`${prefix}-${kind}-target`, { serviceNamespace: "dynamodb", resourceId, scalableDimension: `dynamodb:index:${kind}CapacityUnits`, minCapacity: 5, maxCapacity: 100 });
                new aws.appautoscaling.Policy(`${prefix}-${kind}-policy`, { policyType: "TargetTrackingScaling", serviceNamespace: "dynamodb", resourceId: target.resourceId, scalableDimension: target.scalableDimension });
            }
        };
        const report = await analyzeInline(() => {
            const scaled = withIndex("scaled");
            scale(scaled, ["Read", "Write"]);
            scaleIndex("scaled-index", pulumi.interpolate`table/${scaled.name}/index/byUser`, ["Read", "Write"]);
            const tableOnly = withIndex("table-only");
            for (const kind of ["Read", "Write"] as const) {
                const target = new aws.appautoscaling.Target(`table-only-${kind}`, { serviceNamespace: "dynamodb", resourceId: pulumi.interpolate`table/${tableOnly.name}`, scalableDimension: `dynamodb:table:${kind}CapacityUnits`, minCapacity: 5, maxCapacity: 100 });
                new aws.appautoscaling.Policy(`table-only-${kind}`, { policyType: "TargetTrackingScaling", serviceNamespace: "dynamodb", resourceId: target.resourceId, scalableDimension: target.scalableDimension });
            }
            withIndex("named", "named");
            for (const kind of ["Read", "Write"] as const) {
                new aws.appautoscaling.Target(`named-${kind}`, { serviceNamespace: "dynamodb", resourceId: "table/named", scalableDimension: `dynamodb:table:${kind}CapacityUnits`, minCapacity: 1, maxCapacity: 10 });
                new aws.appautoscaling.Policy(`named-${kind}`, { serviceNamespace: "dynamodb", resourceId: "table/named", scalableDimension: `dynamodb:table:${kind}CapacityUnits`, policyType: "TargetTrackingScaling" });
            }
            scaleIndex("named-index", "table/named/index/byUser", ["Read"]);
        });
        const found = violationsOf(report, RULE).map((v) => [v.name, v.message]);
        assert.deepEqual(found.map(([name]) => name).sort(), ["named", "table-only"]);
        assert.match(found.find(([n]) => n === "table-only")![1], /lacks a read scalable target for index byUser and a write scalable target for index byUser/);
        assert.match(found.find(([n]) => n === "named")![1], /lacks a write scalable target for index byUser/);
    });
});
