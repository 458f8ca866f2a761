// Every use of @pulumi/policy's private internals, in one place. Each is something its public
// typings do not offer but the pack needs; test/policies/framework/policy-sdk.test.ts pins the SDK
// version these were read from (VERIFIED_POLICY_SDK_VERSION) and fails loudly when one changes.
//
// 1. The object form of `reportViolation` (server.js `makeReportViolationFun`): lets one dispatcher
//    policy report a finding under another policy's name, level, severity and description.
// 2. The analyzer service registration (server.js `addService(AnalyzerService, { configure, … })`):
//    lets the pack see the whole Configure request, not only each policy's own part, and the
//    ConfigureStack and GetAnalyzerInfo calls (the profile decides the levels it advertises).
// 3. The unknown-value proxy (proxy.js): its raw-target key and its unknown sentinels, so rules read
//    properties without an exception per unknown read.
// 4. The Analyze and AnalyzeStack requests before deserialize.js unwraps secrets: which property
//    paths the program marked secret, so rules print "[secret]" instead of the value.
import { type EnforcementLevel, type ReportViolation } from "@pulumi/policy";
import { UNKNOWN_STRING, type Severity } from "./wire";

/** The @pulumi/policy version the internals below were read from. */
export const VERIFIED_POLICY_SDK_VERSION = "1.21.0";

/** One diagnostic in the object form `reportViolation` accepts (typings declare only the string form). */
export interface Diagnostic {
    /** The policy the diagnostic is reported under. */
    name: string;
    /** Sent as is: the object form does not prefix the policy description. */
    message: string;
    enforcementLevel: EnforcementLevel;
    /** Empty or absent: the reporting policy's own. */
    description?: string;
    severity?: Severity;
    urn?: string;
}
export type ReportDiagnostic = (d: Diagnostic) => void;

export function asDiagnosticReporter(report: ReportViolation): ReportDiagnostic {
    return report as unknown as ReportDiagnostic;
}

type Handler = (call: { request: unknown }, callback: (...args: unknown[]) => void) => unknown;

interface GrpcServerPrototype {
    addService(service: unknown, impl: Record<string, Handler>): void;
}

/** The prototype of the gRPC server class @pulumi/policy itself uses (npm may install several grpc-js). */
export function policyGrpcServerPrototype(): GrpcServerPrototype {
    const policyDir = require.resolve("@pulumi/policy");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] })) as { Server: { prototype: GrpcServerPrototype } };
    return grpc.Server.prototype;
}

/** What the pack watches of the analyzer calls: each hook sees the request before @pulumi/policy does. */
export interface AnalyzerHooks {
    getAnalyzerInfo?: (request: unknown) => void;
    configure?: (request: unknown) => void;
    configureStack?: (request: unknown) => void;
    analyze?: (request: unknown) => void;
    analyzeStack?: (request: unknown) => void;
}

/**
 * Calls each hook with its request before @pulumi/policy handles it. Must run before
 * `new PolicyPack(...)`, which registers the analyzer service on a gRPC server. Returns a function
 * that undoes the patch (for tests).
 */
export function interceptAnalyzerCalls(hooks: AnalyzerHooks): () => void {
    const proto = policyGrpcServerPrototype();
    const original = proto.addService;
    proto.addService = function (this: unknown, service: unknown, impl: Record<string, Handler>) {
        const wrapped = { ...impl };
        for (const [method, hook] of Object.entries(hooks) as Array<[string, ((request: unknown) => void) | undefined]>) {
            const handler = impl[method];
            if (typeof handler !== "function" || !hook) {
                continue;
            }
            wrapped[method] = function (this: unknown, call, callback) {
                try {
                    hook(call.request);
                } catch {
                    // Leave the SDK to report a malformed request in its own way.
                }
                return handler.call(this, call, callback);
            };
        }
        return original.call(this, service, wrapped);
    };
    return () => {
        proto.addService = original;
    };
}

/** Key under which the unknown-checking proxy exposes its raw target. */
export const PROXY_TARGET_KEY = "__getSpecialProxyTarget";

export { UNKNOWN_STRING };

/**
 * The sentinels @pulumi/policy deserializes unknown values into, as its proxy module exports them
 * (marked internal): one source of truth across SDK versions.
 */
export function unknownSentinels(): ReadonlySet<string> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;
    const sentinels = Object.entries(proxy)
        .filter(([name, value]) => /^unknown[A-Z]\w*Value$/.test(name) && typeof value === "string")
        .map(([, value]) => value as string);
    if (!sentinels.includes(UNKNOWN_STRING)) {
        throw new Error(`faultguard: @pulumi/policy no longer exports its unknown-value sentinels; pin ${VERIFIED_POLICY_SDK_VERSION}`);
    }
    return new Set(sentinels);
}

/** The wire signature of a secret value: `{ [SPECIAL_SIG_KEY]: SECRET_SIG, value }` (pulumi runtime/rpc.js). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A resource's secrets by dotted property path ("tags.owner", "items.0"), with their values. */
export type SecretsByPath = ReadonlyMap<string, unknown>;

function collectSecrets(value: unknown, path: string, out: Map<string, unknown>, depth: number): void {
    if (depth > 64 || value === null || typeof value !== "object") {
        return;
    }
    if (Array.isArray(value)) {
        value.forEach((v, i) => collectSecrets(v, path ? `${path}.${i}` : String(i), out, depth + 1));
        return;
    }
    const record = value as Record<string, unknown>;
    if (record[SPECIAL_SIG_KEY] === SECRET_SIG) {
        out.set(path, record.value);
        return;
    }
    for (const [k, v] of Object.entries(record)) {
        collectSecrets(v, path ? `${path}.${k}` : k, out, depth + 1);
    }
}

/** The secrets in wire properties (a `google.protobuf.Struct` as the engine sends them). */
export function secretsOnWire(properties: { toJavaScript(): unknown } | undefined): Map<string, unknown> {
    const out = new Map<string, unknown>();
    if (properties) {
        collectSecrets(properties.toJavaScript(), "", out, 0);
    }
    return out;
}

interface AnalyzedResourceLike {
    getUrn(): string;
    getProperties(): { toJavaScript(): unknown } | undefined;
}

/** Secrets per URN of an AnalyzeRequest (one resource) or AnalyzeStackRequest (every resource). */
export function secretsOfRequest(request: unknown): Map<string, Map<string, unknown>> {
    const stack = request as { getResourcesList?: () => AnalyzedResourceLike[] };
    const resources = typeof stack.getResourcesList === "function" ? stack.getResourcesList() : [request as AnalyzedResourceLike];
    const out = new Map<string, Map<string, unknown>>();
    for (const r of resources) {
        const secrets = secretsOnWire(r.getProperties());
        if (secrets.size > 0) {
            out.set(r.getUrn(), secrets);
        }
    }
    return out;
}
