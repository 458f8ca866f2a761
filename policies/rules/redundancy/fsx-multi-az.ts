import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, violation } from "../../lib/rule";

/** Windows File Server's default deployment type; ONTAP and OpenZFS require one. */
const WINDOWS_DEFAULT = "SINGLE_AZ_1";

export const fsxMultiAz = resourceRule({
    id: "fsx-multi-az",
    title: "FSx file systems are Multi-AZ",
    pillar: "redundancy",
    description:
        "An FSx for Windows File Server, NetApp ONTAP or OpenZFS file system uses a `MULTI_AZ_*` `deploymentType`. FSx for Lustre has no Multi-AZ deployment type and is not judged.",
    remediation: [
        "```ts",
        "new aws.fsx.OntapFileSystem(\"files\", {",
        "    deploymentType: \"MULTI_AZ_2\",",
        "    subnetIds: [subnetA.id, subnetB.id],",
        "    preferredSubnetId: subnetA.id,",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale: "A single-AZ file system is unavailable for the duration of a zone outage and of file-server maintenance; a Multi-AZ one fails over to its standby.",
    byDefault: { shown: true, why: "A Single-AZ file system is unavailable whenever its zone or file server is." },
    resourceTypes: [aws.fsx.WindowsFileSystem, aws.fsx.OntapFileSystem, aws.fsx.OpenZfsFileSystem],
    anchors: {
        securityHub: ["FSx.3", "FSx.4", "FSx.5"],
        wellArchitected: ["REL10-BP01"],
    },
    config: z.object({}),
    check(fs) {
        const type = fs.string("deploymentType") ?? (fs.type === aws.fsx.WindowsFileSystem ? WINDOWS_DEFAULT : undefined);
        if (type === undefined || !type.startsWith("MULTI_AZ")) {
            return [violation(`deploymentType is ${type ?? "unset"}; use a Multi-AZ deployment type (e.g. "MULTI_AZ_1"${fs.type === aws.fsx.WindowsFileSystem ? "" : " or \"MULTI_AZ_2\""}) with subnets in two zones.`)];
        }
        return [];
    },
});
