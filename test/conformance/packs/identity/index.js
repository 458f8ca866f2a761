"use strict";
// Reads stack config and identity while it loads, as packs may under `pulumi preview`: the engine's
// language host starts a pack after ConfigureStack with PULUMI_CONFIG, PULUMI_NODEJS_PROJECT,
// PULUMI_NODEJS_STACK, PULUMI_NODEJS_ORGANIZATION and PULUMI_NODEJS_DRY_RUN set
// (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go). Without them `require` throws here.
const pulumi = require("@pulumi/pulumi");
const { PolicyPack } = require("@pulumi/policy");

const owner = new pulumi.Config().require("owner");
const seen = {
  owner,
  region: new pulumi.Config("aws").get("region"),
  project: pulumi.getProject(),
  stack: pulumi.getStack(),
  organization: pulumi.getOrganization(),
  dryRun: pulumi.runtime.isDryRun(),
};

new PolicyPack("conformance-identity", {
  policies: [
    {
      name: "identity",
      description: "Reports what the pack saw when it loaded.",
      enforcementLevel: "advisory",
      validateStack: (_args, reportViolation) => reportViolation(JSON.stringify(seen)),
    },
  ],
});
