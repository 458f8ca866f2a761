import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { aws } from "../../policies/lib/aws-types";
import { PILLARS } from "../../policies/lib/rule";
import { allRules } from "../../policies/rules";
import { renderCatalog } from "../../policies/scripts/generate-catalog";

const ROOT = path.join(__dirname, "..", "..");
const KNOWN_TYPES = new Set<string>(Object.values(aws).flatMap((mod) => Object.values(mod) as string[]));

describe("policies: rule metadata and catalog", () => {
    it("the committed catalog (policies/README.md) matches the rules' metadata", () => {
        const committed = fs.readFileSync(path.join(ROOT, "policies", "README.md"), "utf8");
        assert.ok(committed === renderCatalog(allRules), "policies/README.md is stale: run `npm run catalog` and commit it");
    });

    it("every rule defined under policies/rules/<pillar>/ is registered in its pillar's index (the one place a new rule is listed)", () => {
        const registered = new Set<unknown>(allRules);
        const rulesDir = path.join(ROOT, "policies", "rules");
        for (const pillar of fs.readdirSync(rulesDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
            for (const file of fs.readdirSync(path.join(rulesDir, pillar.name)).filter((f) => f.endsWith(".ts") && f !== "index.ts")) {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const exported = Object.entries(require(path.join(rulesDir, pillar.name, file)) as Record<string, unknown>);
                for (const [name, value] of exported) {
                    const isRule = typeof value === "object" && value !== null && "id" in value && "check" in value && "pillar" in value;
                    assert.ok(!isRule || registered.has(value), `${pillar.name}/${file} exports rule ${name}: add it to policies/rules/${pillar.name}/index.ts`);
                }
            }
        }
    });

    it("the generated AWS type tokens match the installed @pulumi/aws", () => {
        execFileSync(process.execPath, [path.join(ROOT, "policies", "scripts", "generate-aws-types.js"), "--check"], { stdio: "pipe" });
    });

    it("every rule has complete metadata, a config that parses from {}, and a known resource type", () => {
        const ids = new Set<string>();
        for (const r of allRules) {
            assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)+$/, `${r.id}: ids are kebab-case`);
            assert.ok(!ids.has(r.id), `${r.id}: duplicate id`);
            ids.add(r.id);
            assert.ok(PILLARS.includes(r.pillar), `${r.id}: unknown pillar ${r.pillar}`);
            for (const field of ["title", "description", "remediation", "rationale"] as const) {
                assert.ok(r[field].trim().length >= 10, `${r.id}: ${field} is missing or too short`);
            }
            assert.ok(/```ts[\s\S]+```/.test(r.remediation), `${r.id}: remediation needs a TypeScript snippet`);
            const anchored = Object.entries(r.anchors).some(([k, v]) => (k === "gap" ? v === true : Array.isArray(v) && v.length > 0));
            assert.ok(anchored, `${r.id}: name the anchor rules it corresponds to, or mark it as a gap`);
            assert.ok(r.resourceTypes.length > 0, `${r.id}: no resource types`);
            for (const t of r.resourceTypes) {
                assert.ok(KNOWN_TYPES.has(t) || /^[a-z0-9-]+:[A-Za-z0-9]+:[A-Za-z0-9]+$/.test(t), `${r.id}: unknown resource type ${t}`);
            }
            assert.equal(r.config.safeParse({}).success, true, `${r.id}: every config property needs a default`);
            assert.ok((r.byDefault?.why.trim().length ?? 0) >= 20, `${r.id}: state why the rule is shown by default, or why it is opt-in (byDefault)`);
        }
    });
});
