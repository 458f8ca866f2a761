// One way for the repository's generators (rule catalog, AWS type tokens, component docs) to write a
// generated file, or with --check to fail when the committed copy is stale (the drift tests and CI
// run the --check form). Repository tooling only: not part of any published package.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/**
 * Writes `text` to `file`, or with `--check` on the command line exits 1 when `file` differs,
 * naming the command that regenerates it. Returns true when the file was written.
 * @param {string} file absolute path of the generated file
 * @param {string} text its generated content
 * @param {string} regenerate the command that regenerates it, for the stale message
 */
function writeOrCheck(file, text, regenerate) {
    const shown = path.relative(process.cwd(), file) || file;
    if (process.argv.includes("--check")) {
        const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
        if (current !== text) {
            console.error(`${shown} is stale: run \`${regenerate}\` and commit it.`);
            process.exit(1);
        }
        return false;
    }
    fs.writeFileSync(file, text);
    return true;
}

module.exports = { writeOrCheck };
