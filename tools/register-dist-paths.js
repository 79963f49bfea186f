// Resolves the workspace's `@gradekit/*` path aliases to the compiled libs in
// dist/out when running built code with plain node:
//   node -r ./tools/register-dist-paths.js dist/out/apps/api/src/main.js
const path = require('node:path');
const { register } = require('tsconfig-paths');

register({
  baseUrl: path.resolve(__dirname, '..', 'dist', 'out'),
  paths: { '@gradekit/*': ['libs/*/src/index.js'] },
});
