// Three tiers (docs/architecture.md, convention 10), selectable with `--selectProjects`:
//   unit         *.spec.ts beside the code: pure code, known values, no services
//   integration  *.int.spec.ts: real Postgres, Redis and storage
//   e2e          test/e2e/*.e2e-spec.ts: spawned api and worker processes
const preset = require('./jest.preset');

module.exports = {
  // Per-project testTimeout is ignored by Jest, so the generous default for the
  // integration and end-to-end tiers (real services, spawned processes) is global.
  testTimeout: 60000,
  projects: [
    {
      ...preset,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,bench,tools}/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '/node_modules/', '/dist/'],
    },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'],
      globalSetup: '<rootDir>/test/support/integration-global-setup.js',
    },
    {
      ...preset,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/e2e-global-setup.js',
      globalTeardown: '<rootDir>/test/support/e2e-global-teardown.js',
    },
  ],
};
