// Failures whose cause is not the program (issue 14 item 8): missing configuration and missing
// packages are explained with a fix that needs no Pulumi CLI, and never as "Fix the program".
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { captureProgram } from "../../preview/src/capture/program";
import { explainEnvironmentFailure } from "../../preview/src/capture/failure-hints";
import { ProgramFailedError } from "../../preview/src/errors";

const PROGRAMS = path.resolve(__dirname, "..", "fixtures", "preview", "programs");

async function failureOf(dir: string, config: string[] = []): Promise<ProgramFailedError> {
  try {
    await captureProgram(path.join(PROGRAMS, dir), { stack: "dev", config, onOutput: () => undefined });
  } catch (err) {
    assert.ok(err instanceof ProgramFailedError, String(err));
    return err;
  }
  assert.fail(`${dir} was expected to fail`);
}

describe("preview: failures that are not the program's fault", function () {
  this.timeout(120_000);

  it("missing configuration: names the key and gives the --config form first; the program runs once it is given", async () => {
    const err = await failureOf("needs-config");
    assert.match(err.message, /needs the configuration value 'needs-config:retentionDays', which stack "dev" does not set/);
    assert.match(err.message, /Pass it with --config needs-config:retentionDays=<value>/);
    assert.match(err.message, /Pulumi\.dev\.yaml/);
    assert.doesNotMatch(err.message, /Fix the program/);
    const { stack } = await captureProgram(path.join(PROGRAMS, "needs-config"), { stack: "dev", config: ["retentionDays=30"], onOutput: () => undefined });
    assert.equal(stack.resources.find((r) => r.name === "app")?.inputs["retentionInDays"], 30);
  });

  it("a package that is not installed: says to install the dependencies, not to fix the program", async () => {
    const err = await failureOf("missing-package");
    assert.match(err.message, /imports '@faultguard-fixture\/naming-not-installed', which is not installed\. Install the program's dependencies/);
    assert.doesNotMatch(err.message, /Fix the program/);
  });

  it("a secret, and the program's own missing file, are told apart", () => {
    const ctx = { programDir: "/p", stack: "prod" };
    const secret = explainEnvironmentFailure("Missing required configuration variable 'app:dbPassword'\n\tplease set a value using the command `pulumi config set --secret app:dbPassword <value>`", ctx);
    assert.match(secret ?? "", /--config "app:dbPassword=\$VALUE"/);
    assert.match(secret ?? "", /pulumi config set --secret app:dbPassword <value> --stack prod/);
    assert.equal(explainEnvironmentFailure("Cannot find module './sizing'\nRequire stack:\n- /p/index.ts", ctx), undefined);
    assert.equal(explainEnvironmentFailure("boom", ctx), undefined);
  });
});
