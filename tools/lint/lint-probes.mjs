// Lints probe sources as if they were files at the given workspace paths (the files
// need not exist), with the workspace's own eslint.config.mjs, and prints one result per
// probe as JSON. Input: a JSON array of { filePath, code } on stdin.
//
// A separate process because ESLint loads a flat config with a dynamic import(), which
// Jest's module sandbox refuses without --experimental-vm-modules. The caller builds the
// Nx project graph first (`nx show projects`): @nx/enforce-module-boundaries reads it
// from .nx/workspace-data and places a file in a project by its path alone.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const probes = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: root });

const results = [];
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.code, { filePath: path.join(root, probe.filePath), warnIgnored: true });
  results.push({
    filePath: probe.filePath,
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    messages: result.messages.map(({ ruleId, severity, line, message }) => ({ ruleId, severity, line, message })),
  });
}
process.stdout.write(JSON.stringify(results));
