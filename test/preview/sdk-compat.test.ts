// The capture drives the program's own @pulumi/pulumi: the supported range is enforced before the
// program starts, and the parts that differ between releases are chosen per release. The real
// releases (floor, 3.248.0, newest) run end to end in test/consumer.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import { decodeAnalyzeResponse } from "../../preview/src/analyzer/pack";
import { captureProgram } from "../../preview/src/capture/program";
import { checkSdkVersion, invokeResponseClass, SUPPORTED_SDK_RANGE, UnsupportedSdkError } from "../../preview/src/capture/sdk-compat";

describe("supported @pulumi/pulumi range", () => {
  let dir: string;
  const sdkWithVersion = (version: string): string => {
    const root = path.join(dir, "node_modules", "@pulumi", "pulumi");
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "@pulumi/pulumi", version }));
    return root;
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "faultguard-sdk-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("accepts 3.248.0 (newest for Node 20) and the releases around it", () => {
    for (const version of ["3.200.0", "3.248.0", "3.276.0", "3.999.0"]) assert.equal(checkSdkVersion(sdkWithVersion(version), dir), version);
  });

  it("outside the range: names the version found, the range and the fix", () => {
    for (const version of ["3.142.0", "4.0.0"]) {
      assert.throws(
        () => checkSdkVersion(sdkWithVersion(version), dir),
        (err: Error) =>
          err instanceof UnsupportedSdkError &&
          err.message.includes(`@pulumi/pulumi ${version}`) &&
          err.message.includes(SUPPORTED_SDK_RANGE) &&
          /npm install @pulumi\/pulumi@\^3\.248\.0/.test(err.message),
      );
    }
  });

  it("a program with an unsupported SDK stops before it runs, with exit code 2", async () => {
    sdkWithVersion("3.100.0");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: old-sdk\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "index.js"), "throw new Error('must not run');\n");
    await assert.rejects(captureProgram(dir, { stack: "dev" }), (err: UnsupportedSdkError) => err.exitCode === 2 && /3\.100\.0/.test(err.message));
  });
});

describe("per-release SDK parts", () => {
  class ProviderInvokeResponse {
    setReturn(): void {}
  }
  class ResourceInvokeResponse {
    setReturn(): void {}
  }

  it("answers invokes with provider_pb.InvokeResponse where resource_pb has no ResourceInvokeResponse (3.248.0 and older)", () => {
    // The defect: `sdk.resproto.ResourceInvokeResponse is not a constructor` on 3.248.0.
    const load = (id: string): unknown => (id.includes("resource_pb") ? {} : { InvokeResponse: ProviderInvokeResponse });
    assert.equal(invokeResponseClass(load), ProviderInvokeResponse);
  });

  it("uses resource_pb.ResourceInvokeResponse where it exists (3.276.0)", () => {
    const load = (id: string): unknown => (id.includes("resource_pb") ? { ResourceInvokeResponse } : { InvokeResponse: ProviderInvokeResponse });
    assert.equal(invokeResponseClass(load), ResourceInvokeResponse);
  });

  it("decodes a pack's diagnostics with the analyzer_pb of 3.200.0, which has no AnalyzeDiagnostic.severity", () => {
    // The defect: `d.getSeverity is not a function` once the installed pack ran on the project's 3.200.0.
    const diagnostic = {
      getPolicyname: () => "sqs-dlq",
      getPolicypackname: () => "faultguard-aws",
      getPolicypackversion: () => "0.1.0",
      getDescription: () => "d",
      getMessage: () => "m",
      getEnforcementlevel: () => 1,
      getUrn: () => "urn:pulumi:dev::app::aws:sqs/queue:Queue::orders",
    };
    const response = { getNotApplicableList: () => [], getDiagnosticsList: () => [diagnostic] } as unknown as analyzerproto.AnalyzeResponse;
    const [decoded] = decodeAnalyzeResponse(response).diagnostics;
    assert.deepEqual({ level: decoded.enforcementLevel, severity: decoded.severity, policy: decoded.policyName }, { level: "mandatory", severity: "", policy: "sqs-dlq" });
  });
});
