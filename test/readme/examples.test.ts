// The READMEs' examples are real: the TypeScript snippets of README.md and of components/README.md
// (the components' reference, where each component's example lives) compile against the
// components (no invented args), the stack config example passes the stack's zod schema, and the
// pack config examples pass the pack's settings schema.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import * as components from "../../components";
import { settingsSchema, SETTINGS_POLICY } from "../../policies/lib/settings";
import { parseStackConfig } from "../../stacks/config";
import { README, REPO_ROOT } from "./documented-commands";

const readme = fs.readFileSync(README, "utf8");
const COMPONENTS_README = path.join(REPO_ROOT, "components", "README.md");

function blocks(language: string, text = readme): string[] {
    return [...text.matchAll(new RegExp(`^[ \\t]*\`\`\`${language}[ \\t]*\\n([\\s\\S]*?)^[ \\t]*\`\`\``, "gm"))].map((m) => m[1]);
}

describe("README examples", () => {
    it("README.md's TypeScript snippets compile together", function () {
        this.timeout(120_000);
        const snippets = blocks("ts");
        assert.ok(snippets.length >= 1, "the exemption tag example");
        assert.deepEqual(compileErrors("readme-examples.generated.ts", snippets), []);
    });

    it("components/README.md's snippets compile together against the real components, one example per component", function () {
        this.timeout(120_000);
        const snippets = blocks("ts", fs.readFileSync(COMPONENTS_README, "utf8"));
        const componentClasses = Object.entries(components).filter(([, v]) => typeof v === "function" && v.prototype instanceof pulumi.ComponentResource).map(([k]) => k);
        assert.ok(componentClasses.length >= 6, "components/index.ts exports the six components");
        // An import block, one example per component, the transforms example.
        assert.ok(snippets.length >= componentClasses.length + 2, `${snippets.length} snippets`);
        for (const name of componentClasses) assert.ok(snippets.some((s) => s.includes(`new ${name}(`)), `no example constructs ${name}`);
        assert.deepEqual(compileErrors("components-readme-examples.generated.ts", snippets), []);
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

/**
 * Compiles the snippets as one module at the repository root, as a user's program would be, with
 * `@faultguard/components` (what components/README.md imports, as a consumer does) resolved to
 * this repository's components. Returns the diagnostics in that module.
 */
function compileErrors(fileName: string, snippets: string[]): string[] {
    const file = path.join(REPO_ROOT, fileName);
    const source = `${snippets.join("\n")}\nexport {};\n`;
    const options: ts.CompilerOptions = {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ["node"],
        baseUrl: REPO_ROOT,
        paths: { "@faultguard/components": ["components/index.ts"] },
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (f) => (f === file ? source : readFile(f));
    host.fileExists = (f) => f === file || fileExists(f);
    host.getSourceFile = (f, lang, onError, create) => (f === file ? ts.createSourceFile(f, source, lang) : getSourceFile(f, lang, onError, create));
    const program = ts.createProgram([file], options, host);
    return ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file?.fileName === file)
        .map((d) => {
            const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
            return `line ${line + 1} (${source.split("\n")[line].trim()}): ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
        })
        .filter((p) => !/is declared but its value is never read/.test(p));
}
