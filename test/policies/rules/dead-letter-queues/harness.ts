// Shared by the alarms and dead-letter-queues rule tests: analyzeInline against the pack, plus
// FAULTGUARD_PACK_DIR to point at another pack directory (e.g. a scratch pack holding only some
// pillars while others are mid-edit).
import { analyzeInline, type AnalyzeInlineOptions } from "../../../support/analyze";
import { type Report } from "../../../../preview/src/report/model";

export function analyze(program: () => unknown, options: AnalyzeInlineOptions = {}): Promise<Report> {
    return analyzeInline(program, { packDir: process.env.FAULTGUARD_PACK_DIR, ...options });
}
