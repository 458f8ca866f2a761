import { z } from "zod";
import { type Profile } from "./profile";

export const tagsSchema = z.record(
    z.string().min(1, "tag keys must be non-empty").max(128, "tag keys are at most 128 characters"),
    z.string().max(256, "tag values are at most 256 characters"),
);

/** Tags for every taggable child: the caller's tags plus which component and profile made it. */
export function componentTags(componentType: string, profile: Profile, userTags: Record<string, string> | undefined): Record<string, string> {
    return { "faultguard:component": componentType, "faultguard:profile": profile, ...(userTags ?? {}) };
}
