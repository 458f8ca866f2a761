// The entry point the Pulumi engine runs for this pack (package.json "main").
//
// The engine runs a TypeScript pack through ts-node with type checking on every start: seconds per
// `pulumi preview`. `npm run build` (also run by npm install / npm ci / pulumi policy publish, via
// "prepare") compiles index.ts and everything it imports to bin/, which starts as fast as a JS pack.
// index.ts stays the source of truth: unless bin/ was built from exactly the sources here, they run
// instead, through the engine's own ts-node, so an edited rule is never served from a stale build.
const fs = require("node:fs");
const path = require("node:path");
const { sourceDigest } = require("./scripts/sources");

function builtFrom() {
    try {
        return fs.readFileSync(path.join(__dirname, "bin", ".buildstamp"), "utf8").trim();
    } catch {
        return undefined;
    }
}

const built = builtFrom();
if (built !== undefined && built === sourceDigest(__dirname)) {
    require("./bin/index.js");
} else {
    if (built !== undefined) {
        console.error("faultguard-aws: bin/ was built from other sources; running the TypeScript sources (slower start). Run `npm run build` in the pack folder.");
    }
    require("./index.ts");
}
