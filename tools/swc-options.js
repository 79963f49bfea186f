// How TypeScript is transpiled outside `make build`: by Jest (jest.preset.js) and by
// the require hook that runs benches and worker threads without a build
// (bench/common/ts-register.js). Decorators as the apps compile them (Nest's
// dependency injection reads the metadata); type checking is `make typecheck`'s job.
'use strict';

module.exports = Object.freeze({
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});
