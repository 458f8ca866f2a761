"use strict";
// Preloaded (`node -r`) into every Node process faultguard preview starts (the program's capture
// child, each policy pack). If faultguard goes away without ending it (SIGKILL, a crash), the
// process is re-parented: it then ends itself and, when it leads a process group (the capture
// child), everything in that group, so no pack keeps listening and no program helper is orphaned.
const parent = process.ppid;
const POLL_MS = 500;

function endAll() {
  try {
    process.kill(-process.pid, "SIGKILL"); // our group, when we lead one (ourselves included)
  } catch {
    // not a group leader
  }
  process.exit(129);
}

const { setInterval } = require("node:timers");

setInterval(() => {
  if (process.ppid !== parent) endAll();
}, POLL_MS).unref();

// The capture child also has an IPC channel: its closing is the earliest sign.
if (typeof process.send === "function") process.once("disconnect", endAll);
