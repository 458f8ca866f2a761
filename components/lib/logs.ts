import { z } from "zod";

/** Retention values CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const logRetentionSchema = z
    .number()
    .int()
    .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), `must be one of CloudWatch Logs' retention values: ${LOG_RETENTION_DAYS.join(", ")}`);

/** Default log retention: 90 days in production, 7 in development. */
export function defaultLogRetention(production: boolean): number {
    return production ? 90 : 7;
}
