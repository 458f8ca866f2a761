// Runs generated stacks through the faultguard-aws pack exactly as the engine would (preview's
// analyzer client: Configure, ConfigureStack, Analyze per resource, AnalyzeStack over gRPC) and
// classifies every outcome. Allowed: a violation, no diagnostic (a pass), or the advisory
// "could not evaluate: …". Anything else is an escape: a failed gRPC call (an exception left the
// SDK), a rule that threw (the framework's "rule error: …" advisory), an unknown value read through
// the SDK's proxy ("can't run policy … during preview"), or a diagnostic from outside the pack.
import fc from "fast-check";
import { type Rule } from "../../policies/lib/rule";
import { allRules } from "../../policies/rules";
import { decodeFinding } from "../../policies/lib/wire";
import { analyzeRequest, analyzeStackRequest, type AnalyzedResource } from "../../preview/src/analyzer/analyze";
import { reconcilePolicyConfig } from "../../preview/src/analyzer/config";
import { type PolicyPackProcess } from "../../preview/src/analyzer/pack";
import { type Diagnostic } from "../../preview/src/analyzer/types";
import { makeUrn, ROOT_STACK_TYPE, rootStackUrn } from "../../preview/src/capture/urn";
import { sharedPack } from "../support/analyze";
import { propertyPathsFromRuleSources, propertyPathsIn, ruleSourceFile, stackArb, type GeneratedResource, type StackShape } from "./arbitraries";

export const PACK_NAME = "faultguard-aws";
const PROJECT = "fuzz";
const STACK = "dev";

/** The generated resources as the engine presents them to an analyzer: URNs, parents, links. */
export function toAnalyzerResources(generated: readonly GeneratedResource[]): AnalyzedResource[] {
    const stackUrn = rootStackUrn(STACK, PROJECT);
    const urns: string[] = [];
    // Parents are always components listed first, so their URNs exist when children need them.
    generated.forEach((g, i) => {
        urns[i] = makeUrn(STACK, PROJECT, g.parent !== undefined ? urns[g.parent] : stackUrn, g.type, g.name);
    });
    const root: AnalyzedResource = { urn: stackUrn, type: ROOT_STACK_TYPE, name: `${PROJECT}-${STACK}`, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {} };
    return [
        root,
        ...generated.map((g, i) => ({
            urn: urns[i],
            type: g.type,
            name: g.name,
            parent: g.parent !== undefined ? urns[g.parent] : stackUrn,
            inputs: g.inputs,
            outputs: g.outputs,
            dependencies: [...new Set(g.dependencies.map((d) => urns[d]))],
            propertyDependencies: Object.fromEntries(Object.entries(g.propertyDependencies).map(([k, ds]) => [k, [...new Set(ds.map((d) => urns[d]))]])),
        })),
    ];
}

export type Outcome = { kind: "violation" | "could-not-evaluate"; policy: string } | { kind: "escape"; detail: string };

const rulesById = new Map(allRules.map((r) => [r.id, r]));

/** Classifies one diagnostic; the allowed kinds are the contract every rule must keep. */
export function classify(d: { policyName: string; policyPackName: string; message: string; enforcementLevel: string }): Outcome {
    const where = `${d.policyName}: ${JSON.stringify(d.message.slice(0, 300))}`;
    if (d.policyPackName !== PACK_NAME) {
        return { kind: "escape", detail: `diagnostic from another pack ${d.policyPackName} (${where})` };
    }
    const kind = decodeFinding(d.message).kind;
    if (kind === "rule-error") {
        return { kind: "escape", detail: `rule threw, caught by the framework (${where})` };
    }
    if (/can't run policy/.test(d.message)) {
        return { kind: "escape", detail: `unknown value read through the SDK proxy (${where})` };
    }
    if (kind === "could-not-evaluate") {
        return d.enforcementLevel === "advisory"
            ? { kind: "could-not-evaluate", policy: d.policyName }
            : { kind: "escape", detail: `"could not evaluate" at level ${d.enforcementLevel}, not advisory (${where})` };
    }
    const rule = rulesById.get(d.policyName);
    if (!rule) {
        return { kind: "escape", detail: `diagnostic from a policy that is no rule: ${where}` };
    }
    if (d.message.trim() === "" || !["advisory", "mandatory"].includes(d.enforcementLevel)) {
        return { kind: "escape", detail: `violation without a message or with level ${d.enforcementLevel} (${where})` };
    }
    return { kind: "violation", policy: d.policyName };
}

export interface CaseResult {
    outcomes: Outcome[];
    escapes: string[];
}

/**
 * Configure with the pack's defaults (as `pulumi preview` with no config file) for the stack, in the
 * engine's order: ConfigureStack, GetAnalyzerInfo (levels of the stack's profile), Configure.
 */
export async function configureDefaults(pack: PolicyPackProcess): Promise<void> {
    await pack.configureStack({ project: PROJECT, stack: STACK, organization: "organization", tags: {}, config: {}, secretKeys: [] });
    await pack.configure(reconcilePolicyConfig(await pack.getAnalyzerInfo(), undefined));
}

/**
 * One generated stack through a configured pack, as the engine sends it: Analyze per resource,
 * then AnalyzeStack. A failed RPC is an escape (an exception left the SDK), not a test crash.
 */
export async function analyzeCase(pack: PolicyPackProcess, generated: readonly GeneratedResource[]): Promise<CaseResult> {
    // The CLI's own request builders (preview/src/analyzer/analyze).
    const resources = toAnalyzerResources(generated);
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const diagnostics: Diagnostic[] = [];
    try {
        for (const r of resources) {
            diagnostics.push(...(await pack.analyze(analyzeRequest(pack.proto, byUrn, r))).diagnostics);
        }
        diagnostics.push(...(await pack.analyzeStack(analyzeStackRequest(pack.proto, resources, byUrn))).diagnostics);
    } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return { outcomes: [], escapes: [`analyzer call failed: ${message.slice(0, 1500)}`] };
    }
    const outcomes = diagnostics.map(classify);
    return { outcomes, escapes: outcomes.flatMap((o) => (o.kind === "escape" ? [o.detail] : [])) };
}

let rulePaths: string[] | undefined;

/** The stack shape for fuzzing `rule`: its own types as subjects, every other rule's types as neighbours. */
export function shapeFor(rule: Rule): StackShape {
    rulePaths ??= propertyPathsFromRuleSources();
    const others = new Set(allRules.flatMap((r) => [...r.resourceTypes]));
    return { subjectTypes: rule.resourceTypes, otherTypes: [...others], rulePaths, focusPaths: propertyPathsIn([ruleSourceFile(rule.pillar, rule.id)]) };
}

export interface RuleFuzzResult {
    rule: string;
    runs: number;
    violations: number;
    couldNotEvaluate: number;
    /** The first escape fast-check found (after shrinking), with the seed that reproduces it. */
    failure?: string;
}

function truncate(text: string, max: number): string {
    return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** Fuzzes one rule with `runs` generated stacks; never throws for a rule failure, reports it. */
export async function fuzzRule(rule: Rule, options: { runs: number; seed?: number; packDir?: string }): Promise<RuleFuzzResult> {
    const pack = await sharedPack(options.packDir);
    // Once per rule: other test files re-Configure the shared pack between theirs.
    await configureDefaults(pack);
    const result: RuleFuzzResult = { rule: rule.id, runs: 0, violations: 0, couldNotEvaluate: 0 };
    const details = await fc.check(
        fc.asyncProperty(stackArb(shapeFor(rule)), async (generated) => {
            const { outcomes, escapes } = await analyzeCase(pack, generated);
            result.runs++;
            for (const o of outcomes) {
                if (o.kind === "violation") {
                    result.violations++;
                } else if (o.kind === "could-not-evaluate") {
                    result.couldNotEvaluate++;
                }
            }
            if (escapes.length > 0) {
                throw new Error(escapes.join("\n"));
            }
        }),
        { numRuns: options.runs, seed: options.seed, endOnFailure: false, maxSkipsPerRun: 0 },
    );
    if (details.failed) {
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        const example = details.counterexample ? truncate(JSON.stringify(details.counterexample[0]), 3000) : "(none)";
        result.failure = `${error}\n  reproduce: seed ${details.seed}, path "${details.counterexamplePath}"\n  stack: ${example}`;
    }
    return result;
}
