import { aws } from "../../../../policies/lib/aws-types";
import { healthChecksRules } from "../../../../policies/rules/health-checks";
import { assertNeverCrashes } from "../../../support/odd-shapes";

describe("health-checks rules on odd shapes (property-based)", () => {
    it("never throw anything but UnresolvableError", () => {
        assertNeverCrashes(
            healthChecksRules,
            [aws.autoscaling.Attachment, aws.autoscaling.TrafficSourceAttachment, aws.ecs.TaskDefinition, aws.elasticbeanstalk.ConfigurationTemplate, aws.lb.TargetGroup],
            [
                "targetGroupArns", "loadBalancers", "trafficSources", "type", "identifier", "autoscalingGroupName", "lbTargetGroupArn", "name", "healthCheckType",
                "healthCheckGracePeriod", "healthCheck", "enabled", "path", "matcher", "protocol", "interval", "unhealthyThreshold", "targetType", "target",
                "connectionDraining", "healthCheckGracePeriodSeconds", "taskDefinition", "family", "arn", "containerDefinitions", "failoverRoutingPolicies",
                "healthCheckId", "aliases", "evaluateTargetHealth", "settings", "namespace", "value", "templateName",
            ],
            ["ELB", "EC2", "VPC_LATTICE", "vpc-lattice", "elbv2", "HTTP", "TCP", "lambda", "PRIMARY", "SECONDARY", "web", "web:3", "arn:aws:ecs:eu-west-1:1:task-definition/web:3",
                "aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced",
                '[{"name":"app","essential":"false","healthCheck":{"command":"x"}}]'],
        );
    });
});
