"use strict";
// Reports, as violation messages, what each analyzer call hands a policy: the conformance tests
// compare that with what the engine hands it (each test names the engine source it follows).
// Only resources named "probe-*" are echoed; tests pick the policies they need with policy config.
const { PolicyPack } = require("@pulumi/policy");

const probed = (name) => name.startsWith("probe-");
/** A provider's properties without tripping the unknown-checking proxy. */
const plain = (props) => JSON.parse(JSON.stringify(props));

new PolicyPack("conformance-probe", {
  policies: [
    {
      name: "echo-resource",
      description: "Echoes the options and provider Analyze hands a resource policy.",
      enforcementLevel: "advisory",
      validateResource: (args, reportViolation) => {
        if (!probed(args.name)) return;
        const provider = args.provider ? { type: args.provider.type, name: args.provider.name, props: plain(args.provider.props) } : null;
        reportViolation(JSON.stringify({ aliases: args.opts.aliases, provider, keys: Object.keys(args.props).sort() }));
      },
    },
    {
      name: "own-urn",
      description: "Reports a resource violation under a URN of its own choosing.",
      enforcementLevel: "mandatory",
      validateResource: (args, reportViolation) => {
        if (args.name === "probe-urn") reportViolation("reported with its own URN", "some-urn");
      },
    },
    {
      name: "echo-stack",
      description: "Echoes the properties and property dependencies AnalyzeStack hands a stack policy.",
      enforcementLevel: "advisory",
      validateStack: (args, reportViolation) => {
        for (const r of args.resources.filter((x) => probed(x.name))) {
          const deps = Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => d.name)]));
          const echo = {
            keys: Object.keys(r.props).sort(),
            propertyDependencies: deps,
            parent: r.parent ? r.parent.name : null,
            dependencies: r.dependencies.map((d) => d.name).sort(),
            stackTags: Object.fromEntries(args.stackTags),
          };
          reportViolation(JSON.stringify(echo), r.urn);
        }
      },
    },
    {
      name: "unknown-read",
      description: "Reads a property that is unknown during a first preview.",
      enforcementLevel: "mandatory",
      validateResource: (args, reportViolation) => {
        if (args.name === "probe-unknown" && !args.props.redrivePolicy) reportViolation("no redrive policy");
      },
    },
    {
      name: "levels",
      description: "A finding at the policy's own level and severity.",
      enforcementLevel: "mandatory",
      severity: "critical",
      validateResource: (args, reportViolation) => {
        if (args.name === "probe-level") reportViolation("broken at the policy's level");
      },
    },
    {
      name: "schema",
      description: "Takes config the engine validates with gojsonschema.",
      enforcementLevel: "advisory",
      configSchema: {
        properties: {
          code: { type: "string", maxLength: 3 },
          tier: { type: "string", enum: ["gold", "silver"] },
          count: { type: "integer", minimum: 1 },
          names: { type: "array", items: { type: "string" }, minItems: 1, default: ["a"] },
        },
        required: ["names"],
      },
      validateResource: () => undefined,
    },
  ],
});
