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

/** The engine's setup for one stack (ConfigureStack, GetAnalyzerInfo, Configure), then one stack pass. */
function setUp(configs: Record<string, PolicyConfig>, stack: { config?: Record<string, string>; tags?: Map<string, string> } = {}): void {
    configStore.setStack(stack.config ?? {}, stack.tags ?? new Map());
    configStore.advertise();
    configStore.set(new Map(Object.entries(configs)));
}

function run(configs: Record<string, PolicyConfig>, resources = [queue("big", { size: 9, arn: UNKNOWN_STRING })], tags?: Map<string, string>): Diagnostic[] {
    setUp(configs, { tags });
    const out: Diagnostic[] = [];
    evaluateStack([strictRule, throwingRule, unknownRule], StackGraph.fromPlain(resources), (d) => out.push(d));
    return out;
}

describe("policies/lib/pack", () => {
    afterEach(() => setUp({}));

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

    describe("profiles (issue 11 item 3: what the user configured always wins)", () => {
        const DEV = new Map([["faultguard:profile", "development"]]);
        const levelOf = (out: Diagnostic[], name = "test-strict") => out.filter((x) => x.name === name).map((x) => x.enforcementLevel);
        const stackPass = (): Diagnostic[] => {
            const out: Diagnostic[] = [];
            evaluateStack([strictRule], StackGraph.fromPlain([queue("big", { size: 9, arn: "arn:x" })]), (d) => out.push(d));
            return out;
        };

        it("the development profile comes from the stack tag or the stack config key, and the config key wins", () => {
            assert.deepEqual(levelOf(run({}, undefined, DEV)), ["advisory"]);
            setUp({}, { config: { "faultguard:profile": "development" } });
            assert.deepEqual(levelOf(stackPass()), ["advisory"]);
            setUp({}, { config: { "faultguard:profile": "production" }, tags: DEV });
            assert.deepEqual(levelOf(stackPass()), ["mandatory"]);
        });

        it("regression: an explicit level equal to the production default stays in force under the development profile", () => {
            // Before: "mandatory" was taken for the engine's filled-in default and relaxed to advisory.
            assert.deepEqual(levelOf(run({ "test-strict": { enforcementLevel: "mandatory", properties: {} } }, undefined, DEV)), ["mandatory"]);
            assert.deepEqual(levelOf(run({ "test-strict": { enforcementLevel: "advisory", properties: {} } })), ["advisory"]);
            assert.deepEqual(levelOf(run({ "test-strict": { enforcementLevel: "disabled", properties: {} } })), []);
            assert.equal(effectiveLevel(strictRule, "mandatory", "development"), "mandatory");
        });

        it("each GetAnalyzerInfo advertises the levels of the stack's profile, so the engine's defaults are that profile's", () => {
            const policy = buildPolicies([strictRule]).find((p) => p.name === "test-strict")!;
            setUp({});
            assert.equal(policy.enforcementLevel, "mandatory");
            setUp({}, { tags: DEV });
            assert.equal(policy.enforcementLevel, "advisory");
        });

        it("a profile in the policy config is refused, saying where to set it; an invalid profile is an error, not a silent production", () => {
            const viaSettings = run({ "faultguard-settings": { properties: { profile: "development" } } });
            const refused = viaSettings.filter((x) => x.name === "faultguard-settings");
            assert.equal(refused.length, 1);
            assert.equal(refused[0].enforcementLevel, "mandatory");
            assert.match(refused[0].message, /"profile" cannot be set in policy config.*pulumi config set faultguard:profile development.*stack tag faultguard:profile/);
            assert.deepEqual(levelOf(viaSettings), ["mandatory"], "the production levels the engine was told stay in force");
            const invalid = run({}, undefined, new Map([["faultguard:profile", "staging"]]));
            assert.match(invalid.find((x) => x.name === "faultguard-settings")!.message, /stack tag "faultguard:profile" is "staging", not a profile; use one of "production", "development", "thorough"/);
            assert.deepEqual(levelOf(invalid), ["mandatory"]);
        });

        it("a stack profile that arrives after the levels were advertised is reported, and the advertised profile applies", () => {
            setUp({ "test-strict": { enforcementLevel: "mandatory", properties: {} } });
            configStore.setStack({}, DEV);
            const out = stackPass();
            assert.deepEqual(levelOf(out), ["mandatory"]);
            assert.match(out.find((x) => x.name === "faultguard-settings")!.message, /profile is development \(stack tag "faultguard:profile"\) but the policy levels were configured for production/);
        });
    });

    it("reports exempted findings as advisory and marked, and invalid settings as mandatory", () => {
        const exempted = run({}, [queue("big", { size: 9, arn: "arn:x", tags: { "faultguard:exempt:test-strict": "load test queue" } })]);
        const f = exempted.find((x) => x.name === "test-strict")!;
        assert.equal(f.enforcementLevel, "advisory");
        assert.match(f.message, /^\[exempted\] load test queue \(no expiry; tag faultguard:exempt:test-strict\): size 9 > 5/);
        const invalid = run({ "faultguard-settings": { properties: { exemptions: [{ rule: "x" }] } } });
        assert.match(invalid.find((x) => x.name === "faultguard-settings")!.message, /exemptions\.0\./);
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
