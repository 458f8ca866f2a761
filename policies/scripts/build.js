// Compiles the pack to bin/ (`npm run build`; also run by `npm install`/`npm ci` and by `npm pack`,
// hence by `pulumi policy publish`, through "prepare").
//
// Why: the Pulumi engine runs a TypeScript pack through ts-node WITH type checking on every start
// (several seconds per preview); compiled JS starts in about a second. bin/.buildstamp records the
// digest of the sources it was built from; start.js serves bin/ only while that still matches, so a
// failed or stale build never runs. Plain JS: it runs before anything is compiled.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { sourceDigest } = require("./sources");

const packDir = path.resolve(__dirname, "..");
const binDir = path.join(packDir, "bin");
const stamp = path.join(binDir, ".buildstamp");

let tsc;
try {
    tsc = require.resolve("typescript/bin/tsc", { paths: [packDir] });
} catch {
    // An installed copy of a published pack: bin/ came in the tarball; the sources are the fallback.
    console.error(
        fs.existsSync(stamp)
            ? "faultguard-aws: typescript is not installed; using the prebuilt bin/."
            : "faultguard-aws: typescript is not installed and bin/ is missing; the pack will run from its TypeScript sources (slower start).",
    );
    process.exit(0);
}

const digest = sourceDigest(packDir);
// Already built from exactly these sources (a published pack installed on its own, whose install
// runs prepare with its dev dependencies present): nothing to do, and nothing to break.
if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === digest) {
    process.exit(0);
}
fs.rmSync(binDir, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, "-p", path.join(packDir, "tsconfig.build.json")], { stdio: "inherit", timeout: 300_000 });
if (result.status !== 0) {
    // No stamp: start.js runs the sources, and the engine reports the same errors there.
    console.error(`faultguard-aws: build failed (${result.error ? result.error.message : `tsc exit code ${result.status}`}).`);
    process.exit(1);
}
fs.writeFileSync(stamp, `${digest}\n`);
