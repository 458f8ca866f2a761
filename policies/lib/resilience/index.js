"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resiliencyPolicySchema = exports.resiliencyConfigSchema = exports.PROFILE_POLICIES = exports.RECOVERY_TABLE = exports.RECOVERY = exports.formatSeconds = exports.formatEstimate = exports.assess = void 0;
exports.assessmentOf = assessmentOf;
const assess_1 = require("./assess");
const policy_1 = require("./policy");
var assess_2 = require("./assess");
Object.defineProperty(exports, "assess", { enumerable: true, get: function () { return assess_2.assess; } });
var recovery_1 = require("./recovery");
Object.defineProperty(exports, "formatEstimate", { enumerable: true, get: function () { return recovery_1.formatEstimate; } });
Object.defineProperty(exports, "formatSeconds", { enumerable: true, get: function () { return recovery_1.formatSeconds; } });
Object.defineProperty(exports, "RECOVERY", { enumerable: true, get: function () { return recovery_1.RECOVERY; } });
Object.defineProperty(exports, "RECOVERY_TABLE", { enumerable: true, get: function () { return recovery_1.RECOVERY_TABLE; } });
var policy_2 = require("./policy");
Object.defineProperty(exports, "PROFILE_POLICIES", { enumerable: true, get: function () { return policy_2.PROFILE_POLICIES; } });
Object.defineProperty(exports, "resiliencyConfigSchema", { enumerable: true, get: function () { return policy_2.resiliencyConfigSchema; } });
Object.defineProperty(exports, "resiliencyPolicySchema", { enumerable: true, get: function () { return policy_2.resiliencyPolicySchema; } });
const cache = new WeakMap();
/** The assessment of a graph under a profile and the rule's config, computed once per graph. */
function assessmentOf(graph, profile, config) {
    const policy = (0, policy_1.policyFor)(policy_1.resiliencyConfigSchema.parse(config), profile);
    const key = JSON.stringify([profile, policy]);
    let perGraph = cache.get(graph);
    if (!perGraph) {
        perGraph = new Map();
        cache.set(graph, perGraph);
    }
    let result = perGraph.get(key);
    if (!result) {
        result = (0, assess_1.assess)(graph, { profile, policy });
        perGraph.set(key, result);
    }
    return result;
}
//# sourceMappingURL=index.js.map