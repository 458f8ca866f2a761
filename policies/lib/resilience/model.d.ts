import { type Profile } from "../rule";
import { type Estimate } from "./recovery";
/** survives: keeps serving at full capacity (after at most a failover interruption, the RTO). */
export type VerdictState = "survives" | "degraded" | "down" | "unknown";
export type DisruptionKind = "az" | "instance" | "primary" | "nat" | "dependency" | "poison" | "region";
/** Resilience Hub's disruption types: application (software), infrastructure (hardware), AZ, Region. */
export type DisruptionCategory = "application" | "infrastructure" | "az" | "region";
export declare const CATEGORY_OF: Readonly<Record<DisruptionKind, DisruptionCategory>>;
export interface Disruption {
    /** "az:eu-west-1a", "instance", "primary:<urn>", "nat:<urn>", "dependency", "poison:<urn>", "region". */
    id: string;
    kind: DisruptionKind;
    category: DisruptionCategory;
    /** "AZ eu-west-1a", "primary of db-primary", … */
    label: string;
    /** URNs of the resources this disruption takes down (for the diagram), including the subjects that go down. */
    lost: string[];
}
/** One resource in the chain that decides a verdict. */
export interface ChainStep {
    urn: string;
    name: string;
    type: string;
    /** What this resource contributes: "in eu-west-1a only", "routes 0.0.0.0/0 through nat-0 (eu-west-1a)", … */
    note: string;
}
export interface Verdict {
    /** URN of the entry point, workload or data store. */
    subject: string;
    disruption: string;
    state: VerdictState;
    /** For degraded: remaining capacity, e.g. { remaining: 2, of: 3, fraction: 0.67, unit: "AZs" }. */
    capacity?: {
        remaining: number;
        of: number;
        fraction: number;
        unit: string;
    };
    /** One sentence, chain included: "AZ eu-west-1a: … → web-asg loses egress in every AZ → web down". */
    reason: string;
    chain: ChainStep[];
    /** Recovery time: how long the subject is down or interrupted (0 when it keeps serving). */
    rto: Estimate;
    /** Data at risk, for subjects that hold or depend on data (absent when no data is involved). */
    rpo?: Estimate;
    /** For unknown: the values this preview does not know ("availabilityZone of subnet priv-1"). */
    unknown?: string[];
    /** The resource that decides the verdict (where a missed target is reported). */
    cause?: string;
}
export type SubjectKind = "entry-point" | "workload" | "data-store";
export interface Subject {
    urn: string;
    name: string;
    type: string;
    kind: SubjectKind;
    /** URNs of what it depends on (front, compute, network, data). */
    dependsOn: string[];
}
/** A resource the HTML diagram places: by AZ and subnet where the graph says so. */
export interface PlacedResource {
    urn: string;
    name: string;
    type: string;
    role: "subnet" | "load-balancer" | "compute" | "nat" | "data" | "queue" | "entry";
    /** Zones it sits in (empty: regional or unknown). */
    zones: string[];
    /** Subnet URNs it sits in. */
    subnets: string[];
}
export interface PolicyTarget {
    rtoSeconds?: number;
    rpoSeconds?: number;
}
export interface Miss {
    subject: string;
    disruption: string;
    category: DisruptionCategory;
    objective: "rto" | "rpo";
    targetSeconds: number;
    estimate: Estimate;
    /** certain: the estimate's lower bound (or a non-automatic recovery) misses; unconfirmed: only unsourced parts could. */
    certainty: "certain" | "unconfirmed";
    cause: string;
    message: string;
}
export interface Assessment {
    schemaVersion: 1;
    profile: Profile;
    /** The resiliency policy in force (targets per disruption category). */
    policy: Partial<Record<DisruptionCategory, PolicyTarget>>;
    zones: string[];
    disruptions: Disruption[];
    subjects: Subject[];
    /** Sparse: a subject has a verdict for every AZ, "instance", "dependency" and "region", and for each per-resource disruption that touches it. */
    verdicts: Verdict[];
    misses: Miss[];
    placement: PlacedResource[];
    /** The recovery-table figures the estimates cite (id, what, range, source, quote). */
    recoveryTable: Array<{
        id: string;
        what: string;
        lowerSeconds: number;
        upperSeconds: number;
        source: string;
        quote: string;
    }>;
}
