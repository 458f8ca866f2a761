// Helpers for component tests: run a program through the in-process capture (the same one
// `faultguard preview` uses) and query what it registered.
import assert from "node:assert/strict";
import { captureInline } from "../../preview/src/capture/inline";
import { type CapturedResource, type CapturedStack, type InvokeFixtures } from "../../preview/src/capture/types";
import { ComponentArgsError } from "../../components";

export type { CapturedResource, CapturedStack };

/**
 * Captures a program in first-preview conditions (region us-east-1, three AZs): every ID, ARN and
 * generated name is unknown unless `fixtures.resources` supplies outputs for a type or name.
 */
export function capture(program: () => unknown, fixtures?: InvokeFixtures): Promise<CapturedStack> {
    return captureInline(program, { config: { "aws:region": "us-east-1" }, fixtures });
}

export function byUrn(stack: CapturedStack, urn: string): CapturedResource {
    const found = stack.resources.find((r) => r.urn === urn);
    assert.ok(found, `no resource ${urn}`);
    return found;
}

export function named(stack: CapturedStack, type: string, name: string): CapturedResource {
    const found = stack.resources.find((r) => r.type === type && r.name === name);
    assert.ok(found, `no ${type} named ${name}`);
    return found;
}

/** Every registration but the root stack. */
export function registered(stack: CapturedStack): CapturedResource[] {
    return stack.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
}

export function ofType(stack: CapturedStack, type: string): CapturedResource[] {
    return stack.resources.filter((r) => r.type === type);
}

export function one(stack: CapturedStack, type: string): CapturedResource {
    const found = ofType(stack, type);
    assert.equal(found.length, 1, `expected exactly one ${type}, got ${found.length}`);
    return found[0];
}

/** The URNs a property of `resource` was computed from. */
export function dependsVia(resource: CapturedResource, property: string): string[] {
    return resource.propertyDependencies[property] ?? [];
}

/**
 * Constructs a component with invalid args inside a capture; returns the error it threw and what
 * was registered (which must be nothing).
 */
export async function argsErrorOf(construct: () => unknown): Promise<{ error: ComponentArgsError; registered: CapturedResource[] }> {
    let thrown: unknown;
    const stack = await capture(() => {
        try {
            construct();
        } catch (err) {
            thrown = err;
        }
    });
    assert.ok(thrown instanceof ComponentArgsError, `expected a ComponentArgsError, got ${String(thrown)}`);
    return { error: thrown, registered: registered(stack) };
}

/** Alarms whose dimensions were computed from `resource` (the link the policy pack follows). */
export function alarmsOn(stack: CapturedStack, resource: CapturedResource): CapturedResource[] {
    return ofType(stack, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => dependsVia(a, "dimensions").includes(resource.urn));
}
