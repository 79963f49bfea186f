const fs = require('node:fs');
const path = require('node:path');
const { ensureTemplateDatabase } = require('./test-template-db');

module.exports = async () => {
  const root = path.resolve(__dirname, '..', '..');
  for (const entry of ['dist/out/apps/api/src/main.js', 'dist/out/apps/worker/src/main.js']) {
    if (!fs.existsSync(path.join(root, entry))) throw new Error(`${entry} is missing: end-to-end tests run the built apps; run \`make build\` first`);
  }
  await ensureTemplateDatabase();
};
