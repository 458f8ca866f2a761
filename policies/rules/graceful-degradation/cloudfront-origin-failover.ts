import { z } from "zod";
import { aws } from "../../lib/aws-types";
import { resourceRule, unresolvable, violation } from "../../lib/rule";
import { asString, isRecord } from "../../lib/values";

/** CloudFront origin groups have exactly two members: primary and secondary. */
const GROUP_MEMBERS = 2;

export const cloudfrontOriginFailover = resourceRule({
    id: "cloudfront-origin-failover",
    title: "CloudFront distributions fail over between origins",
    pillar: "graceful-degradation",
    description:
        "An enabled, non-staging CloudFront distribution has an origin group with at least two members, and its default cache behavior targets an origin group (so reads fail over to a secondary origin when the primary returns 5xx or times out).",
    remediation: [
        "Add a secondary origin (another region's bucket or load balancer) and route the default behavior through an origin group:",
        "```ts",
        "new aws.cloudfront.Distribution(\"site\", {",
        "    origins: [primaryOrigin, secondaryOrigin],",
        "    originGroups: [{",
        "        originId: \"site-group\",",
        "        failoverCriteria: { statusCodes: [500, 502, 503, 504] },",
        "        members: [{ originId: primaryOrigin.originId }, { originId: secondaryOrigin.originId }],",
        "    }],",
        "    defaultCacheBehavior: { targetOriginId: \"site-group\", ... },",
        "    ...",
        "});",
        "```",
    ].join("\n"),
    severity: "low",
    enforcement: { production: "advisory", development: "disabled" },
    rationale:
        "Advisory: with one origin, an origin outage (a region, a bucket, a load balancer) takes the whole site down even though CloudFront could serve reads from a second origin. Whether a second origin exists or is worth its cost is a product decision, so the rule points it out rather than blocks. Disabled in development.",
    byDefault: { shown: true, why: "A distribution with one origin fails whenever that origin does; an origin group keeps serving." },
    resourceTypes: [aws.cloudfront.Distribution],
    anchors: {
        checkov: ["CKV_AWS_310"],
        awsConfig: ["cloudfront-origin-failover-enabled"],
        securityHub: ["CloudFront.4"],
        wellArchitected: ["REL10-BP01", "REL11-BP05"],
    },
    config: z.object({}),
    check(dist) {
        const enabled = dist.read("enabled");
        const staging = dist.read("staging");
        if ((enabled.known && enabled.value === false) || (staging.known && staging.value === true)) {
            return [];
        }
        const groupsRead = dist.read("originGroups");
        if (!groupsRead.known) {
            return [unresolvable("originGroups")];
        }
        const groups = Array.isArray(groupsRead.value) ? groupsRead.value.filter(isRecord) : [];
        const failoverGroups = groups.filter((g) => Array.isArray(g["members"]) && g["members"].length >= GROUP_MEMBERS);
        if (failoverGroups.length === 0) {
            const origins = dist.read("origins");
            const count = origins.known && Array.isArray(origins.value) ? origins.value.length : undefined;
            const what = count === undefined ? "" : ` (${count} origin${count === 1 ? "" : "s"}, no origin group)`;
            return [
                violation(
                    `the distribution cannot fail over${what}: an origin outage takes it down; add a second origin and an originGroups entry with failoverCriteria and two members, and point defaultCacheBehavior.targetOriginId at the group.`,
                ),
            ];
        }
        const target = dist.read("defaultCacheBehavior.targetOriginId");
        if (!target.known) {
            return [];
        }
        const groupIds = new Set(failoverGroups.map((g) => asString(g["originId"])).filter((id): id is string => id !== undefined));
        const targetId = asString(target.value);
        if (targetId !== undefined && groupIds.size > 0 && !groupIds.has(targetId)) {
            return [
                violation(
                    `defaultCacheBehavior.targetOriginId is "${targetId}", a single origin, so the origin group${groupIds.size === 1 ? "" : "s"} ${[...groupIds].map((g) => `"${g}"`).join(", ")} never serve${groupIds.size === 1 ? "s" : ""} the default behavior; set targetOriginId to the group's originId.`,
                ),
            ];
        }
        return [];
    },
});
