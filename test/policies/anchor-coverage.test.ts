// Every concern of the anchor table (../shared/anchors/policy-rules.md: what cdk-nag, checkov, AWS
// Config / Security Hub, awsguard and others check for fault tolerance, GAP rows included) has a
// rule here: one that cites at least one of the row's anchor IDs, or, for a GAP row (no anchor
// has it), one that judges the row's resource type.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { allRules } from "../../policies/rules";

const TABLE = path.join(__dirname, "..", "..", "..", "shared", "anchors", "policy-rules.md");

interface Row {
    concern: string;
    types: string[];
    ids: string[];
}

function parseRows(markdown: string): Row[] {
    const section = markdown.slice(markdown.indexOf("## Consolidated table"), markdown.indexOf("## AWS guidance"));
    return section
        .split("\n")
        .filter((l) => l.startsWith("| ") && !l.startsWith("| Concern") && !l.startsWith("|---"))
        .map((line) => {
            const cells = line.split("|").slice(1, -1).map((c) => c.trim());
            const [concern, typeCell, , ...anchorCells] = cells;
            // "rds/instance, rds/cluster (+instances)" → module/resource pairs; "fsx/*" → any fsx type.
            const types = [...typeCell.matchAll(/([a-z0-9]+)\/([A-Za-z*]+)/g)].map((m) => `${m[1]}/${m[2]}`);
            const ids = anchorCells
                .join(" ")
                .split(/[\s,;()+]+/)
                .map((t) => t.replace(/[`*]/g, ""))
                .filter((t) => /^(AwsSolutions|Serverless)-\w+$|^CKV2?_AWS_\d+$|^[A-Za-z]+\.\d+$|^[a-z0-9]+(-[a-z0-9]+){2,}$|^ES\d+$|^WS\d+$/.test(t));
            return { concern, types, ids };
        });
}

function coversType(ruleType: string, rowType: string): boolean {
    const [mod, res] = rowType.split("/");
    const m = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):/.exec(ruleType);
    if (!m) {
        return false;
    }
    const sameModule = m[1] === mod || (mod === "lb" && m[1] === "alb");
    return sameModule && (res === "*" || m[2].toLowerCase() === res.toLowerCase());
}

describe("policies: coverage of the anchor table", function () {
    const markdown = fs.existsSync(TABLE) ? fs.readFileSync(TABLE, "utf8") : undefined;

    it("reads the anchor table's rows", function () {
        if (!markdown) {
            this.skip(); // shared/ sits beside the checkout on our machines and in CI
        }
        assert.ok(parseRows(markdown!).length >= 40);
    });

    it("has a rule for every concern: citing the row's anchors, or on the row's resource type for a GAP row", function () {
        if (!markdown) {
            this.skip();
        }
        const anchorsOf = (r: (typeof allRules)[number]) => Object.values(r.anchors).flatMap((v) => (Array.isArray(v) ? v : [])).join(" ");
        const missing: string[] = [];
        for (const row of parseRows(markdown!)) {
            const cited =
                row.ids.length > 0
                    ? allRules.filter((r) => row.ids.some((id) => anchorsOf(r).includes(id)))
                    : allRules.filter((r) => r.resourceTypes.some((t) => row.types.some((rt) => coversType(t, rt))));
            if (cited.length === 0) {
                missing.push(`${row.concern} (${row.types.join(", ")}; ${row.ids.join(" ") || "GAP"})`);
            }
        }
        assert.deepEqual(missing, [], `concerns without a rule:\n${missing.join("\n")}`);
    });
});
