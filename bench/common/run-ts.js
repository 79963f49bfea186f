#!/usr/bin/env node
// Runs a TypeScript entry point without a build step: a require hook that
// transpiles .ts with @swc/core (type-stripping only; `make typecheck` does the
// type checking) and resolves the workspace's `@gradekit/<lib>` aliases to
// libs/<lib>/src/index.ts, as tsconfig.base.json's `paths` do.
// Usage: node bench/common/run-ts.js bench/color/color.bench.ts [args...]
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const Module = require('node:module');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const m = /^@gradekit\/([a-z-]+)$/.exec(request);
  if (m) return path.join(root, 'libs', m[1], 'src', 'index.ts');
  // Relative imports written without an extension may name a .ts file.
  if ((request.startsWith('.') || request.startsWith('/')) && parent && parent.filename) {
    const base = path.resolve(path.dirname(parent.filename), request);
    for (const candidate of [base + '.ts', path.join(base, 'index.ts')]) {
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return resolve.call(this, request, parent, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = swc.transformSync(source, {
    filename,
    sourceMaps: 'inline',
    jsc: {
      target: 'es2022',
      // Decorators as the apps compile them (Nest's dependency injection reads the metadata).
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node bench/common/run-ts.js <entry.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 1); // the entry sees itself as argv[1]
// Load as the main module so `require.main === module` holds in the entry.
Module._load(path.resolve(entry), null, true);
