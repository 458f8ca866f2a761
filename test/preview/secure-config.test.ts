// Issue 11 item 7: `secure:` values nested in a structured config value reach the program as
// secrets (the key is secret, as Pulumi marks it), never as plain ciphertext strings.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadProject, loadStackConfig, SECRET_PLACEHOLDER } from "../../preview/src/project";

describe("stack config: nested secure values (issue 11 item 7)", () => {
  it("replaces each nested secure value with the secret stand-in and marks the key secret", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "faultguard-secure-"));
    try {
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: nested\nruntime: nodejs\n");
      fs.writeFileSync(
        path.join(dir, "Pulumi.dev.yaml"),
        [
          "config:",
          "  nested:db:",
          "    host: db.internal",
          "    password:",
          "      secure: AAABAJk2ZXhhbXBsZS1jaXBoZXJ0ZXh0",
          "    replicas:",
          "      - name: a",
          "        token:",
          "          secure: AAABAOther",
          "  nested:plain:",
          "    host: web",
        ].join("\n"),
      );
      const { config, secretKeys } = loadStackConfig(loadProject(dir), "dev");
      assert.deepEqual(JSON.parse(config["nested:db"]), { host: "db.internal", password: SECRET_PLACEHOLDER, replicas: [{ name: "a", token: SECRET_PLACEHOLDER }] });
      assert.ok(!config["nested:db"].includes("AAABA"), "no ciphertext reaches the program");
      assert.deepEqual(secretKeys, ["nested:db"]);
      assert.deepEqual(JSON.parse(config["nested:plain"]), { host: "web" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
