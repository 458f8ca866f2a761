"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PACK_NAME = exports.RESILIENCE_POLICY = void 0;
exports.assessResources = assessResources;
// The pack's resilience assessment for tools: `faultguard preview` runs it on the resources it sent
// to AnalyzeStack, with the policy config it sent in Configure, when this pack (PACK_NAME) ran.
// Same code as the resiliency-policy rule; importing it does not start a policy pack.
const graph_1 = require("./lib/graph");
const resilience_1 = require("./lib/resilience");
const settings_1 = require("./lib/settings");
exports.RESILIENCE_POLICY = "resiliency-policy";
/** The name index.ts gives the pack. */
exports.PACK_NAME = "faultguard-aws";
function assessResources(resources, config, stackTags = {}) {
    const settings = settings_1.settingsSchema.safeParse(config[settings_1.SETTINGS_POLICY]?.properties ?? {});
    const profile = (0, settings_1.resolveProfile)(settings.success ? settings.data : settings_1.settingsSchema.parse({}), new Map(Object.entries(stackTags)));
    const rule = config[exports.RESILIENCE_POLICY];
    // A disabled rule still gets its assessment shown, without targets to miss.
    const properties = rule?.enforcementLevel === "disabled" ? { policy: {} } : (rule?.properties ?? {});
    return (0, resilience_1.assessmentOf)(graph_1.StackGraph.fromPlain(resources), profile, properties);
}
//# sourceMappingURL=resilience.js.map