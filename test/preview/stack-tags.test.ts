import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadProject, loadStackConfig, stackTagsOf } from "../../preview/src/project";

function project(stackYaml: string) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fg-tags-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: shop\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "index.ts"), "export {};\n");
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackYaml);
    const p = loadProject(dir);
    return { p, config: loadStackConfig(p, "dev").config };
}

describe("preview: stack tags", () => {
    it("sends the automatic pulumi:* tags plus the stack config's pulumi:tags, as the engine does", () => {
        const { p, config } = project("config:\n  pulumi:tags:\n    faultguard:profile: development\n    team: payments\n");
        assert.deepEqual(stackTagsOf(p, config), {
            "pulumi:project": "shop",
            "pulumi:runtime": "nodejs",
            "faultguard:profile": "development",
            team: "payments",
        });
    });

    it("rejects pulumi:tags that are not a map of strings, naming the key", () => {
        const { p, config } = project("config:\n  pulumi:tags:\n    retries: 3\n");
        assert.throws(() => stackTagsOf(p, config), /pulumi:tags\.retries" must be a string/);
    });
});
