// Shared Jest settings: SWC transpiles TypeScript with the options the bench hook
// uses too (tools/swc-options.js); type checking is `make typecheck`'s job.
const path = require('node:path');
const SWC_OPTIONS = require('./tools/swc-options');

const root = __dirname;
const libs = ['color', 'config', 'contracts', 'db', 'grading-assistant', 'net', 'observability', 'queue', 'storage'];

module.exports = {
  rootDir: root,
  // Node's typed arrays in the test context (ONNX Runtime's outputs are made in Node's realm).
  testEnvironment: '<rootDir>/test/support/node-realm-environment.js',
  transform: {
    '^.+\\.ts$': ['@swc/jest', SWC_OPTIONS],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((lib) => [`^@gradekit/${lib}$`, path.join(root, 'libs', lib, 'src', 'index.ts')])),
    // One native ONNX Runtime per worker process (test/support/node-realm-environment.js).
    '^onnxruntime-node$': path.join(root, 'test', 'support', 'onnxruntime-shared.js'),
  },
};
