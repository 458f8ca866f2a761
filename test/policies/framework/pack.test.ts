import { strict as assert } from "node:assert";
import { z } from "zod";
import { StackGraph } from "../../../policies/lib/graph";
import { buildPolicies, effectiveLevel, evaluateResource, evaluateStack, indexResourceRules, toConfigSchema, type Diagnostic } from "../../../policies/lib/pack";
import { ResourceView } from "../../../policies/lib/resource";
import { resourceRule, stackRule, unresolvable, violation } from "../../../policies/lib/rule";
import { configStore, type PolicyConfig } from "../../../policies/lib/settings";
import { UNKNOWN_STRING } from "../../../policies/lib/values";
import { decodeFinding } from "../../../policies/lib/wire";

const QUEUE = "aws:sqs/queue:Queue";
const base = {
    title: "t",
    description: "d",
    remediation: "r",
    severity: "high" as const,
    rationale: "why",
    resourceTypes: [QUEUE],
    anchors: {},
};

const strictRule = stackRule({
    ...base,
    id: "test-strict",
    pillar: "redundancy",
    enforcement: { production: "mandatory", development: "advisory" },
    config: z.object({ limit: z.number().int().min(1).default(5).describe("limit") }),
    check(r, { config }) {
        const n = r.number("size");
        return n !== undefined && n > config.limit ? [violation(`size ${n} > ${config.limit}`)] : [];
    },
});

const throwingRule = stackRule({
    ...base,
    id: "test-throws",
    pillar: "timeouts",
    enforcement: { production: "mandatory" },
    config: z.object({}),
    check() {
        throw new TypeError("boom");
    },
});

const unknownRule = stackRule({
    ...base,
    id: "test-unknown",
    pillar: "alarms",
    enforcement: { production: "mandatory" },
    config: z.object({}),
    check(r) {
        return r.isUnknown("arn") ? [unresolvable("arn", "no edge")] : [];
    },
});

function queue(name: string, props: Record<string, unknown>) {
    return { type: QUEUE, urn: `urn:pulumi:dev::p::${QUEUE}::${name}`, name, props };
}

function run(configs: Record<string, PolicyConfig>, resources = [queue("big", { size: 9, arn: UNKNOWN_STRING })], tags?: Map<string, string>): Diagnostic[] {
    configStore.set(new Map(Object.entries(configs)));
    const out: Diagnostic[] = [];
    evaluateStack([strictRule, throwingRule, unknownRule], StackGraph.fromPlain(resources), (d) => out.push(d), tags);
    return out;
}

describe("policies/lib/pack", () => {
    afterEach(() => configStore.set(new Map()));

    it("reports each finding under its own rule, level, severity and description; a crashing rule is a rule error at its level", () => {
        const d = run({});
        const byRule = Object.fromEntries(d.map((x) => [x.name, x]));
        assert.equal(byRule["test-strict"].enforcementLevel, "mandatory");
        assert.match(byRule["test-strict"].message, /size 9 > 5/);
        // Issue 11 item 2: the rule's own level (mandatory here), naming the rule and the exception.
        assert.equal(byRule["test-throws"].enforcementLevel, "mandatory");
        assert.match(byRule["test-throws"].message, /^rule error: test-throws failed on aws:sqs\/queue:Queue big: TypeError: boom/);
        const configured = run({ "test-throws": { enforcementLevel: "advisory", properties: {} } }).find((x) => x.name === "test-throws")!;
        assert.equal(configured.enforcementLevel, "advisory", "the user's level for the rule wins");
        assert.equal(decodeFinding(byRule["test-throws"].message).kind, "rule-error");
        for (const d of Object.values(byRule)) {
            assert.deepEqual([d.severity, d.description], ["high", "d"], `${d.name} carries its rule's severity and description`);
        }
        assert.equal(byRule["test-unknown"].enforcementLevel, "advisory");
        assert.match(byRule["test-unknown"].message, /^could not evaluate: arn is unknown during preview \(no edge\)/);
    });

    it("applies rule properties and rejects invalid ones with a message naming the field", () => {
        assert.equal(run({ "test-strict": { properties: { limit: 10 } } }).filter((x) => x.name === "test-strict").length, 0);
        const bad = run({ "test-strict": { properties: { limit: "ten" } } }).filter((x) => x.name === "test-strict");
        assert.equal(bad.length, 1);
        assert.match(bad[0].message, /invalid config for policy "test-strict": limit:/);
    });

    it("rejects a rule config key the rule does not define, naming the rule, the key and the known keys (issue 11 item 12)", () => {
        const bad = run({ "test-strict": { properties: { limit: 5, limt: 10 } } }).filter((x) => x.name === "test-strict");
        assert.equal(bad.length, 1, "the misspelt threshold is reported instead of silently falling back to the default");
        assert.equal(bad[0].enforcementLevel, "mandatory");
        assert.equal(bad[0].message, 'invalid config for policy "test-strict": unknown key "limt"; its keys are "limit".');
        const none = run({ "test-throws": { properties: { anything: 1 } } }).filter((x) => x.name === "test-throws");
        assert.match(none[0].message, /unknown key "anything"; it takes no properties/);
    });

    it("relaxes to the development profile through settings or the stack tag, unless the level was overridden", () => {
        const viaSettings = run({ "faultguard-settings": { properties: { profile: "development" } } });
        assert.equal(viaSettings.find((x) => x.name === "test-strict")!.enforcementLevel, "advisory");
        const viaTag = run({}, undefined, new Map([["faultguard:profile", "development"]]));
        assert.equal(viaTag.find((x) => x.name === "test-strict")!.enforcementLevel, "advisory");
        assert.equal(effectiveLevel(strictRule, "advisory", "production"), "advisory");
        assert.equal(effectiveLevel(strictRule, "disabled", "production"), "disabled");
        assert.equal(run({ "test-strict": { enforcementLevel: "disabled", properties: {} } }).some((x) => x.name === "test-strict"), false);
    });

    it("reports exempted findings as advisory and marked, and invalid settings as mandatory", () => {
        const exempted = run({}, [queue("big", { size: 9, arn: "arn:x", tags: { "faultguard:exempt:test-strict": "load test queue" } })]);
        const f = exempted.find((x) => x.name === "test-strict")!;
        assert.equal(f.enforcementLevel, "advisory");
        assert.match(f.message, /^\[exempted\] load test queue \(no expiry; tag faultguard:exempt:test-strict\): size 9 > 5/);
        const invalid = run({ "faultguard-settings": { properties: { profile: "staging" } } });
        assert.match(invalid.find((x) => x.name === "faultguard-settings")!.message, /profile:/);
    });

    it("builds one policy per rule plus the settings policy, with JSON-schema config", () => {
        const lambdaRule = resourceRule({ ...base, id: "test-resource", pillar: "timeouts", enforcement: { production: "advisory" }, config: z.object({}), check: () => [] });
        const policies = buildPolicies([strictRule, lambdaRule]);
        assert.deepEqual(policies.map((p) => p.name), ["faultguard-settings", "test-strict", "test-resource"]);
        assert.deepEqual(toConfigSchema(strictRule.config), {
            properties: { limit: { type: "integer", minimum: 1, maximum: 9007199254740991, default: 5, description: "limit" } },
        });
        assert.throws(() => buildPolicies([strictRule, strictRule]), /duplicate rule id "test-strict"/);
    });

    it("runs every resource rule of a type in one dispatch, and only the engine policy carries code", () => {
        const a = resourceRule({ ...base, id: "test-a", pillar: "timeouts", enforcement: { production: "mandatory" }, config: z.object({}), check: () => [violation("a")] });
        const b = resourceRule({ ...base, id: "test-b", pillar: "timeouts", enforcement: { production: "advisory" }, resourceTypes: [QUEUE, "aws:sns/topic:Topic"], config: z.object({}), check: () => [violation("b")] });
        const out: Diagnostic[] = [];
        evaluateResource(indexResourceRules([a, b, strictRule]), new ResourceView(QUEUE, "urn:q", "q", {}), (d) => out.push(d));
        assert.deepEqual(out.map((d) => [d.name, d.enforcementLevel, d.message]), [["test-a", "mandatory", "a"], ["test-b", "advisory", "b"]]);
        const [engine, ...perRule] = buildPolicies([a, b, strictRule]) as Array<{ name: string; validateResource?: unknown; validateStack?: unknown }>;
        assert.equal(engine.name, "faultguard-settings");
        assert.equal(typeof engine.validateResource, "function");
        assert.equal(typeof engine.validateStack, "function");
        // Per-rule policies hold metadata only: @pulumi/policy then never deserializes a resource for them.
        assert.ok(perRule.every((p) => Array.isArray(p.validateResource) && p.validateResource.length === 0 && p.validateStack === undefined));
    });
});
