// ES-module programs (package.json "type": "module", TypeScript through ts-node's ESM hooks) run as
// the Pulumi language host runs them (issue 14 item 6); before, they failed with "Must use import
// to load ES Module".
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { captureProgram } from "../../preview/src/capture/program";

const PROGRAMS = path.resolve(__dirname, "..", "fixtures", "preview", "programs");

describe("preview: ES-module programs", function () {
  this.timeout(180_000);

  it("TypeScript with nodenext modules, .js-suffixed relative imports and a default-exported async function", async () => {
    const { stack } = await captureProgram(path.join(PROGRAMS, "esm-ts"), { stack: "dev", onOutput: () => undefined });
    const names = stack.resources.filter((r) => r.type === "aws:sqs/queue:Queue").map((r) => r.name).sort();
    assert.deepEqual(names, ["jobs", "jobs-dlq", "orphan"]);
    const jobs = stack.resources.find((r) => r.name === "jobs");
    assert.ok(jobs?.propertyDependencies["redrivePolicy"]?.some((urn) => urn.endsWith("::jobs-dlq")), "links are captured as for CommonJS programs");
  });

  it("plain JavaScript", async () => {
    const { stack } = await captureProgram(path.join(PROGRAMS, "esm-js"), { stack: "dev", onOutput: () => undefined });
    assert.deepEqual(stack.resources.filter((r) => r.type === "aws:sqs/queue:Queue").map((r) => r.name), ["events"]);
  });
});
