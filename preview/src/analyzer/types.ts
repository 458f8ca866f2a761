import { type RuleTags } from "../../../policies/lib/wire";
import { type JsonObject } from "../capture/values";

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];
export type Severity = "" | "low" | "medium" | "high" | "critical";

/** A policy as the pack describes it in GetAnalyzerInfo. */
export interface PolicyMetadata {
  name: string;
  displayName: string;
  description: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  policyType: "resource" | "stack" | "unknown";
  configSchema?: { properties: JsonObject; required: string[] };
  remediationSteps: string;
  url: string;
  tags: string[];
  /** Rule metadata from the tags, when the pack speaks the wire protocol (policies/lib/wire.ts). */
  rule?: RuleTags;
  framework?: { name: string; version: string; reference: string; specification: string };
}

export interface PolicyConfigEntry {
  enforcementLevel: EnforcementLevel;
  properties: JsonObject;
}

export interface PackInfo {
  name: string;
  version: string;
  displayName: string;
  description: string;
  supportsConfig: boolean;
  policies: PolicyMetadata[];
  /** The pack's own default config (PolicyPack initialConfig). */
  initialConfig: Record<string, Partial<PolicyConfigEntry>>;
}

/** One AnalyzeDiagnostic, decoded. */
export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  urn: string;
}
