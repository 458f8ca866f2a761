"use strict";
// Module loader hooks for a TypeScript program that is an ES module (package.json "type": "module").
// Registered with module.register by esm.js and run in Node's loader thread: TypeScript is compiled
// by the program's own ts-node through its ESM hooks (ts-node's createEsmHooks), as the Pulumi
// language host does in its automatic ESM mode (@pulumi/pulumi cmd/run/run.js, hooks.js).
// Assigned one by one: Node finds a CommonJS module's named exports by these assignments.
let hooks;

module.exports.initialize = function initialize(data) {
  const tsNode = require(data.tsNode);
  hooks = tsNode.createEsmHooks(tsNode.register(data.options));
};

module.exports.resolve = function resolve(specifier, context, next) {
  return hooks.resolve(specifier, context, next);
};

module.exports.load = function load(url, context, next) {
  return hooks.load(url, context, next);
};
