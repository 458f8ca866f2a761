// The non-compliant example's fault list (faults.json) is the source the end-to-end test checks the
// preview against; this keeps it honest: it matches the `// FAULT: <rule-id>` labels in the code,
// names resources that exist, and names rules the pack has.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allRules } from "../../policies/rules";

const EXAMPLE = path.resolve(__dirname, "..", "..", "stacks", "examples", "noncompliant");

interface PlantedFault {
    rule: string;
    resource: string;
    type: string;
}

/** `aws.lb.TargetGroup` → `aws:lb/targetGroup:TargetGroup`, the token @pulumi/aws registers. */
function typeToken(expression: string): string {
    const [, module, resource] = expression.split(".");
    return `aws:${module}/${resource[0].toLowerCase()}${resource.slice(1)}:${resource}`;
}

/** Each `// FAULT: <rule>` label with the resource whose constructor it sits in (the last `new aws.x.Y("name"` at or above it). */
function labelledFaults(source: string): PlantedFault[] {
    const faults: PlantedFault[] = [];
    let current: { resource: string; type: string } | undefined;
    for (const line of source.split("\n")) {
        const created = /new (aws\.\w+\.\w+)\("([^"]+)"/.exec(line);
        if (created) current = { type: typeToken(created[1]), resource: created[2] };
        const label = /\/\/ FAULT: ([a-z0-9-]+)/.exec(line);
        if (label) {
            assert.ok(current, `FAULT label "${label[1]}" before any resource`);
            faults.push({ rule: label[1], ...current });
        }
    }
    return faults;
}

const key = (f: PlantedFault) => `${f.rule} on ${f.type}::${f.resource}`;

describe("stacks/examples/noncompliant: the planted faults", () => {
    const source = fs.readFileSync(path.join(EXAMPLE, "index.ts"), "utf8");
    const { faults } = JSON.parse(fs.readFileSync(path.join(EXAMPLE, "faults.json"), "utf8")) as { faults: PlantedFault[] };

    it("faults.json lists exactly the faults labelled in index.ts", () => {
        assert.deepEqual(faults.map(key).sort(), labelledFaults(source).map(key).sort());
    });

    it("names only rules the faultguard-aws pack has", () => {
        const known = new Set(allRules.map((r) => r.id));
        assert.deepEqual(faults.filter((f) => !known.has(f.rule)).map(key), []);
    });

    it("covers the classic mistakes: one NAT, one AZ, no DLQ, default Lambda timeout, single-AZ database", () => {
        const rules = new Set(faults.map((f) => f.rule));
        for (const rule of ["nat-per-az", "asg-multi-az", "sqs-dlq", "lambda-timeout", "rds-multi-az"]) assert.ok(rules.has(rule), rule);
    });

    it("is plain @pulumi/aws, without faultguard components", () => {
        assert.doesNotMatch(source, /components/);
        assert.match(fs.readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8"), /^main: index\.ts$/m);
    });
});
