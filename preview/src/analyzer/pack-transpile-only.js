"use strict";
// Preloaded (`node -r`) into a policy pack process started by faultguard preview, unless type
// checking was asked for: the engine's runner (cmd/run-policy-pack) registers ts-node with
// typeCheck: true, which for a pack importing @pulumi/aws costs tens of seconds of CPU before the
// pack serves. The pack's behaviour over gRPC is the same either way; only type errors, which
// `pulumi preview` would report, go unreported here.
const sdkRoot = process.env.FAULTGUARD_PACK_SDK_ROOT;
if (sdkRoot) {
  let tsnode;
  try {
    // The same module run-policy-pack gets from require("ts-node") inside that SDK copy.
    tsnode = require(require.resolve("ts-node", { paths: [sdkRoot] }));
  } catch {
    tsnode = undefined; // the SDK falls back to its vendored ts-node: leave it as it is
  }
  if (tsnode && typeof tsnode.register === "function") {
    const register = tsnode.register;
    tsnode.register = (options = {}) => register({ ...options, typeCheck: false, transpileOnly: true });
  }
}
