// The last step of the components' prologue (lib/component.ts): where alarm and OK notifications go.
import * as pulumi from "@pulumi/pulumi";
import { type z } from "zod";
import { type AlarmRoutingArgs } from "../lib/common";
import { type ComponentContext, defineComponent, type Scope } from "../lib/component";
import { type Profile } from "../lib/profile";
import { AlarmTopic } from "./alarmTopic";
import { type AlarmSpec, createMetricAlarm } from "./metricAlarm";

/** A scope whose alarms go to one topic. */
export interface AlarmedScope extends Scope {
    readonly alarmTopicArn: pulumi.Output<string>;
    /** Creates `<component>-<suffix>`, notifying the topic on ALARM and OK, with the component's tags. */
    alarm(suffix: string, spec: AlarmSpec): ReturnType<typeof createMetricAlarm>;
}

export interface AlarmedContext<P> extends ComponentContext<P>, AlarmedScope {}

interface AlarmedArgs {
    profile: Profile;
    tags?: Record<string, string>;
    alarms?: AlarmRoutingArgs;
}

/** The caller's topic, or a new AlarmTopic child of the component (with the caller's profile and tags). */
export function resolveAlarmTopic(parent: pulumi.ComponentResource, name: string, args: AlarmedArgs): pulumi.Input<string> {
    if (args.alarms?.topicArn !== undefined) return args.alarms.topicArn;
    return new AlarmTopic(`${name}-alarms`, { profile: args.profile, tags: args.tags }, { parent }).topicArn;
}

/** `defineComponent` for components that take `alarms` (lib/common.ts): `open` also routes alarms. */
export function defineAlarmedComponent<S extends z.ZodType<AlarmedArgs>>(type: string, schema: S) {
    const base = defineComponent(type, schema);
    return {
        ...base,
        open(component: pulumi.ComponentResource, name: string, parsed: z.output<S>): AlarmedContext<z.output<S>> {
            const scope = base.open(component, name, parsed);
            const alarmTopicArn = pulumi.output(resolveAlarmTopic(component, name, parsed));
            const actions = { topicArn: alarmTopicArn };
            return { ...scope, alarmTopicArn, alarm: (suffix, spec) => createMetricAlarm(`${name}-${suffix}`, spec, actions, scope.child, scope.tags) };
        },
    };
}
