import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { appendTo, perGraph, type GraphResource, type StackGraph } from "../../lib/graph";
import { judgeZones, mergeZoneResolutions, zonesOfSubnets } from "../../lib/links/zones";
import { stackRule, unresolvable, violation, type Finding } from "../../lib/rule";

/** Mount targets per file system, indexed once per graph. */
/** File system → the mount targets of this stack in it. */
const mountTargetIndex = perGraph((graph) => {
    const index = new Map<GraphResource, GraphResource[]>();
    for (const mt of graph.ofType(aws.efs.MountTarget)) {
        graph.resolve(mt, "fileSystemId", [aws.efs.FileSystem]).targets.forEach((fs) => appendTo(index, fs, mt));
    }
    return index;
});

function mountTargetsOf(graph: StackGraph, fs: GraphResource): GraphResource[] {
    return mountTargetIndex(graph).get(fs) ?? [];
}

export const efsMultiAz = stackRule({
    id: "efs-multi-az",
    title: "EFS file systems are Regional and mounted in several zones",
    pillar: "redundancy",
    description:
        "An `aws.efs.FileSystem` is not One Zone (`availabilityZoneName` unset), and when this stack creates its mount targets they sit in at least 2 availability zones.",
    remediation: [
        "Drop `availabilityZoneName` (Regional storage) and add one mount target per zone:",
        "```ts",
        "const fs = new aws.efs.FileSystem(\"shared\", { encrypted: true });",
        "privateSubnets.forEach((s, i) => new aws.efs.MountTarget(`shared-${i}`, { fileSystemId: fs.id, subnetId: s.id }));",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "One Zone storage loses availability (and possibly data) with its zone; a single mount-target zone makes clients in other zones depend on that zone.",
    byDefault: { shown: true, why: "A One Zone file system, or mount targets in one zone, take every client down with that zone." },
    resourceTypes: [aws.efs.FileSystem],
    anchors: {
        other: ["PCP aws-efs-filesystem-disallow-single-availability-zone"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({}),
    check(fs, { graph }) {
        const findings: Finding[] = [];
        const zone = fs.read("availabilityZoneName");
        if (!zone.known) {
            findings.push(unresolvable("availabilityZoneName", "a One Zone file system cannot be told from a Regional one"));
        } else if (typeof zone.value === "string" && zone.value !== "") {
            findings.push(violation(`availabilityZoneName is ${zone.value} (EFS One Zone); remove availabilityZoneName to store data redundantly across zones.`));
        }
        const mountTargets = mountTargetsOf(graph, fs);
        if (mountTargets.length > 0) {
            // Only a decisive single zone is reported: mount targets are often added by other stacks.
            const verdict = judgeZones(mergeZoneResolutions(mountTargets.map((mt) => zonesOfSubnets(graph, mt, "subnetId"))), 2);
            if (verdict.verdict === "fail") {
                findings.push(violation(`the mount targets (${mountTargets.map((m) => m.name).join(", ")}) cover ${verdict.detail}; add a mount target in a subnet of another zone.`));
            }
        }
        return findings;
    },
});
