import { aws } from "../../../../policies/lib/aws-types";
import { observabilityRules } from "../../../../policies/rules/observability";
import { assertNeverCrashes } from "../../../support/odd-shapes";

describe("observability rules on odd shapes (property-based)", () => {
    it("never throw anything but UnresolvableError", () => {
        assertNeverCrashes(
            observabilityRules,
            [aws.ecs.AccountSettingDefault, aws.rds.Cluster, aws.cloudfront.Distribution],
            [
                "tracingConfig", "mode", "loggingConfig", "logFormat", "xrayTracingEnabled", "loggingConfiguration", "level", "includeExecutionData", "logDestination",
                "tracingConfiguration", "enabled", "type", "settings", "name", "value", "retentionInDays", "performanceInsightsEnabled", "monitoringInterval",
                "databaseInsightsMode", "clusterIdentifier", "id", "monitoring", "accessLogs", "bucket", "loadBalancerType",
                "defaultCacheBehavior", "orderedCacheBehaviors", "lambdaFunctionAssociations", "lambdaArn", "arn", "qualifiedArn",
                "containerDefinitions", "logConfiguration", "logDriver",
            ],
            ["Active", "JSON", "EXPRESS", "ALL", "ERROR", "OFF", "containerInsights", "enabled", "enhanced", "advanced", "gateway", "c1", "arn:aws:lambda:us-east-1:1:function:f:1", "arn:aws:lambda:us-east-1:1:function:f", '[{"name":"a","logConfiguration":{"logDriver":"awslogs"}},{"name":"b"}]'],
        );
    });
});
