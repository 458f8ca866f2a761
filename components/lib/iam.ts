import * as pulumi from "@pulumi/pulumi";

/** Trust policy letting one AWS service assume a role. */
export function assumeRolePolicyFor(service: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
    });
}

export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action: string[];
    Resource: pulumi.Input<string> | pulumi.Input<string>[];
    Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

/** A policy document whose resources may be Outputs (e.g. the ARN of a queue made in the same component). */
export function policyDocument(statements: PolicyStatement[]): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}
