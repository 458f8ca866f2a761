import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { profileSchema, type Profile } from "./profile";
import { tagsSchema } from "./tags";
import { input } from "./validation";

/** Args every component takes. */
export interface CommonArgs {
    /** `production` (default): redundant and protected. `development`: cheaper, not redundant. See lib/profile.ts. */
    profile?: Profile;
    /** Tags added to every taggable child (on top of `faultguard:component` and `faultguard:profile`). */
    tags?: Record<string, string>;
    /** Where alarm and OK notifications go. Without it the component creates its own encrypted AlarmTopic. */
    alarms?: AlarmRoutingArgs;
}

export interface AlarmRoutingArgs {
    /** ARN of an existing SNS topic (e.g. a shared `AlarmTopic`'s `topicArn`) for alarm and OK actions. */
    topicArn?: pulumi.Input<string>;
}

/** The zod shape of `profile` and `tags`, which every component takes. */
export const profileAndTagsShape = {
    profile: profileSchema.default("production"),
    tags: tagsSchema.optional(),
};

/** The zod shape of CommonArgs: spread it into a component's schema. */
export const commonArgsShape = {
    ...profileAndTagsShape,
    alarms: z
        .strictObject({
            topicArn: input(z.string().startsWith("arn:", "must be an SNS topic ARN (arn:aws:sns:...)")).optional(),
        })
        .optional(),
};
