"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UNKNOWN_STRING = exports.PROXY_TARGET_KEY = exports.VERIFIED_POLICY_SDK_VERSION = void 0;
exports.asDiagnosticReporter = asDiagnosticReporter;
exports.policyGrpcServerPrototype = policyGrpcServerPrototype;
exports.interceptConfigure = interceptConfigure;
exports.unknownSentinels = unknownSentinels;
/** The @pulumi/policy version the internals below were read from. */
exports.VERIFIED_POLICY_SDK_VERSION = "1.21.0";
function asDiagnosticReporter(report) {
    return report;
}
/** The prototype of the gRPC server class @pulumi/policy itself uses (npm may install several grpc-js). */
function policyGrpcServerPrototype() {
    const policyDir = require.resolve("@pulumi/policy");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] }));
    return grpc.Server.prototype;
}
/**
 * Calls `onConfigure` with every Configure request before @pulumi/policy handles it. Must run
 * before `new PolicyPack(...)`, which registers the analyzer service on a gRPC server. Returns a
 * function that undoes the patch (for tests).
 */
function interceptConfigure(onConfigure) {
    const proto = policyGrpcServerPrototype();
    const original = proto.addService;
    proto.addService = function (service, impl) {
        const configure = impl.configure;
        if (typeof configure === "function") {
            impl = {
                ...impl,
                configure(call, callback) {
                    try {
                        onConfigure(call.request);
                    }
                    catch {
                        // Leave the SDK to report a malformed request in its own way.
                    }
                    return configure.call(this, call, callback);
                },
            };
        }
        return original.call(this, service, impl);
    };
    return () => {
        proto.addService = original;
    };
}
/** Key under which the unknown-checking proxy exposes its raw target. */
exports.PROXY_TARGET_KEY = "__getSpecialProxyTarget";
/** The engine's wire sentinel for an unknown value (pulumi/sdk `UnknownStringValue`). */
exports.UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/**
 * The sentinels @pulumi/policy deserializes unknown values into, as its proxy module exports them
 * (marked internal): one source of truth across SDK versions.
 */
function unknownSentinels() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const proxy = require("@pulumi/policy/proxy");
    const sentinels = Object.entries(proxy)
        .filter(([name, value]) => /^unknown[A-Z]\w*Value$/.test(name) && typeof value === "string")
        .map(([, value]) => value);
    if (!sentinels.includes(exports.UNKNOWN_STRING)) {
        throw new Error(`faultguard: @pulumi/policy no longer exports its unknown-value sentinels; pin ${exports.VERIFIED_POLICY_SDK_VERSION}`);
    }
    return new Set(sentinels);
}
//# sourceMappingURL=policy-sdk.js.map