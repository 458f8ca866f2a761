"use strict";
// Loads a consumer's Pulumi TypeScript program the way the Pulumi Node.js language host does
// (@pulumi/pulumi/cmd/run/run.js: tsutils.typeScriptRequireStrings() picks the project's own
// typescript/ts-node or the SDK's vendored ones; ts-node is registered with the project's
// tsconfig.json, compilerOptions defaults overridden by it, and type checking ON unless the
// tsconfig says noCheck), then requires the program. Node does not compile node_modules, so the
// installed packages must be JavaScript. Resources go to the SDK's mocks (no engine here).
// Usage (cwd = the project): node load-like-pulumi.js index.ts
const path = require("node:path");
const fs = require("node:fs");

const projectDir = process.cwd();
const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [projectDir] }));
const pulumi = require(sdkDir);
const tsutils = require(path.join(sdkDir, "tsutils.js"));
let registered = 0;
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered++;
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) => (args.token === "aws:index/getAvailabilityZones:getAvailabilityZones" ? { names: ["us-east-1a", "us-east-1b", "us-east-1c"], zoneIds: ["use1-az1", "use1-az2", "use1-az4"] } : {}),
  },
  "consumer-app",
  "dev",
  true,
);

const tsConfigPath = "tsconfig.json";
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const ts = require(typescriptRequire);
const useNodeNext = Number(ts.version.split(".")[0]) > 4 || (ts.version.startsWith("4.") && Number(ts.version.split(".")[1]) >= 7);
require(tsnodeRequire).register({
  compiler: typescriptRequire,
  transpileOnly: compilerOptions.noCheck,
  project: tsConfigPath,
  skipProject: !fs.existsSync(tsConfigPath),
  compilerOptions: {
    target: "ES2020",
    module: useNodeNext ? "nodenext" : "commonjs",
    moduleResolution: useNodeNext ? "nodenext" : "node",
    sourceMap: "true",
    ...compilerOptions,
  },
});
require(path.resolve(projectDir, process.argv[2]));
// Let registrations settle, then report what the program declared.
require("node:timers").setTimeout(() => {
  process.stdout.write(`loaded: ${registered} resources registered with typescript ${ts.version}\n`);
}, 2000);
