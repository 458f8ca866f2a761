// Pins every @pulumi/policy internal the pack relies on (policies/lib/policy-sdk.ts) to the SDK
// version they were read from. When the SDK changes, this fails first and names what broke.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { type ReportViolation } from "@pulumi/policy";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import {
    asDiagnosticReporter,
    interceptAnalyzerCalls,
    policyGrpcServerPrototype,
    PROXY_TARGET_KEY,
    SECRET_SIG,
    secretsOfRequest,
    SPECIAL_SIG_KEY,
    UNKNOWN_STRING,
    unknownSentinels,
    VERIFIED_POLICY_SDK_VERSION,
} from "../../../policies/lib/policy-sdk";

const REPO = path.resolve(__dirname, "..", "..", "..");

function installedVersion(): string {
    const file = require.resolve("@pulumi/policy/package.json", { paths: [path.join(REPO, "policies")] });
    // The published package.json says "v1.21.0".
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version.replace(/^v/, "");
}

interface ServerInternals {
    makeAnalyzeRpcFun(
        pack: string,
        version: string,
        level: string,
        policies: unknown[],
    ): (call: { request: unknown }, callback: (err: unknown, response?: analyzerproto.AnalyzeResponse) => void) => Promise<void>;
}

describe("policies/lib/policy-sdk: the @pulumi/policy internals, pinned", () => {
    it(`runs against the verified @pulumi/policy ${VERIFIED_POLICY_SDK_VERSION} (re-verify every internal below before moving the pin)`, () => {
        assert.equal(installedVersion(), VERIFIED_POLICY_SDK_VERSION);
        const pins = [path.join(REPO, "package.json"), path.join(REPO, "policies", "package.json")].map(
            (f) => (JSON.parse(fs.readFileSync(f, "utf8")) as { dependencies: Record<string, string> }).dependencies["@pulumi/policy"],
        );
        assert.deepEqual(pins, [VERIFIED_POLICY_SDK_VERSION, VERIFIED_POLICY_SDK_VERSION], "both package.json files pin the verified version exactly");
    });

    it("reportViolation's object form carries policy name, level, severity, description and URN into the AnalyzeDiagnostic", async () => {
        // server.js makeAnalyzeRpcFun / makeReportViolationFun, driven in-process like the Analyze RPC.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const server = require("@pulumi/policy/server") as ServerInternals;
        const dispatcher = {
            name: "dispatcher",
            description: "the dispatcher's own description",
            enforcementLevel: "mandatory",
            validateResource: (_args: unknown, report: ReportViolation) => {
                asDiagnosticReporter(report)({
                    name: "some-rule",
                    message: "the finding",
                    enforcementLevel: "advisory",
                    severity: "critical",
                    description: "the rule's description",
                    urn: "urn:pulumi:s::p::t::n",
                });
            },
        };
        const request = new analyzerproto.AnalyzeRequest();
        request.setType("t");
        request.setUrn("urn:pulumi:s::p::t::n");
        request.setName("n");
        request.setProperties(structproto.Struct.fromJavaScript({}));
        request.setOptions(new analyzerproto.AnalyzerResourceOptions());
        const response = await new Promise<analyzerproto.AnalyzeResponse>((resolve, reject) => {
            void server.makeAnalyzeRpcFun("pack", "1.0.0", "advisory", [dispatcher])({ request }, (err, res) => (err ? reject(err) : resolve(res!)));
        });
        const [d] = response.getDiagnosticsList();
        assert.deepEqual(
            {
                policy: d.getPolicyname(),
                message: d.getMessage(),
                level: d.getEnforcementlevel(),
                severity: d.getSeverity(),
                description: d.getDescription(),
                urn: d.getUrn(),
            },
            {
                policy: "some-rule",
                message: "the finding",
                level: analyzerproto.EnforcementLevel.ADVISORY,
                severity: analyzerproto.PolicySeverity.POLICY_SEVERITY_CRITICAL,
                description: "the rule's description",
                urn: "urn:pulumi:s::p::t::n",
            },
        );
    });

    it("the analyzer service is registered through grpc-js Server.addService with configure, configureStack and getAnalyzerInfo handlers the pack can wrap", () => {
        // server.js serve(): server.addService(AnalyzerService, { …, configure, configureStack, getAnalyzerInfo, … }).
        const source = fs.readFileSync(require.resolve("@pulumi/policy/server"), "utf8");
        for (const handler of ["configure", "configureStack", "getAnalyzerInfo"]) {
            assert.match(source, new RegExp(`server\\.addService\\(analyzerrpc\\.AnalyzerService, \\{[^}]*\\b${handler}\\b`), handler);
        }
        const proto = policyGrpcServerPrototype();
        const original = proto.addService;
        const registered: Array<Record<string, (call: { request: unknown }, callback: () => void) => unknown>> = [];
        proto.addService = (_service, impl) => void registered.push(impl);
        const seen: unknown[] = [];
        const undo = interceptAnalyzerCalls({ configure: (request) => seen.push(request) });
        try {
            let handled: unknown;
            proto.addService({}, { configure: (call) => (handled = call.request) });
            registered[0].configure({ request: "req" }, () => undefined);
            assert.deepEqual([seen, handled], [["req"], "req"], "the pack sees the request, then the SDK handles it");
        } finally {
            undo();
            proto.addService = original;
        }
    });

    it("secrets reach the analyze and analyzeStack handlers in the runtime's secret signature (deserialize.js unwraps it), so the pack reads their paths first", () => {
        const source = fs.readFileSync(require.resolve("@pulumi/policy/server"), "utf8");
        for (const handler of ["analyze", "analyzeStack"]) {
            assert.match(source, new RegExp(`server\\.addService\\(analyzerrpc\\.AnalyzerService, \\{[^}]*\\b${handler}\\b`), handler);
        }
        const deserialize = fs.readFileSync(require.resolve("@pulumi/policy/deserialize"), "utf8");
        assert.match(deserialize, /rpc_1\.specialSecretSig/);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const rpc = require(require.resolve("@pulumi/pulumi/runtime/rpc", { paths: [require.resolve("@pulumi/policy")] })) as { specialSigKey: string; specialSecretSig: string };
        assert.deepEqual([rpc.specialSigKey, rpc.specialSecretSig], [SPECIAL_SIG_KEY, SECRET_SIG]);
        const resource = new analyzerproto.AnalyzerResource();
        resource.setUrn("urn:q");
        resource.setProperties(structproto.Struct.fromJavaScript({ name: "q", policy: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: "{}" } }));
        const stack = new analyzerproto.AnalyzeStackRequest();
        stack.setResourcesList([resource]);
        assert.deepEqual([...secretsOfRequest(stack)].map(([urn, secrets]) => [urn, [...secrets]]), [["urn:q", [["policy", "{}"]]]]);
    });

    it("the unknown-value proxy exposes its raw target under the key the pack reads, and exports its sentinels", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const proxy = require("@pulumi/policy/proxy") as { getSpecialProxyTarget: string; unknownCheckingProxy(o: object): Record<string, unknown>; unknownStringValue: string };
        assert.equal(proxy.getSpecialProxyTarget, PROXY_TARGET_KEY);
        const target = { a: 1 };
        assert.equal(proxy.unknownCheckingProxy(target)[PROXY_TARGET_KEY], target);
        assert.equal(proxy.unknownStringValue, UNKNOWN_STRING);
        assert.ok(unknownSentinels().size >= 6, "one sentinel per unknown kind (boolean, number, string, array, asset, archive, object)");
    });
});
