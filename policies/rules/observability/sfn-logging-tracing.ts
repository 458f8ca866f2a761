import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation, type Finding } from "../../lib/rule";

/** Step Functions log levels, least to most verbose. */
const LEVELS = ["OFF", "FATAL", "ERROR", "ALL"] as const;
type Level = (typeof LEVELS)[number];

export const sfnLoggingTracing = resourceRule({
    id: "sfn-logging-tracing",
    title: "Step Functions state machines log and trace",
    pillar: "observability",
    description:
        "A state machine sets `loggingConfiguration.level` to at least `minLevel` (not OFF) with a `logDestination`, `includeExecutionData` when `requireExecutionData`, and `tracingConfiguration.enabled: true`.",
    remediation: [
        "```ts",
        "new aws.sfn.StateMachine(\"orders\", {",
        "    loggingConfiguration: { level: \"ERROR\", includeExecutionData: true, logDestination: pulumi.interpolate`${logGroup.arn}:*` },",
        "    tracingConfiguration: { enabled: true },",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: failed executions without logs or traces are hard to diagnose, and for EXPRESS workflows the logs are the only execution history there is. The workflow runs the same without them, so this warns rather than blocks.",
    byDefault: { shown: true, why: "A failed execution without logs cannot be diagnosed once its history is gone." },
    resourceTypes: [aws.sfn.StateMachine],
    anchors: {
        cdkNag: ["AwsSolutions-SF1", "AwsSolutions-SF2"],
        checkov: ["CKV_AWS_284"],
        awsConfig: ["step-functions-state-machine-logging-enabled"],
        securityHub: ["StepFunctions.1"],
        other: ["SR WS5000"],
        wellArchitected: ["REL06-BP01", "REL06-BP07"],
    },
    config: z.object({
        minLevel: z.enum(["FATAL", "ERROR", "ALL"]).default("ERROR").describe("Least verbose loggingConfiguration.level accepted (AwsSolutions-SF1 asks for ALL)."),
        requireExecutionData: z.boolean().default(false).describe("Also require includeExecutionData: true (inputs/outputs in the logs; mind sensitive data)."),
    }),
    check(sm, { config }) {
        const findings: Finding[] = [];
        const type = sm.read("type");
        const express = type.known && type.value === "EXPRESS";
        const levelRead = sm.read("loggingConfiguration.level");
        if (!levelRead.known) {
            findings.push(unresolvable(levelRead.path));
        } else {
            const raw = typeof levelRead.value === "string" ? levelRead.value.toUpperCase() : "OFF";
            const level: Level = (LEVELS as readonly string[]).includes(raw) ? (raw as Level) : "OFF";
            const history = express ? " (for an EXPRESS workflow the logs are its only execution history)" : "";
            if (LEVELS.indexOf(level) < LEVELS.indexOf(config.minLevel)) {
                findings.push(
                    violation(
                        `loggingConfiguration.level is ${levelRead.value === undefined ? "unset (OFF)" : `"${level}"`}${history}; set loggingConfiguration: { level: "${config.minLevel}", includeExecutionData: true, logDestination: "<log group ARN>:*" }.`,
                    ),
                );
            } else {
                const dest = sm.read("loggingConfiguration.logDestination");
                if (dest.known && (dest.value === undefined || dest.value === "")) {
                    findings.push(violation(`loggingConfiguration.level is "${level}" but logDestination is not set; set logDestination to a CloudWatch log group ARN ending in ":*".`));
                }
                if (config.requireExecutionData) {
                    const data = sm.read("loggingConfiguration.includeExecutionData");
                    if (data.known && data.value !== true) {
                        findings.push(violation("loggingConfiguration.includeExecutionData is not true; set it so failed executions log their input and output."));
                    }
                }
            }
        }
        const tracing = sm.read("tracingConfiguration.enabled");
        if (!tracing.known) {
            findings.push(unresolvable(tracing.path));
        } else if (tracing.value !== true) {
            findings.push(violation("tracingConfiguration.enabled is not true; set tracingConfiguration: { enabled: true } to trace executions with X-Ray."));
        }
        return findings;
    },
});
