// Shared Jest settings: SWC transpiles TypeScript (with decorator metadata, which
// Nest's dependency injection needs); type checking is `make typecheck`'s job.
const path = require('node:path');

const root = __dirname;
const libs = ['color', 'config', 'contracts', 'db', 'grading-assistant', 'net', 'observability', 'queue', 'storage'];

module.exports = {
  rootDir: root,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: Object.fromEntries(
    libs.map((lib) => [`^@gradekit/${lib}$`, path.join(root, 'libs', lib, 'src', 'index.ts')]),
  ),
};
