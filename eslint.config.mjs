// One lint config for the workspace. Two kinds of boundary are enforced here, and
// tools/lint/boundaries.spec.ts proves that a deliberate cross-layer import fails:
//
// 1. Layers (Nx tags in each project.json, rule @nx/enforce-module-boundaries):
//      type:app          apps/api (scope:api), apps/worker (scope:worker)
//      type:config       libs/config: reads the environment into the option objects of
//                        the data-access/infra libs (StorageOptions), so it sits above
//                        them; only the apps may import it
//      type:data-access  libs/db, libs/storage, libs/queue (Postgres, objects, Redis)
//      type:infra        libs/net, libs/observability (cross-cutting, no state)
//      type:domain       libs/color (+ scope:pure: no lib, no package, no built-in) and
//                        libs/grading-assistant (pure logic over color and contracts)
//      type:contract     libs/contracts: DTOs and wire shapes over the colour engine's
//                        vocabulary (color only, never another domain lib)
//    An app may import every lib and no app. Arrows only point down: contracts never
//    reach db, the colour engine reaches nothing.
//
// 2. Media libraries (no-restricted-imports): sharp, ffmpeg and onnxruntime live only
//    behind the worker's media adapters in apps/worker/src/media (one interface per
//    medium: ImageDecoder / ImageEncoder for stills). Everything else goes through them.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const MEDIA_LIBRARIES = ['sharp', 'fluent-ffmpeg', 'onnxruntime-node'];

// The worker's media adapters: the only production code that may touch a media library.
const MEDIA_ADAPTERS = ['apps/worker/src/media/**'];

// Tests and fixture makers may use sharp directly: they make the images the adapter
// reads (synthetic patches, resized photos) and check what it wrote with a decoder that
// is not the code under test. Only the worker's own tests (the api bans media libraries
// outright), the shared test harness, the benches (sharp is their baseline) and the
// dev scripts that render the sandbox demo inputs.
const FIXTURE_MAKERS = [
  'apps/worker/src/**/*.spec.ts', // *.int.spec.ts included
  'apps/worker/src/test-support/**',
  'test/**',
  'bench/**',
  'tools/dev/**',
];

// TEMPORARY: production files outside the media adapters that still import a media
// library directly, each waiting to be routed through apps/worker/src/media. Remove an
// entry when its file moves to the adapter; the list should only ever shrink.
// Empty today: no production file outside apps/worker/src/media imports sharp,
// fluent-ffmpeg or onnxruntime.
const PENDING_ADAPTER_MIGRATION = [];

// Test code anywhere: spawning processes (the e2e stack, ffmpeg as an oracle) is fine there.
const TEST_FILES = ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test-support/**', 'test/**', 'bench/**'];

const MEDIA_MESSAGE = 'Media libraries stay behind the worker\'s media adapters (apps/worker/src/media, e.g. ImageDecoder/ImageEncoder): use the adapter.';
const mediaPaths = MEDIA_LIBRARIES.map((name) => ({ name, message: MEDIA_MESSAGE }));
const mediaPatterns = [{ group: ['sharp/*', 'fluent-ffmpeg/*', 'onnxruntime-*', '@ffmpeg/*', 'ffmpeg-static', 'ffprobe-static'], message: MEDIA_MESSAGE }];
// Spawning a process (ffmpeg, or anything else) is the media adapters' job in production code.
const childProcessPaths = ['child_process', 'node:child_process'].map((name) => ({
  name,
  message: 'Production code does not spawn processes; an external media tool (ffmpeg) runs behind apps/worker/src/media.',
}));
// The same libraries through require() or a dynamic import(), which no-restricted-imports does not see.
const mediaCallSyntax = MEDIA_LIBRARIES.flatMap((name) => [
  { selector: `ImportExpression[source.value='${name}']`, message: MEDIA_MESSAGE },
  { selector: `CallExpression[callee.name='require'][arguments.0.value='${name}']`, message: MEDIA_MESSAGE },
]);

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.nx/**', 'coverage/**', 'data/**', 'tmp/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Layers.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:config', 'type:data-access', 'type:infra', 'type:domain', 'type:contract'] },
            { sourceTag: 'type:config', onlyDependOnLibsWithTags: ['type:data-access', 'type:infra', 'type:contract'] },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:infra', 'type:contract'],
              bannedExternalImports: MEDIA_LIBRARIES,
            },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:contract'], bannedExternalImports: MEDIA_LIBRARIES },
            // Domain logic: no I/O packages at all (built-ins: see the purity block below).
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contract'], bannedExternalImports: ['*'] },
            // The colour engine is pure maths: no other lib, no npm package.
            { sourceTag: 'scope:pure', onlyDependOnLibsWithTags: [], bannedExternalImports: ['*'] },
            // Contracts describe the wire: the colour vocabulary only, never storage, the
            // database, the queue or pixels.
            {
              sourceTag: 'type:contract',
              onlyDependOnLibsWithTags: ['type:contract', 'scope:pure'],
              bannedExternalImports: ['@prisma/*', 'pg', 'bullmq', 'ioredis', 'minio', ...MEDIA_LIBRARIES],
            },
            // Apps. The api never decodes pixels.
            { sourceTag: 'scope:api', bannedExternalImports: MEDIA_LIBRARIES },
            // The worker consumes queues and serves only its health/metrics probe (node:http):
            // it never speaks HTTP to clients, so no Express, Swagger or HTTP test client.
            { sourceTag: 'scope:worker', bannedExternalImports: ['@nestjs/platform-express', '@nestjs/swagger', 'express', 'supertest'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: [...MEDIA_ADAPTERS, ...FIXTURE_MAKERS, ...PENDING_ADAPTER_MIGRATION],
    rules: {
      'no-restricted-imports': ['error', { paths: mediaPaths, patterns: mediaPatterns }],
      'no-restricted-syntax': ['error', ...mediaCallSyntax],
    },
  },
  {
    // Production code in the projects: no process spawning either. (Later blocks replace
    // the options of earlier ones, so each block repeats the media restriction.)
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: [...MEDIA_ADAPTERS, ...TEST_FILES, ...PENDING_ADAPTER_MIGRATION],
    rules: {
      'no-restricted-imports': ['error', { paths: [...mediaPaths, ...childProcessPaths], patterns: mediaPatterns }],
    },
  },
  {
    // No I/O in domain logic, Node built-ins included (tests may read fixtures).
    files: ['libs/color/src/**/*.ts', 'libs/grading-assistant/src/**/*.ts'],
    ignores: ['libs/color/src/**/*.spec.ts', 'libs/grading-assistant/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...mediaPaths, ...childProcessPaths],
          patterns: [...mediaPatterns, { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'dns', 'worker_threads'], message: 'Domain logic does no I/O.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Integration specs start the real apps through the shared harness in test/support,
    // which sits outside every Nx project; the boundaries apply to production code.
    files: ['**/*.int.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
