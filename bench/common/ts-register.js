// A require hook that runs TypeScript without a build step: .ts files are
// transpiled with @swc/core (type-stripping only; `make typecheck` does the
// type checking) and the workspace's `@gradekit/<lib>` aliases resolve to
// libs/<lib>/src/index.ts, as tsconfig.base.json's `paths` do. Used by
// run-ts.js, and as `require(…)` at the start of worker threads that run a
// .ts entry (see apps/worker/src/media/lut-apply-threads.ts).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const Module = require('node:module');
const swc = require('@swc/core');
const SWC_OPTIONS = require('../../tools/swc-options');

const root = path.resolve(__dirname, '..', '..');

if (!Module.__gradekitTsHook) {
  Module.__gradekitTsHook = true;
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
    const { code } = swc.transformSync(source, { ...SWC_OPTIONS, filename });
    module._compile(code, filename);
  };
}
