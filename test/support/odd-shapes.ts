// Property-based check shared by the per-pillar robustness tests (redundancy, timeouts,
// health checks, durability, observability, graceful degradation): odd shapes (wrong types, nulls, unknowns anywhere, JSON
// strings that are not JSON, random graph edges) never crash a rule. A finding, a pass or an
// unresolvable — never an exception.
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { StackGraph, type PlainResource } from "../../policies/lib/graph";
import { ResourceView, UnresolvableError } from "../../policies/lib/resource";
import { type Finding, type Rule } from "../../policies/lib/rule";
import { UNKNOWN_STRING } from "../../policies/lib/values";

export function assertNeverCrashes(
    rules: readonly Rule[],
    linkedTypes: readonly string[],
    keys: readonly string[],
    strings: readonly string[],
    run: { numRuns: number; seed?: number } = { numRuns: 400 },
): void {
    const types = [...new Set([...rules.flatMap((r) => r.resourceTypes), ...linkedTypes])];
    const odd: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
        v: fc.oneof(
            { depthSize: "small" },
            fc.constant(UNKNOWN_STRING),
            fc.constant(null),
            fc.constantFrom("{not json", "[]", "[{}]", ...strings),
            fc.integer({ min: -5, max: 5000 }),
            fc.boolean(),
            fc.array(tie("v"), { maxLength: 3 }),
            fc.dictionary(fc.constantFrom(...keys), tie("v"), { maxKeys: 4 }),
        ),
    })).v;
    const resource = fc.record({
        type: fc.constantFrom(...types),
        props: fc.dictionary(fc.constantFrom(...keys), odd, { maxKeys: 6 }),
        deps: fc.dictionary(fc.constantFrom(...keys), fc.array(fc.nat(7), { maxLength: 2 }), { maxKeys: 3 }),
    });
    const exercised = new Set<string>();
    fc.assert(
        fc.property(fc.array(resource, { minLength: 1, maxLength: 8 }), (list) => {
            const plain: PlainResource[] = list.map((r, i) => ({ type: r.type, urn: `urn:pulumi:s::p::${r.type}::r${i}`, name: `r${i}`, props: r.props }));
            list.forEach((r, i) => {
                plain[i].propertyDependencies = Object.fromEntries(Object.entries(r.deps).map(([k, idx]) => [k, idx.filter((j) => j < plain.length).map((j) => plain[j].urn)]));
            });
            const graph = StackGraph.fromPlain(plain);
            for (const rule of rules) {
                const config = rule.config.parse({});
                for (const subject of graph.ofType(...rule.resourceTypes)) {
                    exercised.add(rule.id);
                    try {
                        const findings: Finding[] | void =
                            rule.scope === "stack"
                                ? rule.check(subject, { config, profile: "production", graph })
                                : rule.check(new ResourceView(subject.type, subject.urn, subject.name, subject.props), { config, profile: "production" });
                        for (const f of findings ?? []) {
                            assert.ok(f.kind === "unresolvable" || (typeof f.message === "string" && f.message.length > 0), `${rule.id} gave an empty finding`);
                        }
                    } catch (e) {
                        assert.ok(e instanceof UnresolvableError, `${rule.id} threw on ${subject.type} ${JSON.stringify(subject.props)}: ${String(e)}`);
                    }
                }
            }
        }),
        run,
    );
    assert.deepEqual([...exercised].sort(), rules.map((r) => r.id).sort(), "every rule met at least one generated subject");
}
