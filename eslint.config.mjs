// One lint config for the workspace. The Nx module-boundaries rule enforces the
// dependency direction of DESIGN.md: apps -> libs, libs/color -> nothing, and the
// api never touches a media library (it never decodes pixels).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const mediaLibraries = ['sharp', 'fluent-ffmpeg', 'onnxruntime-node'];

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
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:api', bannedExternalImports: mediaLibraries },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared', 'scope:pure'] },
            // The colour engine is pure maths: no other lib, no npm package.
            { sourceTag: 'scope:pure', onlyDependOnLibsWithTags: [], bannedExternalImports: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // No I/O in the colour engine, Node built-ins included (tests may read fixtures).
    files: ['libs/color/src/**/*.ts'],
    ignores: ['libs/color/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net'] }],
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
