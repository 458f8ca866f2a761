import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource } from "../../lib/graph";
import { stackRule, unresolvable, violation } from "../../lib/rule";
import { asString, isRecord } from "../../lib/values";

const NAMESPACE = "aws:elasticbeanstalk:healthreporting:system";

type SystemType = { kind: "value"; value: string } | { kind: "unknown"; property: string } | { kind: "absent" };

/** The SystemType option in a `settings` list, as set on an environment or a configuration template. */
function systemType(r: GraphResource): SystemType {
    const settings = r.read("settings");
    if (!settings.known) {
        return { kind: "unknown", property: "settings" };
    }
    if (!Array.isArray(settings.value)) {
        return { kind: "absent" };
    }
    for (let i = 0; i < settings.value.length; i++) {
        const s: unknown = settings.value[i];
        if (!isRecord(s) || asString(s["namespace"]) !== NAMESPACE || asString(s["name"]) !== "SystemType") {
            continue;
        }
        const value = r.read(`settings.${i}.value`);
        if (!value.known) {
            return { kind: "unknown", property: `settings.${i}.value` };
        }
        return { kind: "value", value: shown(value.value) };
    }
    return { kind: "absent" };
}

/** A property value for a message; odd shapes (objects, arrays) as JSON, never an exception. */
function shown(value: unknown): string {
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value) ?? "undefined";
}

export const beanstalkEnhancedHealth = stackRule({
    id: "beanstalk-enhanced-health",
    title: "Elastic Beanstalk environments use enhanced health reporting",
    pillar: "health-checks",
    description: `An Elastic Beanstalk environment sets the option ${NAMESPACE} / SystemType to "enhanced", on the environment or in the configuration template it uses.`,
    remediation: [
        "Turn on enhanced health reporting:",
        "```ts",
        "new aws.elasticbeanstalk.Environment(\"web\", {",
        "    application: app.name, solutionStackName,",
        `    settings: [{ namespace: "${NAMESPACE}", name: "SystemType", value: "enhanced" }],`,
        "});",
        "```",
    ].join("\n"),
    severity: "medium",
    enforcement: { production: "advisory" },
    rationale:
        "Advisory: basic health only reflects load-balancer checks and instance status; enhanced health adds request latency, error rates and OS metrics so degradation is visible before it is an outage. The environment still works without it.",
    byDefault: { shown: true, why: "Basic health reporting misses application failures that enhanced health catches." },
    resourceTypes: [aws.elasticbeanstalk.Environment],
    anchors: {
        cdkNag: ["HIPAA.Security-ElasticBeanstalkEnhancedHealthReportingEnabled", "NIST.800.53.R5-ElasticBeanstalkEnhancedHealthReportingEnabled"],
        checkov: ["CKV_AWS_312"],
        awsConfig: ["beanstalk-enhanced-health-reporting-enabled"],
        securityHub: ["ElasticBeanstalk.1"],
        wellArchitected: ["REL06-BP01"],
    },
    config: z.object({}),
    check(env, { graph }) {
        let found = systemType(env);
        let where = "settings";
        if (found.kind === "absent") {
            const templateRead = env.read("templateName");
            if (!templateRead.known || templateRead.value !== undefined) {
                const templates = graph.resolve(env, "templateName", [aws.elasticbeanstalk.ConfigurationTemplate]);
                if (templates.targets.length > 0) {
                    found = systemType(templates.targets[0]);
                    where = `configuration template ${templates.targets[0].name}`;
                } else {
                    // A template managed elsewhere, or one this preview cannot trace: no verdict.
                    return [unresolvable("templateName", "the configuration template that holds the environment's options is not visible in this stack")];
                }
            }
        }
        if (found.kind === "unknown") {
            return [unresolvable(found.property)];
        }
        if (found.kind === "value" && found.value.toLowerCase() === "enhanced") {
            return [];
        }
        const now = found.kind === "value" ? `SystemType is "${found.value}" in ${where}` : "SystemType is not set (basic health when created through the API)";
        return [violation(`${now}; add { namespace: "${NAMESPACE}", name: "SystemType", value: "enhanced" } to settings.`)];
    },
});
