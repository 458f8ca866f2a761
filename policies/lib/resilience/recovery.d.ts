export interface RecoveryFigure {
    /** Stable key, cited in every derivation that uses the figure. */
    id: string;
    /** What the figure measures. */
    what: string;
    /** Lower and upper bound in seconds (a single typical value has lower = upper; "less than X" has lower 0). */
    lowerSeconds: number;
    upperSeconds: number;
    /** The AWS documentation page. */
    source: string;
    /** The sentence on that page the figure comes from. */
    quote: string;
}
export declare const RECOVERY: {
    readonly rdsMultiAzInstanceFailover: RecoveryFigure;
    readonly rdsMultiAzClusterFailover: RecoveryFigure;
    readonly auroraFailoverToReplica: RecoveryFigure;
    readonly auroraRecreateWriter: RecoveryFigure;
    readonly rdsSingleAzRestore: RecoveryFigure;
    readonly rdsLatestRestorableTime: RecoveryFigure;
    readonly dynamodbLatestRestorableTime: RecoveryFigure;
    readonly auroraGlobalReplicationLag: RecoveryFigure;
    readonly auroraGlobalPromotion: RecoveryFigure;
    readonly targetGroupHealthCheckDefaults: RecoveryFigure;
    readonly natGatewayZonal: RecoveryFigure;
    readonly lambdaMultiAz: RecoveryFigure;
    readonly sqsDefaultRetention: RecoveryFigure;
};
export type RecoveryId = keyof typeof RECOVERY;
/** The table as data, in a stable order (report, README, tests). */
export declare const RECOVERY_TABLE: readonly RecoveryFigure[];
/**
 * An estimate (RTO or RPO) with how it was derived. `upperSeconds` null means no upper bound can
 * be given from sourced figures: part of it is unsourced (named in `unsourced`) or recovery is
 * not automatic.
 */
export interface Estimate {
    lowerSeconds: number;
    upperSeconds: number | null;
    /** False when nothing recovers on its own: the AZ/Region must return, or an operator must act. */
    automatic: boolean;
    /** Human-readable arithmetic, e.g. "unhealthy 3 × 15 s + launch (unsourced) + healthy 3 × 15 s". */
    derivation: string;
    /** Recovery-table ids used. */
    sources: string[];
    /** Components with no AWS-published figure (kept out of mandatory verdicts). */
    unsourced: string[];
}
export declare const NONE: Estimate;
export declare function fromFigure(f: RecoveryFigure, derivation?: string): Estimate;
/** Recovery that waits for the AZ/Region to return or for an operator: no automatic bound. */
export declare function notAutomatic(derivation: string, sources?: string[]): Estimate;
/** The longer of two estimates (a service is back when its slowest part is back). */
export declare function maxEstimate(a: Estimate | undefined, b: Estimate | undefined): Estimate | undefined;
export declare function formatSeconds(s: number): string;
/** "60 s–2 min", "≥ 90 s (+ unsourced: instance launch)", "no automatic recovery". */
export declare function formatEstimate(e: Estimate): string;
