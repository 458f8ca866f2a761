// One documentation source per component: the generated reference in components/README.md is
// what `npm run docs:components` makes from the components' TSDoc and zod schemas (as the rule
// catalog's drift test in test/policies/catalog.test.ts does for the rules), every arg is
// documented, and a default the TSDoc states is the schema's.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import * as components from "../../components";
import { collectComponentDocs, COMPONENTS_README, type ComponentDoc, renderComponentDocs, withGeneratedPart } from "../../components/scripts/generate-docs";

describe("components: documentation generated from TSDoc and the zod schemas", function () {
    // One TypeScript program over the components and @pulumi/aws's declarations: generous for a loaded machine.
    this.timeout(300_000);
    let docs: ComponentDoc[];

    before(() => {
        docs = collectComponentDocs();
    });

    it("components/README.md is up to date (npm run docs:components)", () => {
        const committed = fs.readFileSync(COMPONENTS_README, "utf8");
        assert.ok(committed === withGeneratedPart(committed, renderComponentDocs(docs)), "components/README.md is stale: run `npm run docs:components` and commit it");
    });

    it("covers every exported component, each with a summary, an example and its outputs", () => {
        const exported = Object.entries(components).filter(([, v]) => typeof v === "function" && v.prototype instanceof pulumi.ComponentResource).map(([k]) => k);
        assert.ok(exported.length >= 6, "components/index.ts exports the six components");
        assert.deepEqual(docs.map((d) => d.className).sort(), exported.sort());
        for (const d of docs) {
            assert.match(d.typeToken, new RegExp(`^faultguard:aws:${d.className}$`));
            assert.ok(d.summary.length >= 100, `${d.className}: the class TSDoc says what you get`);
            assert.ok(d.examples.some((e) => e.includes(`new ${d.className}(`)), `${d.className}: an @example constructs it`);
            assert.ok(d.outputs.length > 0, `${d.className}: public outputs`);
        }
    });

    it("every arg has TSDoc", () => {
        const undocumented = docs.flatMap((d) => d.args.filter((a) => a.doc.length === 0).map((a) => `${d.className}.${a.path}`));
        assert.deepEqual(undocumented, []);
    });

    it("a default stated in the TSDoc is the schema's default", () => {
        const disagreements: string[] = [];
        for (const d of docs) {
            for (const a of d.args) {
                if (a.schemaDefault === undefined || !/\bdefault\b/i.test(a.doc)) continue;
                const value = JSON.parse(a.schemaDefault.slice(1, -1)) as unknown;
                const spelled = (typeof value === "string" ? value : JSON.stringify(value)).replace(/\s/g, "");
                if (!a.doc.replace(/\s/g, "").includes(spelled)) disagreements.push(`${d.className}.${a.path}: TSDoc "${a.doc}" vs schema default ${a.schemaDefault}`);
            }
        }
        assert.deepEqual(disagreements, []);
    });

    it("the drift check sees a change to a component's TSDoc", () => {
        const changed = docs.map((d) => (d.className === "QueueWorker" ? { ...d, args: d.args.map((a) => (a.path === "timeoutSeconds" ? { ...a, doc: `${a.doc} (edited)` } : a)) } : d));
        const committed = fs.readFileSync(COMPONENTS_README, "utf8");
        assert.notEqual(withGeneratedPart(committed, renderComponentDocs(changed)), committed);
    });
});
