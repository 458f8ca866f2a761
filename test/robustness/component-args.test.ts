// Component args fuzzing (issue 7): for every component, invalid args (fast-check) are rejected
// with the component's validation error naming the field, and NOTHING is registered — not a child,
// not the component itself. Each case runs in the same in-process capture `faultguard preview` uses.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import * as components from "../../components";
import { captureInline } from "../../preview/src/capture/inline";

const RUNS = 15;
const SEED = 7_2026;
const COMPONENTS_DIR = path.resolve(__dirname, "..", "..", "components");

interface Subject {
    name: string;
    construct(args: unknown): unknown;
    /** Args the component accepts (checked below): mutations start from these. */
    valid: Record<string, unknown>;
    required: string[];
    /** Source of the `<Name>Args` interface, for the field names. */
    source: string;
}

const network = { vpcId: "vpc-0123456789abcdef0", publicSubnetIds: ["subnet-a1", "subnet-b1"], privateSubnetIds: ["subnet-a2", "subnet-b2"] };

const subjects: Subject[] = [
    { name: "AlarmTopic", construct: (a) => new components.AlarmTopic("fuzz", a as components.AlarmTopicArgs), valid: {}, required: [], source: "alarms/alarmTopic.ts" },
    { name: "MultiAzNetwork", construct: (a) => new components.MultiAzNetwork("fuzz", a as components.MultiAzNetworkArgs), valid: {}, required: [], source: "network/multiAzNetwork.ts" },
    {
        name: "LoadBalancedAutoScalingGroup",
        construct: (a) => new components.LoadBalancedAutoScalingGroup("fuzz", a as components.LoadBalancedAutoScalingGroupArgs),
        valid: { ...network, imageId: "ami-0123456789abcdef0" },
        required: ["vpcId", "publicSubnetIds", "privateSubnetIds"],
        source: "loadBalancing/loadBalancedAutoScalingGroup.ts",
    },
    {
        name: "HealthCheckedService",
        construct: (a) => new components.HealthCheckedService("fuzz", a as components.HealthCheckedServiceArgs),
        valid: { ...network, image: "public.ecr.aws/nginx/nginx:1.27" },
        required: ["vpcId", "publicSubnetIds", "privateSubnetIds", "image"],
        source: "service/healthCheckedService.ts",
    },
    {
        name: "QueueWorker",
        construct: (a) => new components.QueueWorker("fuzz", a as components.QueueWorkerArgs),
        valid: { code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => {};") }), handler: "index.handler", runtime: "nodejs20.x" },
        required: ["code", "handler", "runtime"],
        source: "queue/queueWorker.ts",
    },
    {
        name: "ReplicatedDatabase",
        construct: (a) => new components.ReplicatedDatabase("fuzz", a as components.ReplicatedDatabaseArgs),
        valid: { engine: "postgres", vpcId: network.vpcId, subnetIds: network.privateSubnetIds, allowedSecurityGroupIds: ["sg-0123456789abcdef0"] },
        required: ["engine", "vpcId", "subnetIds", "allowedSecurityGroupIds"],
        source: "database/replicatedDatabase.ts",
    },
];

/** Field names of `<name>Args` (and of CommonArgs / NetworkArgs it extends) from the component's source. */
function fieldsOf(subject: Subject): string[] {
    const text = fs.readFileSync(path.join(COMPONENTS_DIR, subject.source), "utf8");
    const start = text.indexOf(`export interface ${subject.name}Args`);
    assert.ok(start >= 0, `${subject.source} has no ${subject.name}Args interface`);
    const body = text.slice(start, text.indexOf("\n}", start));
    const own = [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]);
    return [...new Set([...own, ...Object.keys(subject.valid), "profile", "tags", ...(subject.name === "MultiAzNetwork" ? [] : ["alarms"])])];
}

/** Values no field of any component accepts: not a string, number, boolean, list, object or Output. */
const poison = fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, () => 0, 10n, Symbol("fuzz"));

interface Mutation {
    args: unknown;
    /** The field the error must name ("" for the args as a whole). */
    field: string;
    kind: string;
}

function mutations(subject: Subject): fc.Arbitrary<Mutation> {
    const fields = fieldsOf(subject);
    const unknownField = fc
        .tuple(fc.stringMatching(/^[a-z][a-zA-Z0-9]{2,14}$/), fc.jsonValue())
        .filter(([key]) => !fields.includes(key) && !(key in Object.prototype))
        .map(([key, value]): Mutation => ({ args: { ...subject.valid, [key]: value }, field: key, kind: "unknown field" }));
    const poisoned = fc.tuple(fc.constantFrom(...fields), poison).map(([field, value]): Mutation => ({ args: { ...subject.valid, [field]: value }, field, kind: "wrong type" }));
    const notAnObject = fc.oneof(fc.integer(), fc.string({ minLength: 1 }), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.boolean()).map((args): Mutation => ({ args, field: "", kind: "not an object" }));
    const arbs: Array<fc.Arbitrary<Mutation>> = [unknownField, poisoned, notAnObject];
    if (subject.required.length > 0) {
        arbs.push(
            fc.constantFrom(...subject.required).map((field): Mutation => {
                const args: Record<string, unknown> = { ...subject.valid };
                delete args[field];
                return { args, field, kind: "missing required field" };
            }),
        );
    }
    return fc.oneof(...arbs);
}

async function construct(subject: Subject, args: unknown): Promise<{ error: unknown; registered: string[] }> {
    let error: unknown;
    const stack = await captureInline(
        () => {
            try {
                subject.construct(args);
            } catch (e) {
                error = e;
            }
        },
        { config: { "aws:region": "us-east-1" } },
    );
    return { error, registered: stack.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => `${r.type}::${r.name}`) };
}

describe("robustness: invalid component args are rejected whole, before anything is registered", function () {
    this.timeout(120_000);

    it("covers every component class exported by components/index.ts", () => {
        const exported = Object.entries(components)
            .filter(([, v]) => typeof v === "function" && (v as { prototype?: unknown }).prototype instanceof pulumi.ComponentResource)
            .map(([k]) => k)
            .sort();
        assert.deepEqual(exported, subjects.map((s) => s.name).sort());
    });

    for (const subject of subjects) {
        it(`${subject.name}: the baseline args are valid (mutations start from accepted input)`, async () => {
            const { error, registered } = await construct(subject, subject.valid);
            assert.equal(error, undefined, `baseline args rejected: ${String(error)}`);
            assert.ok(registered.length > 0);
        });

        it(`${subject.name}: unknown fields, wrong types, missing fields and non-objects give one ComponentArgsError naming the field, and register nothing`, async () => {
            await fc.assert(
                fc.asyncProperty(mutations(subject), async (m) => {
                    const { error, registered } = await construct(subject, m.args);
                    assert.ok(error instanceof components.ComponentArgsError, `${m.kind} "${m.field}": expected a ComponentArgsError, got ${String(error)}`);
                    assert.deepEqual(registered, [], `${m.kind} "${m.field}": registered resources before rejecting`);
                    assert.ok(error.problems.length > 0);
                    if (m.field !== "") {
                        assert.ok(
                            error.problems.some((p) => p.path === m.field || p.path.startsWith(`${m.field}.`) || p.message.includes(`"${m.field}"`)),
                            `${m.kind}: no problem names "${m.field}": ${error.message}`,
                        );
                        assert.match(error.message, new RegExp(m.field));
                    }
                    assert.match(error.message, new RegExp(`${subject.name} "fuzz"`));
                }),
                { numRuns: RUNS, seed: SEED },
            );
        });
    }
});
