// Shared by the alarms and dead-letter-queues rule tests: run a program through the real pack
// and summarise one policy's outcome, plus small builders for the resources every case needs.
// FAULTGUARD_PACK_DIR points the tests at another pack directory (e.g. a scratch pack holding only
// some pillars while others are mid-edit); by default they use <repo>/policies.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { analyzeInline, notEvaluatedOf, violationsOf, type AnalyzeInlineOptions } from "../../../support/analyze";
import { type Report } from "../../../../preview/src/report/model";

export function analyze(program: () => unknown, options: AnalyzeInlineOptions = {}): Promise<Report> {
    return analyzeInline(program, { packDir: process.env.FAULTGUARD_PACK_DIR, ...options });
}

/** One policy's outcome: violations as "name level", and resources it could not evaluate. */
export interface Outcome {
    violations: string[];
    notEvaluated: string[];
    messages: Record<string, string>;
}

export function outcome(report: Report, policy: string): Outcome {
    const violations = violationsOf(report, policy);
    const messages: Record<string, string> = {};
    for (const v of [...violations, ...notEvaluatedOf(report, policy)]) {
        messages[v.name] = v.message;
    }
    return {
        violations: violations.map((v) => `${v.name} ${v.enforcementLevel}`).sort(),
        notEvaluated: notEvaluatedOf(report, policy).map((v) => v.name).sort(),
        messages,
    };
}

export async function run(policy: string, program: () => unknown, options: AnalyzeInlineOptions = {}): Promise<Outcome> {
    return outcome(await analyze(program, options), policy);
}

const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") });

/** A Lambda function with its role; explicit timeout so the timeout rules stay quiet. */
export function lambda(name: string, args: Partial<aws.lambda.FunctionArgs> = {}): aws.lambda.Function {
    const role = new aws.iam.Role(`${name}-role`, {
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
        }),
    });
    return new aws.lambda.Function(name, { role: role.arn, runtime: "nodejs20.x", handler: "index.handler", code, timeout: 30, ...args });
}

/** A queue pair: `name` with a redrive policy into `name-dlq`. */
export function queueWithDlq(name: string, args: Partial<aws.sqs.QueueArgs> = {}, dlqArgs: Partial<aws.sqs.QueueArgs> = {}) {
    const dlq = new aws.sqs.Queue(`${name}-dlq`, { messageRetentionSeconds: 1209600, ...dlqArgs });
    const queue = new aws.sqs.Queue(name, {
        redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),
        ...args,
    });
    return { queue, dlq };
}

export const alarmTopic = (name = "alarms") => new aws.sns.Topic(name);
