// The benchmark floor: what serving the analyzer protocol costs with no policy at all
// (gRPC, deserialising every resource, the SDK's proxies). Plain JS, so its cold start is the
// SDK's own. Uses the repository's @pulumi/policy, as faultguard-aws does.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("bench-empty", { policies: [] });
