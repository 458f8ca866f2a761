import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { aws as TYPES } from "../../../../policies/lib/aws-types";
import { ResourceView } from "../../../../policies/lib/resource";
import { UNKNOWN_STRING } from "../../../../policies/lib/values";
import { ecsContainerLogging } from "../../../../policies/rules/observability/ecs-container-logging";
import { analyze, messages, outcomes } from "../redundancy/fixtures";

const RULE = "ecs-container-logging";
const task = (name: string, containerDefinitions: pulumi.Input<string>) => new aws.ecs.TaskDefinition(name, { family: name, containerDefinitions });

describe(`${RULE} (through the analyzer)`, () => {
    it("flags containers without a log driver; passes awslogs and FireLens", async () => {
        const report = await analyze(() => {
            const awslogs = { logDriver: "awslogs", options: { "awslogs-group": "app", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app" } };
            task("logged", JSON.stringify([{ name: "app", image: "nginx", logConfiguration: awslogs }]));
            task("silent", JSON.stringify([{ name: "app", image: "nginx" }, { name: "sidecar", image: "envoy", logConfiguration: awslogs }]));
            task("firelens", JSON.stringify([{ name: "app", image: "nginx", logConfiguration: { logDriver: "awsfirelens" } }]));
        });
        assert.deepEqual(outcomes(report, RULE), ["violation mandatory silent"]);
        assert.match(messages(report, RULE, "silent")[0], /container app has no logConfiguration, so its output is lost/);
    });

    it("cannot decide a container list computed from new resources (pulumi.interpolate over a new log group); advisory in development", async () => {
        const report = await analyze(
            () => {
                const logs = new aws.cloudwatch.LogGroup("logs", { retentionInDays: 30 });
                task("computed", pulumi.interpolate`[{"name":"app","image":"nginx","logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"${logs.name}"}}}]`);
                task("silent", JSON.stringify([{ name: "app", image: "nginx" }]));
            },
            { stackTags: { "faultguard:profile": "development" } },
        );
        assert.deepEqual(outcomes(report, RULE), ["not-evaluated advisory computed", "violation advisory silent"]);
    });
});

describe(`${RULE} (check, on a definition whose values are unknown but whose structure is known)`, () => {
    it("decides from the structure: a container without logConfiguration is flagged whatever the unknown values", () => {
        const view = new ResourceView(TYPES.ecs.TaskDefinition, "urn:td", "td", {
            containerDefinitions: JSON.stringify([
                { name: "app", image: UNKNOWN_STRING },
                { name: "worker", image: "w", logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": UNKNOWN_STRING } } },
                { name: "computed", image: "c", logConfiguration: UNKNOWN_STRING },
            ]),
        });
        const findings = ecsContainerLogging.check(view, { config: {}, profile: "production" }) ?? [];
        assert.deepEqual(findings.map((f) => f.kind), ["violation"]);
        assert.match(findings[0].kind === "violation" ? findings[0].message : "", /container app has no logConfiguration/);
    });
});
