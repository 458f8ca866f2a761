import { aws } from "../../lib/aws-types";
import { type GraphResource, type StackGraph } from "../../lib/graph";
import { assessmentOf, resiliencyConfigSchema, type Assessment, type Verdict } from "../../lib/resilience";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";
import { COMPUTE_TYPES, DATA_TYPES, ENTRY_TYPES } from "../../lib/resilience/topology";

/** Every type a missed target can be reported on: entry points, workloads, compute, data, NAT, queues. */
const REPORTED_ON: readonly string[] = [
    ...new Set([...ENTRY_TYPES, ...COMPUTE_TYPES, ...DATA_TYPES, aws.lambda.EventSourceMapping, aws.ec2.NatGateway, aws.sqs.Queue]),
];

export const resiliencyPolicy = stackRule({
    id: "resiliency-policy",
    title: "The stack meets its resiliency policy (RTO/RPO per disruption)",
    pillar: "redundancy",
    description:
        "For every entry point, workload and data store, the estimated recovery time and data loss under each disruption (one AZ, one instance, a database primary, a NAT gateway, a failing dependency, a poison message, the Region) stay within the resiliency policy's RTO/RPO targets.",
    remediation: [
        "Read the chain in the finding: it names the resource that decides the verdict. Typical fixes:",
        "```ts",
        "new MultiAzNetwork(\"network\", { availabilityZoneCount: 3 });          // a NAT gateway per AZ",
        "new aws.rds.Instance(\"db\", { multiAz: true, /* … */ });               // a standby in another AZ",
        "new aws.autoscaling.Group(\"web\", { minSize: 3, vpcZoneIdentifiers: privateSubnetIds });",
        "new aws.sqs.Queue(\"jobs\", { redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });",
        "```",
        "Or set the targets that fit the stack: `resiliency-policy: { policy: { az: { rtoSeconds: 900, rpoSeconds: 300 } } }`.",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "The policy states how long users may be without the service and how much data may be lost when something fails; a stack whose configuration cannot meet it is found out in the first real outage.",
    byDefault: { shown: true, why: "A stack that cannot meet its recovery time and data-loss targets is found out in the first real outage; the finding names the resource that breaks them." },
    resourceTypes: REPORTED_ON,
    anchors: { other: ["AWS Resilience Hub resiliency policy (RTO/RPO per application, infrastructure, AZ and Region disruption)"], wellArchitected: ["REL13-BP01", "REL10-BP01", "REL11-BP01"], gap: true },
    config: resiliencyConfigSchema,
    check(resource, ctx) {
        return findingsByResource(ctx.graph, assessmentOf(ctx.graph, ctx.profile, ctx.config)).get(resource.urn) ?? [];
    },
});

const indexed = new WeakMap<Assessment, Map<string, Finding[]>>();

/** The assessment's findings by the resource they are reported on; built once per assessment. */
function findingsByResource(graph: StackGraph, a: Assessment): Map<string, Finding[]> {
    let byUrn = indexed.get(a);
    if (byUrn) return byUrn;
    byUrn = new Map();
    const add = (urn: string, f: Finding) => {
        const list = byUrn!.get(urn);
        if (list) list.push(f);
        else byUrn!.set(urn, [f]);
    };
    const owner = (cause: string, subject: string): string => {
        const r: GraphResource | undefined = graph.get(cause);
        return r && REPORTED_ON.includes(r.type) ? cause : subject;
    };
    // Only misses that the sourced figures prove are reported; unconfirmed ones (an unsourced part
    // could exceed the target) stay in the report, out of mandatory verdicts.
    for (const miss of a.misses) {
        if (miss.certainty === "certain") add(owner(miss.cause, miss.subject), violation(miss.message));
    }
    const categories = new Map(a.disruptions.map((d) => [d.id, d.category]));
    const unknown = new Map<string, Verdict[]>();
    for (const v of a.verdicts) {
        if (v.state !== "unknown" || !a.policy[categories.get(v.disruption)!]) continue;
        const urn = owner(v.cause ?? v.subject, v.subject);
        unknown.set(urn, [...(unknown.get(urn) ?? []), v]);
    }
    for (const [urn, verdicts] of unknown) {
        const what = [...new Set(verdicts.flatMap((v) => v.unknown ?? []))];
        add(urn, unresolvable(what[0] ?? "placement", `the resilience verdict for ${[...new Set(verdicts.map((v) => v.disruption))].join(", ")} needs ${what.join("; ")}`));
    }
    indexed.set(a, byUrn);
    return byUrn;
}
