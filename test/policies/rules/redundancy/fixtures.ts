// Shared building blocks for the redundancy and timeouts rule tests: small real resources and a
// compact view of one policy's outcomes in a report.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type Report } from "../../../../preview/src/report/model";
import { analyzeInline, type AnalyzeInlineOptions } from "../../../support/analyze";

export const REGION_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];

/** A VPC with one subnet per listed zone (zone undefined: left for AWS to pick). */
export function subnetsIn(prefix: string, zones: ReadonlyArray<string | undefined>): { vpc: aws.ec2.Vpc; subnets: aws.ec2.Subnet[] } {
    const vpc = new aws.ec2.Vpc(`${prefix}-vpc`, { cidrBlock: "10.0.0.0/16" });
    const subnets = zones.map(
        (zone, i) => new aws.ec2.Subnet(`${prefix}-${i}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, ...(zone ? { availabilityZone: zone } : {}) }),
    );
    return { vpc, subnets };
}

export const lambdaCode = (): pulumi.asset.AssetArchive => new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => {};") });

export const ROLE_ARN = "arn:aws:iam::123456789012:role/worker";

/** A Lambda function with the fewest arguments the provider accepts, plus overrides. */
export function fn(name: string, args: Partial<aws.lambda.FunctionArgs> = {}): aws.lambda.Function {
    return new aws.lambda.Function(name, { role: ROLE_ARN, runtime: "nodejs20.x", handler: "index.handler", code: lambdaCode(), ...args });
}

export type Kind = "violation" | "not-evaluated";

/** One policy's outcomes as sorted "kind level resource" strings: exact, readable assertions. */
export function outcomes(report: Report, policy: string): string[] {
    const v = report.violations.filter((f) => f.policy === policy).map((f) => `violation ${f.enforcementLevel} ${f.name}`);
    const n = report.notEvaluated.filter((f) => f.policy === policy).map((f) => `not-evaluated ${f.enforcementLevel} ${f.name}`);
    return [...v, ...n].sort();
}

/** The messages of one policy's findings on one resource. */
export function messages(report: Report, policy: string, name: string): string[] {
    return [...report.violations, ...report.notEvaluated].filter((f) => f.policy === policy && f.name === name).map((f) => f.message);
}

/**
 * analyzeInline against the repository's pack, or against FAULTGUARD_TEST_PACK_DIR when set (lets
 * these tests run while unrelated work in progress keeps the shared pack from compiling).
 */
export function analyze(program: () => unknown, options: AnalyzeInlineOptions = {}): Promise<Report> {
    const packDir = process.env["FAULTGUARD_TEST_PACK_DIR"];
    return analyzeInline(program, { ...(packDir ? { packDir } : {}), ...options });
}
