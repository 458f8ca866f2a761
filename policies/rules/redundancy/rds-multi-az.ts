import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

export const rdsMultiAz = resourceRule({
    id: "rds-multi-az",
    title: "RDS DB instances are Multi-AZ",
    pillar: "redundancy",
    description:
        "A non-Aurora `aws.rds.Instance` sets `multiAz: true`. Read replicas (`replicateSourceDb` set) are skipped unless `checkReadReplicas` is on: their source carries the standby, and a replica is itself the redundancy.",
    remediation: [
        "```ts",
        "new aws.rds.Instance(\"db\", {",
        "    engine: \"postgres\",",
        "    multiAz: true,",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "A Single-AZ instance is down for the whole zone outage or host failure and recovers only from backups, losing recent writes.",
    byDefault: { shown: true, why: "A Single-AZ database is down for the length of any instance or zone failure." },
    resourceTypes: [aws.rds.Instance],
    anchors: {
        cdkNag: ["AwsSolutions-RDS3", "HIPAA.Security-RDSMultiAZSupport", "NIST.800.53.R5-RDSMultiAZSupport"],
        checkov: ["CKV_AWS_157"],
        awsConfig: ["rds-multi-az-support"],
        securityHub: ["RDS.5"],
        awsguard: ["rds-instance-multi-az-enabled"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({
        checkReadReplicas: z.boolean().default(false).describe("Also require multiAz on read replicas (instances with replicateSourceDb)."),
    }),
    check(db, { config }) {
        const engine = db.read("engine");
        if (engine.known && typeof engine.value === "string" && engine.value.startsWith("aurora")) {
            return []; // Aurora redundancy is judged on the cluster (rds-cluster-multi-az).
        }
        const source = db.read("replicateSourceDb");
        const isReplica = !source.known || (typeof source.value === "string" && source.value !== "");
        if (isReplica && !config.checkReadReplicas) {
            return [];
        }
        if (db.boolean("multiAz") !== true) {
            return [violation(`multiAz is ${db.boolean("multiAz") === false ? "false" : "unset (false)"}; set multiAz: true so RDS keeps a synchronous standby in another availability zone.`)];
        }
        return [];
    },
});
