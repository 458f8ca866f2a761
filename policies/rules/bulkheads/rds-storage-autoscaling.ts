import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";
import { asNumber } from "../../lib/values";

export const rdsStorageAutoscaling = resourceRule({
    id: "rds-storage-autoscaling",
    title: "RDS instances grow their storage before it fills",
    pillar: "bulkheads",
    description:
        "A non-Aurora `aws.rds.Instance` (read replicas included) sets `maxAllocatedStorage` above `allocatedStorage`, which turns on RDS storage autoscaling. Aurora storage grows by itself and is not judged.",
    remediation: [
        "Let RDS add storage when free space runs low, up to a ceiling:",
        "```ts",
        "new aws.rds.Instance(\"db\", {",
        "    allocatedStorage: 100,",
        "    maxAllocatedStorage: 400, // storage autoscaling up to 400 GiB",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "high",
    enforcement: { production: "mandatory", development: "advisory" },
    rationale:
        "A database whose storage fills stops accepting writes (the instance goes to storage-full) until someone resizes it by hand, an outage that grows silently for months. Autoscaling costs nothing until storage is used, so production requires it.",
    byDefault: { shown: true, why: "A database whose storage fills stops accepting writes: an outage that storage autoscaling prevents." },
    resourceTypes: [aws.rds.Instance],
    anchors: { gap: true, other: ["RDS storage autoscaling (USER_PIOPS.Autoscaling)"], wellArchitected: ["REL07-BP01"] },
    config: z.object({}),
    check(db) {
        const engine = db.read("engine");
        if (engine.known && typeof engine.value === "string" && engine.value.startsWith("aurora")) {
            return [];
        }
        const max = db.read("maxAllocatedStorage");
        if (!max.known) {
            return [unresolvable("maxAllocatedStorage")];
        }
        const ceiling = asNumber(max.value);
        if (ceiling === undefined || ceiling === 0) {
            if (!engine.known) {
                return [unresolvable("engine", "an Aurora engine needs no maxAllocatedStorage")];
            }
            return [violation("maxAllocatedStorage is unset, so storage autoscaling is off and the instance stops accepting writes when its storage fills; set maxAllocatedStorage above allocatedStorage (e.g. 4×).")];
        }
        const allocated = db.read("allocatedStorage");
        const size = allocated.known ? asNumber(allocated.value) : undefined;
        if (size !== undefined && ceiling <= size) {
            return [violation(`maxAllocatedStorage (${ceiling} GiB) is not above allocatedStorage (${size} GiB), so storage cannot grow; set it higher (e.g. ${size * 4}).`)];
        }
        return [];
    },
});
