import { type EnforcementLevel, type ReportViolation } from "@pulumi/policy";
import { type Severity } from "./wire";
/** The @pulumi/policy version the internals below were read from. */
export declare const VERIFIED_POLICY_SDK_VERSION = "1.21.0";
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
export declare function asDiagnosticReporter(report: ReportViolation): ReportDiagnostic;
type Handler = (call: {
    request: unknown;
}, callback: (...args: unknown[]) => void) => unknown;
interface GrpcServerPrototype {
    addService(service: unknown, impl: Record<string, Handler>): void;
}
/** The prototype of the gRPC server class @pulumi/policy itself uses (npm may install several grpc-js). */
export declare function policyGrpcServerPrototype(): GrpcServerPrototype;
/**
 * Calls `onConfigure` with every Configure request before @pulumi/policy handles it. Must run
 * before `new PolicyPack(...)`, which registers the analyzer service on a gRPC server. Returns a
 * function that undoes the patch (for tests).
 */
export declare function interceptConfigure(onConfigure: (request: unknown) => void): () => void;
/** Key under which the unknown-checking proxy exposes its raw target. */
export declare const PROXY_TARGET_KEY = "__getSpecialProxyTarget";
/** The engine's wire sentinel for an unknown value (pulumi/sdk `UnknownStringValue`). */
export declare const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/**
 * The sentinels @pulumi/policy deserializes unknown values into, as its proxy module exports them
 * (marked internal): one source of truth across SDK versions.
 */
export declare function unknownSentinels(): ReadonlySet<string>;
export {};
