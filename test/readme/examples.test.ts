// The README's examples are real: its TypeScript snippets compile against the components (no
// invented args), its stack config example passes the stack's zod schema, and its pack config
// examples pass the pack's settings schema.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";
import { settingsSchema, SETTINGS_POLICY } from "../../policies/lib/settings";
import { parseStackConfig } from "../../stacks/config";
import { README, REPO_ROOT } from "./documented-commands";

const readme = fs.readFileSync(README, "utf8");

function blocks(language: string): string[] {
    return [...readme.matchAll(new RegExp(`^[ \\t]*\`\`\`${language}[ \\t]*\\n([\\s\\S]*?)^[ \\t]*\`\`\``, "gm"))].map((m) => m[1]);
}

describe("README examples", () => {
    it("the TypeScript snippets compile together against the real components", function () {
        this.timeout(120_000);
        const snippets = blocks("ts");
        assert.ok(snippets.length >= 7, "an import block and one example per component");
        // One module at the repository root, as a user's program next to components/ would be.
        const file = path.join(REPO_ROOT, "readme-examples.generated.ts");
        const source = `${snippets.join("\n")}\nexport {};\n`;
        const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true, types: ["node"] };
        const host = ts.createCompilerHost(options);
        const readFile = host.readFile.bind(host);
        const fileExists = host.fileExists.bind(host);
        const getSourceFile = host.getSourceFile.bind(host);
        host.readFile = (f) => (f === file ? source : readFile(f));
        host.fileExists = (f) => f === file || fileExists(f);
        host.getSourceFile = (f, lang, onError, create) => (f === file ? ts.createSourceFile(f, source, lang) : getSourceFile(f, lang, onError, create));
        const program = ts.createProgram([file], options, host);
        const problems = ts
            .getPreEmitDiagnostics(program)
            .filter((d) => d.file?.fileName === file)
            .map((d) => {
                const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
                return `line ${line + 1} (${source.split("\n")[line].trim()}): ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
            })
            .filter((p) => !/is declared but its value is never read/.test(p));
        assert.deepEqual(problems, []);
    });

    it("the stack config example is accepted by stacks/config.ts", () => {
        const [example] = blocks("yaml");
        const { config } = parse(example) as { config: Record<string, unknown> };
        const raw = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
        const parsed = parseStackConfig(raw, "prod");
        assert.equal(parsed.profile, "production");
        assert.equal(parsed.database.readReplicas, 1);
    });

    it("the pack config examples are valid faultguard-settings", () => {
        const examples = blocks("json")
            .map((b) => JSON.parse(b) as Record<string, unknown>)
            .filter((example) => SETTINGS_POLICY in example);
        assert.ok(examples.length >= 1);
        for (const example of examples) {
            const result = settingsSchema.safeParse(example[SETTINGS_POLICY]);
            assert.ok(result.success, `${JSON.stringify(example)}: ${result.success ? "" : result.error.message}`);
        }
    });
});
