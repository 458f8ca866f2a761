// Mocha's spec output, plus one closing line "mocha: N passed, N failed, N skipped" that CI
// tooling reads as the run's verdict (mocha's own "N passing" is not a recognised summary).
//
// Before that line it lists the slowest test files and tests (hooks counted with their file), so a
// slow suite shows where its time goes: FAULTGUARD_SLOWEST=N lists N of each (default 10, 0 for none);
// FAULTGUARD_TIMINGS=path also writes every file's and test's duration there as JSON.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const Mocha = require("mocha");

const { EVENT_RUN_END, EVENT_TEST_END, EVENT_HOOK_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const files = new Map();
    const tests = [];
    const fileOf = (runnable) => path.relative(process.cwd(), runnable.file ?? runnable.parent?.file ?? "(root hooks)");
    const count = (runnable) => {
      const ms = runnable.duration ?? 0;
      const file = fileOf(runnable);
      files.set(file, (files.get(file) ?? 0) + ms);
      return { file, ms };
    };
    runner.on(EVENT_HOOK_END, (hook) => count(hook));
    runner.on(EVENT_TEST_END, (test) => tests.push({ title: test.fullTitle(), ...count(test) }));
    runner.once(EVENT_RUN_END, () => {
      const slowest = Number(process.env.FAULTGUARD_SLOWEST ?? 10);
      const byFile = [...files].map(([file, ms]) => ({ file, ms })).sort((a, b) => b.ms - a.ms);
      tests.sort((a, b) => b.ms - a.ms);
      if (slowest > 0 && tests.length > 0) {
        const seconds = (ms) => `${(ms / 1000).toFixed(1).padStart(7)} s`;
        process.stdout.write(`\nslowest files (tests + hooks):\n`);
        for (const f of byFile.slice(0, slowest)) process.stdout.write(`${seconds(f.ms)}  ${f.file}\n`);
        process.stdout.write(`slowest tests:\n`);
        for (const t of tests.slice(0, slowest)) process.stdout.write(`${seconds(t.ms)}  ${t.file}: ${t.title}\n`);
      }
      if (process.env.FAULTGUARD_TIMINGS) {
        fs.writeFileSync(process.env.FAULTGUARD_TIMINGS, JSON.stringify({ files: byFile, tests }, null, 2));
      }
      const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      process.stdout.write(`mocha: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`);
    });
  }
}

module.exports = SummaryReporter;
