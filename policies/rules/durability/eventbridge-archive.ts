import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { type GraphResource, perGraph } from "../../lib/graph";
import { stackRule, unresolvable, violation } from "../../lib/rule";
import { asString } from "../../lib/values";

const BUSES = [aws.cloudwatch.EventBus] as const;

interface Index {
    archived: Set<GraphResource>;
    /** An archive whose source cannot be traced in this preview (it may archive any bus). */
    untraced?: GraphResource;
}

const indexOf = perGraph((graph): Index => {
    const index: Index = { archived: new Set() };
    const byName = new Map(graph.ofType(...BUSES).flatMap((b) => (asString(b.props["name"]) !== undefined ? [[asString(b.props["name"])!, b] as const] : [])));
    for (const archive of graph.ofType(aws.cloudwatch.EventArchive)) {
        const res = graph.resolve(archive, "eventSourceArn", BUSES);
        res.targets.forEach((b) => index.archived.add(b));
        for (const arn of res.external) {
            const bus = byName.get(arn.replace(/^arn:[^:]+:events:[^:]*:[^:]*:event-bus\//, ""));
            if (bus) {
                index.archived.add(bus);
            }
        }
        if (res.unresolved) {
            index.untraced ??= archive;
        }
    }
    return index;
});

export const eventbridgeArchive = stackRule({
    id: "eventbridge-archive",
    title: "Custom EventBridge buses archive their events",
    pillar: "durability",
    description: "An `aws.cloudwatch.EventBus` is the source (`eventSourceArn`) of an `aws.cloudwatch.EventArchive`, so events can be replayed after a consumer failure.",
    remediation: [
        "Archive the bus's events for a bounded time, so a failed or buggy consumer can be replayed:",
        "```ts",
        "new aws.cloudwatch.EventArchive(\"orders\", { eventSourceArn: bus.arn, retentionDays: 14 });",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory", development: "disabled" },
    rationale:
        "Advisory: an event delivered to a consumer that mishandled it (a bug, a dropped message after retries) is gone; an archive lets the team replay the affected window instead of reconstructing it. Whether events can be re-derived elsewhere is not visible in the program, so the rule advises, and is off in development.",
    byDefault: { shown: true, why: "Without an archive, events lost to a failed consumer cannot be replayed." },
    resourceTypes: BUSES,
    anchors: { gap: true, wellArchitected: ["REL09-BP01", "REL13-BP02"] },
    config: z.object({}),
    check(bus, { graph }) {
        const index = indexOf(graph);
        if (index.archived.has(bus)) {
            return [];
        }
        if (index.untraced) {
            return [unresolvable("eventSourceArn", `of archive ${index.untraced.name}, which may archive this bus`)];
        }
        return [violation("no aws.cloudwatch.EventArchive archives this bus, so events a consumer mishandled cannot be replayed; add new aws.cloudwatch.EventArchive(..., { eventSourceArn: bus.arn, retentionDays: 14 }).")];
    },
});
