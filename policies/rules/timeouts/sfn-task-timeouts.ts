import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { nestedPath, taskStatesOf, unknownStructure } from "../../lib/step-functions";
import { asString, isRecord, isUnknown } from "../../lib/values";

const has = (state: Record<string, unknown>, ...keys: string[]) => keys.some((k) => state[k] !== undefined && state[k] !== null);

export const sfnTaskTimeouts = resourceRule({
    id: "sfn-task-timeouts",
    title: "Step Functions Task states have timeouts and heartbeats",
    pillar: "timeouts",
    description:
        "Every Task state of an `aws.sfn.StateMachine` `definition` (including Parallel branches and Map iterators) sets `TimeoutSeconds` or `TimeoutSecondsPath`; activity tasks and `.waitForTaskToken` callback tasks also set `HeartbeatSeconds` or `HeartbeatSecondsPath`.",
    remediation: [
        "Give every Task state a timeout, and callback/activity tasks a heartbeat:",
        "```ts",
        "new aws.sfn.StateMachine(\"orders\", {",
        "    roleArn: role.arn,",
        "    definition: pulumi.jsonStringify({",
        "        StartAt: \"Charge\",",
        "        States: {",
        "            Charge: { Type: \"Task\", Resource: \"arn:aws:states:::lambda:invoke\", Parameters: { FunctionName: charge.arn }, TimeoutSeconds: 30, Next: \"Approve\" },",
        "            Approve: { Type: \"Task\", Resource: \"arn:aws:states:::sqs:sendMessage.waitForTaskToken\", TimeoutSeconds: 86400, HeartbeatSeconds: 3600, End: true, ... },",
        "        },",
        "    }),",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory" },
    rationale: "The Amazon States Language sets no task timeout by default: a lost callback or a hung worker leaves the execution running for up to a year, holding its work and blocking whatever waits on it.",
    byDefault: { shown: true, why: "A Task without TimeoutSeconds waits up to a year for a stuck worker." },
    resourceTypes: [aws.sfn.StateMachine],
    structureInputs: [{ type: aws.sfn.StateMachine, property: "definition" }],
    anchors: {
        gap: true,
        wellArchitected: ["REL05-BP05"],
    },
    config: z.object({
        requireHeartbeat: z.boolean().default(true).describe("Require HeartbeatSeconds on activity and .waitForTaskToken tasks."),
    }),
    check(machine, { config }) {
        const definition = machine.json("definition");
        if (definition.kind === "unknown") {
            return [unresolvable("definition")];
        }
        if (definition.kind === "absent") {
            return [violation("definition is empty; give the state machine an Amazon States Language definition.")];
        }
        if (definition.kind === "invalid") {
            return [violation(`definition is not valid JSON (${definition.reason}); fix the Amazon States Language document.`)];
        }
        if (!isRecord(definition.value) || !isRecord(definition.value["States"])) {
            return [violation("definition has no States object; fix the Amazon States Language document.")];
        }
        const hidden = unknownStructure(definition.value["States"]);
        if (hidden !== undefined) {
            return [unresolvable("definition", `state ${hidden} is built from values only known after deployment, so its Task states are not all visible`)];
        }
        const noTimeout: string[] = [];
        const noHeartbeat: string[] = [];
        const unknownResource: string[] = [];
        for (const task of taskStatesOf(definition.value["States"])) {
            const { state } = task;
            const path = nestedPath(task);
            if (!has(state, "TimeoutSeconds", "TimeoutSecondsPath")) {
                noTimeout.push(path);
            }
            if (!config.requireHeartbeat || has(state, "HeartbeatSeconds", "HeartbeatSecondsPath")) {
                continue;
            }
            const resource = state["Resource"];
            const known = asString(resource);
            if (known === undefined) {
                if (isUnknown(resource)) {
                    unknownResource.push(path);
                }
            } else if (known.includes(":activity:") || known.endsWith(".waitForTaskToken")) {
                noHeartbeat.push(path);
            }
        }
        const findings: Finding[] = [];
        if (noTimeout.length > 0) {
            findings.push(violation(`Task state${noTimeout.length > 1 ? "s" : ""} ${noTimeout.join(", ")} ha${noTimeout.length > 1 ? "ve" : "s"} no TimeoutSeconds; set TimeoutSeconds (or TimeoutSecondsPath) on every Task state.`));
        }
        if (noHeartbeat.length > 0) {
            findings.push(violation(`activity/callback Task state${noHeartbeat.length > 1 ? "s" : ""} ${noHeartbeat.join(", ")} ha${noHeartbeat.length > 1 ? "ve" : "s"} no HeartbeatSeconds; set HeartbeatSeconds (or HeartbeatSecondsPath) so a lost worker or token is detected.`));
        }
        if (unknownResource.length > 0) {
            findings.push(unresolvable("definition", `the Resource of ${unknownResource.join(", ")} is unknown, so whether it is an activity or callback task needing HeartbeatSeconds is not known`));
        }
        return findings;
    },
});
