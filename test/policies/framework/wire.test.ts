import { strict as assert } from "node:assert";
import { decodeFinding, encodeFinding, parseRuleTags, ruleTags, severityRank, type WireFinding } from "../../../policies/lib/wire";

describe("policies/lib/wire: the finding and rule-metadata protocol shared by the pack and the CLI", () => {
    it("decodes every kind the pack encodes, exemption details included", () => {
        const findings: WireFinding[] = [
            { kind: "violation", text: "queue q has no DLQ" },
            { kind: "could-not-evaluate", text: "arn is unknown during preview" },
            { kind: "rule-error", text: "sqs-dlq failed on aws:sqs/queue:Queue q: boom" },
            { kind: "exempted", text: "queue q has no DLQ", exemption: { reason: "legacy (see OPS-1); owner: payments", expires: "2027-01-31", source: 'faultguard-settings exemption for "q-(old)"' } },
            { kind: "exempted", text: "could not evaluate: arn is unknown", exemption: { reason: "load test", source: "tag faultguard:exempt:sqs-dlq" } },
        ];
        for (const f of findings) {
            assert.deepEqual(decodeFinding(encodeFinding(f)), { ...f, fromSdk: false });
        }
    });

    it("keeps an exemption reason on one line, so a multi-line reason cannot be mistaken for the finding", () => {
        const message = encodeFinding({ kind: "exempted", text: "size 9 > 5", exemption: { reason: "first line\nsecond  line", source: "tag x" } });
        const decoded = decodeFinding(message);
        assert.deepEqual(decoded.kind === "exempted" && [decoded.exemption.reason, decoded.text], ["first line second line", "size 9 > 5"]);
    });

    it("reads any pack's plain message as a violation, and @pulumi/policy's own unknown-value advisory as a could-not-evaluate from the SDK", () => {
        assert.deepEqual(decodeFinding("messageRetentionSeconds is 120"), { kind: "violation", text: "messageRetentionSeconds is 120", fromSdk: false });
        const sdk = "can't run policy 'p' from policy pack 'x@v1' during preview: string value at .a can't be known during preview";
        assert.deepEqual(decodeFinding(sdk), { kind: "could-not-evaluate", text: sdk, fromSdk: true });
        assert.equal(decodeFinding("[exempted] ticket OPS-1").kind, "exempted");
    });

    it("carries pillar, scope and resource types as policy tags, and ignores other tags", () => {
        const tags = ruleTags({ pillar: "alarms", scope: "stack", resourceTypes: ["aws:sqs/queue:Queue", "aws:sns/topic:Topic"] });
        assert.deepEqual(parseRuleTags(["team:payments", ...tags]), { pillar: "alarms", scope: "stack", resourceTypes: ["aws:sqs/queue:Queue", "aws:sns/topic:Topic"], structureInputs: [] });
        assert.equal(parseRuleTags(["team:payments", "scope:everything"]), undefined);
    });

    it("carries the JSON-document properties a rule judges by structure, type tokens with colons included; malformed ones are ignored", () => {
        const tags = ruleTags({ pillar: "retries", scope: "resource", resourceTypes: [], structureInputs: [{ type: "aws:sfn/stateMachine:StateMachine", property: "definition" }] });
        assert.deepEqual(tags, ["pillar:retries", "scope:resource", "structure-input:aws:sfn/stateMachine:StateMachine#definition"]);
        assert.deepEqual(parseRuleTags([...tags, "structure-input:#definition", "structure-input:aws:x/y:Z#"])?.structureInputs, [{ type: "aws:sfn/stateMachine:StateMachine", property: "definition" }]);
    });

    it("marks verdicts decided from a structure rendering, violations and passes, and reads them back", () => {
        const violation = encodeFinding({ kind: "violation", text: "Task state Charge: no Retry", fromStructure: true });
        assert.deepEqual(decodeFinding(violation), { kind: "violation", text: "Task state Charge: no Retry", fromStructure: true, fromSdk: false });
        assert.deepEqual(decodeFinding(encodeFinding({ kind: "structure-pass", text: "aws:sfn/stateMachine:StateMachine flow" })), {
            kind: "structure-pass",
            text: "aws:sfn/stateMachine:StateMachine flow",
            fromSdk: false,
        });
        // Unmarked, as before: what every engine display shows.
        assert.equal(encodeFinding({ kind: "violation", text: "no Retry" }), "no Retry");
    });

    it("ranks severities highest first, a missing one last", () => {
        assert.deepEqual(["low", "", "critical", "medium", "high"].sort((a, b) => severityRank(a) - severityRank(b)), ["critical", "high", "medium", "low", ""]);
    });
});
