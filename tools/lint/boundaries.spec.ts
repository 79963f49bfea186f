import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The lint boundaries of eslint.config.mjs, exercised: probe sources are linted as if
 * they sat at paths inside the real projects (nothing is written to disk), with the
 * workspace's own config, and each deliberate cross-layer import must be reported by
 * the rule that owns it, while the legal imports lint clean.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const PROBE = '__lint_probe__';
const BOUNDARIES = '@nx/enforce-module-boundaries';
const RESTRICTED = 'no-restricted-imports';
const RESTRICTED_SYNTAX = 'no-restricted-syntax';

interface Probe {
  name: string;
  filePath: string;
  code: string;
  /** The rules that must report an error; empty: the probe must lint clean. */
  rules: string[];
}

interface LintMessage {
  ruleId: string | null;
  severity: number;
  line: number;
  message: string;
}

interface ProbeResult {
  filePath: string;
  errorCount: number;
  warningCount: number;
  messages: LintMessage[];
}

const importing = (specifier: string, name = 'X') => `import { ${name} } from '${specifier}';\nexport { ${name} };\n`;
const importingDefault = (specifier: string) => `import probe from '${specifier}';\nexport { probe };\n`;
const fails = (name: string, filePath: string, code: string, ...rules: string[]): Probe => ({ name, filePath, code, rules });
const passes = (name: string, filePath: string, code: string): Probe => ({ name, filePath, code, rules: [] });

const CONTRACTS = `libs/contracts/src/${PROBE}.ts`;
const COLOR = `libs/color/src/${PROBE}.ts`;
const ASSISTANT = `libs/grading-assistant/src/${PROBE}.ts`;
const API = `apps/api/src/${PROBE}.ts`;
const WORKER = `apps/worker/src/features/${PROBE}.ts`;
const MEDIA = `apps/worker/src/media/${PROBE}.ts`;

// Some forbidden edges would also close a project cycle (contracts -> storage: storage
// imports contracts); the rule reports those as a cycle. The acyclic ones (contracts ->
// queue, color -> observability, db -> config, net -> db) fail on the tags alone.
const PROBES: Probe[] = [
  // Layers: contracts.
  fails('contracts -> db', CONTRACTS, importing('@gradekit/db', 'PrismaService'), BOUNDARIES),
  fails('contracts -> storage', CONTRACTS, importing('@gradekit/storage', 'createStorageDriver'), BOUNDARIES),
  fails('contracts -> queue', CONTRACTS, importing('@gradekit/queue', 'taskJobOptions'), BOUNDARIES),
  fails('contracts -> grading-assistant (a domain lib other than the colour engine)', CONTRACTS, importing('@gradekit/grading-assistant'), BOUNDARIES),
  fails('contracts -> @prisma/client', CONTRACTS, importing('@prisma/client', 'PrismaClient'), BOUNDARIES),
  fails('contracts -> bullmq', CONTRACTS, importing('bullmq', 'Queue'), BOUNDARIES),
  passes('contracts -> color', CONTRACTS, importing('@gradekit/color', 'HSL_BANDS')),
  // Layers: domain.
  fails('color -> contracts', COLOR, importing('@gradekit/contracts', 'DomainError'), BOUNDARIES),
  fails('color -> observability', COLOR, importing('@gradekit/observability'), BOUNDARIES),
  fails('color -> grading-assistant', COLOR, importing('@gradekit/grading-assistant'), BOUNDARIES),
  fails('color -> an npm package', COLOR, importing('pino', 'pino'), BOUNDARIES),
  fails('color -> node:fs', COLOR, importing('node:fs', 'readFileSync'), RESTRICTED),
  fails('color -> fs', COLOR, importing('fs', 'readFileSync'), RESTRICTED),
  fails('grading-assistant -> db', ASSISTANT, importing('@gradekit/db', 'PrismaService'), BOUNDARIES),
  fails('grading-assistant -> node:path', ASSISTANT, importing('node:path', 'join'), RESTRICTED),
  passes('grading-assistant -> color and contracts', ASSISTANT, importing('@gradekit/color', 'HSL_BANDS') + importing('@gradekit/contracts', 'snakeCasePath')),
  // Layers: data-access, infra, config.
  fails('storage (data-access) -> config', `libs/storage/src/${PROBE}.ts`, importing('@gradekit/config', 'loadWorkerConfig'), BOUNDARIES),
  fails('db (data-access) -> config', `libs/db/src/${PROBE}.ts`, importing('@gradekit/config', 'loadApiConfig'), BOUNDARIES),
  fails('db (data-access) -> grading-assistant (domain)', `libs/db/src/${PROBE}.ts`, importing('@gradekit/grading-assistant'), BOUNDARIES),
  fails('net (infra) -> db', `libs/net/src/${PROBE}.ts`, importing('@gradekit/db', 'PrismaService'), BOUNDARIES),
  fails('observability (infra) -> config', `libs/observability/src/${PROBE}.ts`, importing('@gradekit/config', 'loadWorkerConfig'), BOUNDARIES),
  passes('storage -> contracts', `libs/storage/src/${PROBE}.ts`, importing('@gradekit/contracts', 'DomainError')),
  passes('net -> contracts', `libs/net/src/${PROBE}.ts`, importing('@gradekit/contracts', 'DomainError')),
  passes('config -> storage (its option types)', `libs/config/src/${PROBE}.ts`, `import type { StorageOptions } from '@gradekit/storage';\nexport type { StorageOptions };\n`),
  // The api: every lib, never a media library.
  fails('api -> sharp', API, importingDefault('sharp'), BOUNDARIES, RESTRICTED),
  fails('api -> sharp types', API, `import type { Metadata } from 'sharp';\nexport type { Metadata };\n`, BOUNDARIES, RESTRICTED),
  fails('api -> child_process', API, importing('node:child_process', 'spawn'), RESTRICTED),
  passes('api -> contracts, db, config, color', API, importing('@gradekit/contracts', 'DomainError') + importing('@gradekit/db', 'PrismaService') + importing('@gradekit/config', 'loadApiConfig') + importing('@gradekit/color', 'HSL_BANDS')),
  // The worker: media libraries only in its media adapters; no client-facing HTTP.
  fails('worker feature -> sharp', WORKER, importingDefault('sharp'), RESTRICTED),
  fails('worker feature -> import("sharp")', WORKER, `export const load = () => import('sharp');\n`, RESTRICTED_SYNTAX),
  fails('worker feature -> fluent-ffmpeg', WORKER, importingDefault('fluent-ffmpeg'), RESTRICTED),
  fails('worker feature -> onnxruntime-node', WORKER, importing('onnxruntime-node', 'InferenceSession'), RESTRICTED),
  fails('worker feature -> child_process', WORKER, importing('node:child_process', 'spawn'), RESTRICTED),
  fails('worker -> @nestjs/platform-express', `apps/worker/src/${PROBE}.ts`, importing('@nestjs/platform-express', 'ExpressAdapter'), BOUNDARIES),
  fails('worker -> express', `apps/worker/src/${PROBE}.ts`, importingDefault('express'), BOUNDARIES),
  fails('worker -> @nestjs/swagger', `apps/worker/src/${PROBE}.ts`, importing('@nestjs/swagger', 'ApiProperty'), BOUNDARIES),
  passes('worker -> color, queue, storage, grading-assistant', WORKER, importing('@gradekit/color', 'HSL_BANDS') + importing('@gradekit/queue', 'taskJobOptions') + importing('@gradekit/storage', 'createStorageDriver') + importing('@gradekit/grading-assistant', 'interpretPrompt')),
  passes('worker media adapter -> sharp', MEDIA, `import sharp, { type Metadata } from 'sharp';\nexport { sharp };\nexport type { Metadata };\n`),
  passes('worker media adapter -> child_process (an external tool runs here)', MEDIA, importing('node:child_process', 'spawn')),
  // Tests: fixture makers may use sharp; a lib's test goes through the adapter or does without.
  passes('worker spec -> sharp (fixture maker)', `apps/worker/src/features/${PROBE}.spec.ts`, importingDefault('sharp')),
  passes('shared test harness -> sharp', `test/support/${PROBE}.ts`, importingDefault('sharp')),
  passes('bench -> sharp (the baseline)', `bench/common/${PROBE}.ts`, importingDefault('sharp')),
  fails('lib spec -> sharp', `libs/storage/src/${PROBE}.spec.ts`, importingDefault('sharp'), RESTRICTED),
  fails('api spec -> sharp', `apps/api/src/${PROBE}.spec.ts`, importingDefault('sharp'), BOUNDARIES, RESTRICTED),
];

const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
let results: Map<string, ProbeResult>;

beforeAll(() => {
  // @nx/enforce-module-boundaries reads the cached project graph; `make lint` builds it the same way.
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'nx'), ['show', 'projects'], { cwd: ROOT, env: nxEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  const out = execFileSync(process.execPath, [path.join(__dirname, 'lint-probes.mjs')], {
    cwd: ROOT,
    env: nxEnv,
    input: JSON.stringify(PROBES.map(({ filePath, code }) => ({ filePath, code }))),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const list = JSON.parse(out) as ProbeResult[];
  expect(list).toHaveLength(PROBES.length);
  results = new Map(PROBES.map((probe, i) => [probe.name, list[i]!]));
}, 120_000);

const errorRules = (result: ProbeResult) => result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId);

describe('lint boundaries', () => {
  it('has one name per probe', () => {
    expect(new Set(PROBES.map((p) => p.name)).size).toBe(PROBES.length);
  });

  it.each(PROBES.filter((p) => p.rules.length > 0).map((p) => [p.name, p] as const))('reports %s', (_name, probe) => {
    const result = results.get(probe.name)!;
    expect(result.errorCount).toBeGreaterThan(0);
    expect(errorRules(result)).toEqual(expect.arrayContaining(probe.rules));
  });

  it.each(PROBES.filter((p) => p.rules.length === 0).map((p) => [p.name, p] as const))('allows %s', (_name, probe) => {
    // No message at all: an ignored file would come back with a warning, not silently clean.
    expect(results.get(probe.name)!.messages).toEqual([]);
  });
});
