// The prologue every component runs, in one place: validate the args (zod) → resolve the profile →
// compute the tags → (for components that send alarms, components/alarms/routing.ts) route alarms.
//
// It comes in two calls because nothing may be registered before the args are valid, and a
// derived class cannot run `this`-free code after `super()` registers the component:
//     const parsed = NETWORK.validate(args, name);   // throws ComponentArgsError; nothing registered
//     super(NETWORK.type, name, {}, opts);           // registers the component itself
//     const ctx = NETWORK.open(this, name, parsed);  // profile, tags, { parent: this }
// The component classes stay plain `pulumi.ComponentResource` subclasses (as in pulumi-awsx), and
// their public types never mention zod (the published .d.ts leave zod out; scripts/build-packages.js).
import type * as pulumi from "@pulumi/pulumi";
import { type z } from "zod";
import { type Profile } from "./profile";
import { componentTags } from "./tags";
import { validateArgs } from "./validation";

/** What every builder needs to create children of one component. */
export interface Scope {
    /** The component's name: every child's name starts with it. */
    readonly name: string;
    readonly production: boolean;
    /** The caller's tags plus `faultguard:component` and `faultguard:profile`. */
    readonly tags: Record<string, string>;
    /** `{ parent: component }`: every child is created with it (or with these plus dependsOn etc.). */
    readonly child: { parent: pulumi.Resource };
}

/** A scope and the component's validated args (schema defaults applied). */
export interface ComponentContext<P> extends Scope {
    /** The type token, for errors raised at deployment time. */
    readonly type: string;
    readonly args: P;
}

/** The args every schema parses: see lib/common.ts. */
interface ProfiledArgs {
    profile: Profile;
    tags?: Record<string, string>;
}

export interface ComponentDefinition<P extends ProfiledArgs> {
    /** The type token, `faultguard:aws:<Name>`. */
    readonly type: string;
    /** The args' checks and defaults (also read by components/scripts/generate-docs.ts for the defaults column). */
    readonly schema: z.ZodType;
    /** Throws one ComponentArgsError listing every problem; registers nothing. */
    validate(args: unknown, name: string): P;
    /** Profile, tags and parent for the children of `component` (already registered). */
    open(component: pulumi.ComponentResource, name: string, parsed: P): ComponentContext<P>;
}

export function defineComponent<S extends z.ZodType<ProfiledArgs>>(type: string, schema: S): ComponentDefinition<z.output<S>> {
    return {
        type,
        schema,
        validate: (args, name) => validateArgs(schema, args, type, name),
        open: (component, name, parsed) => ({
            type,
            name,
            args: parsed,
            production: parsed.profile === "production",
            tags: componentTags(type, parsed.profile, parsed.tags),
            child: { parent: component },
        }),
    };
}
