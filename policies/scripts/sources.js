// The digest of the pack's TypeScript sources (what tsconfig.build.json compiles). build.js writes
// it into bin/.buildstamp; start.js serves bin/ only while it still matches. Content, not mtimes:
// npm pack, tar and git all rewrite mtimes.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOTS = ["index.ts", "catalog.ts", "lib", "rules", "tsconfig.json", "tsconfig.build.json"];

function collect(packDir, rel, out) {
    const full = path.join(packDir, rel);
    let stat;
    try {
        stat = fs.statSync(full);
    } catch {
        return;
    }
    if (stat.isDirectory()) {
        for (const name of fs.readdirSync(full).sort()) {
            collect(packDir, path.posix.join(rel, name), out);
        }
    } else if (rel.endsWith(".ts") || rel.endsWith(".json")) {
        out.push(rel);
    }
}

function sourceDigest(packDir) {
    const files = [];
    for (const root of ROOTS) {
        collect(packDir, root, files);
    }
    const hash = crypto.createHash("sha256");
    for (const rel of files) {
        hash.update(`${rel}\0`);
        hash.update(fs.readFileSync(path.join(packDir, rel)));
        hash.update("\0");
    }
    return hash.digest("hex");
}

module.exports = { sourceDigest };
