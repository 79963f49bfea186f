#!/usr/bin/env node
// Runs a TypeScript entry point without a build step (the require hook is in
// ts-register.js: .ts transpiled with @swc/core, `@gradekit/<lib>` aliases
// resolved to libs/<lib>/src/index.ts).
// Usage: node bench/common/run-ts.js bench/color/color.bench.ts [args...]
'use strict';
const path = require('node:path');
const Module = require('node:module');

require('./ts-register');

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node bench/common/run-ts.js <entry.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1); // the entry sees itself as argv[1]
// Load as the main module so `require.main === module` holds in the entry.
Module._load(path.resolve(entry), null, true);
