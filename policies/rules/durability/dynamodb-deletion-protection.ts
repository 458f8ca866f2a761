import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";

export const dynamodbDeletionProtection = resourceRule({
    id: "dynamodb-deletion-protection",
    title: "DynamoDB tables have deletion protection",
    pillar: "durability",
    description: "A DynamoDB table sets `deletionProtectionEnabled: true`.",
    remediation: [
        "```ts",
        "new aws.dynamodb.Table(\"orders\", { deletionProtectionEnabled: true, ... });",
        "```",
        "Pulumi's `protect: true` resource option guards against `pulumi destroy` as well, but not against deletion outside Pulumi.",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory", development: "disabled" },
    rationale:
        "Advisory: deleting a table is an outage, but with point-in-time recovery (rule dynamodb-pitr, mandatory) DynamoDB keeps a restorable system backup for 35 days, so the loss is recoverable. Disabled in development, where tables are torn down with their stacks.",
    byDefault: { shown: true, why: "A table is data: a replacement or a stray delete loses it, and protection costs nothing." },
    resourceTypes: [aws.dynamodb.Table],
    anchors: {
        awsConfig: ["dynamodb-table-deletion-protection-enabled"],
        securityHub: ["DynamoDB.6"],
        wellArchitected: ["REL09-BP01"],
    },
    config: z.object({}),
    check(table) {
        const enabled = table.read("deletionProtectionEnabled");
        if (!enabled.known) {
            return [unresolvable("deletionProtectionEnabled")];
        }
        return enabled.value === true ? [] : [violation("deletionProtectionEnabled is not set; set deletionProtectionEnabled: true so the table cannot be deleted by mistake.")];
    },
});
