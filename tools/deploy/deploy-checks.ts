/**
 * Static checks of the deploy files (deploy/*.Dockerfile, deploy/docker-compose*.yml,
 * .dockerignore) that run without a Docker engine: each checker takes the file's text and
 * returns the problems it finds ([] = accepted), so the same function that passes the real
 * files rejects a bad fixture (tools/deploy/deploy.spec.ts).
 *
 * The rules (README, Deploy):
 * - Base images: pinned — a digest (`@sha256:` + 64 hex), or a tag that names an exact version
 *   (at least `major.minor`, e.g. 16.9, 20.20.2-bookworm-slim, or a `RELEASE.<date>` tag);
 *   never `latest`, an untagged name, a bare major (`node:20`) or a variable.
 * - Dockerfiles: multi-stage; each target stage (the last one, plus those compose builds)
 *   runs as a non-root USER, has a HEALTHCHECK (a one-shot target may say NONE), an exec-form
 *   CMD, EXPOSEs exactly its port variable's value, and sets only variables its app accepts
 *   (tools/deploy/app-env.ts) with values its config accepts.
 * - Secrets: no ENV or ARG with a secret-looking name, no URL with a password, no secret
 *   assignment in RUN, no .env / key files copied. Compose files may hold a secret only as a
 *   `${NAME}` / `${NAME:?…}` interpolation or as `${NAME:-<default>}` whose default contains
 *   `insecure-dev` (a clearly marked dev default); any literal is rejected.
 * - Compose: every service has an image (pinned unless built from a checked Dockerfile);
 *   long-running services have a healthcheck, one-shot ones (`restart: "no"`) are waited for
 *   with service_completed_successfully, others with service_healthy (long form only); app
 *   services depend on the one-shot migration, run read-only without capabilities, and set
 *   only accepted variables; third-party services set only their image's own variables.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { parse as parseYaml } from 'yaml';
import { appEnvProblems, NON_APP_ENV, unacceptedEnvNames, type AppName } from './app-env';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Names that hold secrets. Access key ids and user names are identifiers, not secrets. */
export const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIAL)/i;
/** The marker a compose default must contain to be an accepted (dev-only) secret default. */
export const DEV_DEFAULT_MARKER = 'insecure-dev';
const URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^/\s@]+)@/gi;

// ---- images ------------------------------------------------------------------------------

/** Why an image reference is not pinned, or null when it is. */
export function imagePinProblem(ref: string): string | null {
  if (ref.includes('$')) return `image "${ref}" is chosen by a variable (pin it in the file)`;
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : null;
  const nameTag = at >= 0 ? ref.slice(0, at) : ref;
  if (digest !== null) {
    return /^sha256:[0-9a-f]{64}$/.test(digest) ? null : `image "${ref}" has a malformed digest`;
  }
  const slash = nameTag.lastIndexOf('/');
  const colon = nameTag.lastIndexOf(':');
  const tag = colon > slash ? nameTag.slice(colon + 1) : null;
  if (!tag) return `image "${ref}" has no tag (pin an exact version)`;
  if (tag === 'latest') return `image "${ref}" uses "latest" (pin an exact version)`;
  if (!/(^|[^0-9])\d+\.\d+/.test(tag) && !/^RELEASE\.\d{4}-\d{2}-\d{2}T/.test(tag)) {
    return `image "${ref}" tag "${tag}" is not an exact version (needs at least major.minor, or a digest)`;
  }
  return null;
}

// ---- secrets -----------------------------------------------------------------------------

/** A compose value that holds a secret is accepted only as an interpolation (see the rules above). */
export function composeSecretProblem(where: string, value: string): string | null {
  const interpolation = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?\?)[^}]*|:?-([^}]*))?\}$/.exec(value);
  const runtimeRef = /^"?\$\$\{?[A-Za-z_][A-Za-z0-9_]*\}?"?$/.test(value);
  if (runtimeRef) return null;
  if (!interpolation) return `${where} holds a literal secret (use \${NAME:?…} or a \${NAME:-${DEV_DEFAULT_MARKER}-…} dev default)`;
  const fallback = interpolation[3];
  if (fallback !== undefined && !fallback.includes(DEV_DEFAULT_MARKER)) {
    return `${where} has a secret default "${fallback}" that is not marked "${DEV_DEFAULT_MARKER}"`;
  }
  return null;
}

/** Every password inside a URL in `text`. */
function urlPasswords(text: string): string[] {
  return [...text.matchAll(URL_PASSWORD)].map((m) => m[1]!);
}

/** Secret rule over every key/value of a parsed compose document (x- blocks included). */
function composeSecrets(node: unknown, where: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => composeSecrets(item, `${where}[${i}]`, problems));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const at = `${where}.${key}`;
      if (typeof value === 'string' || typeof value === 'number') {
        const text = String(value);
        if (SECRET_NAME.test(key)) {
          const problem = composeSecretProblem(at, text);
          if (problem) problems.push(problem);
        }
        for (const password of urlPasswords(text)) {
          const problem = composeSecretProblem(`${at} (URL password)`, password);
          if (problem) problems.push(problem);
        }
        // `- NAME=value` list entries and shell commands: NAME=value assignments of secret names
        for (const m of text.matchAll(/\b([A-Za-z0-9_]+)=("[^"]*"|'[^']*'|\S+)/g)) {
          if (!SECRET_NAME.test(m[1]!)) continue;
          const problem = composeSecretProblem(`${at} (${m[1]})`, m[2]!.replace(/^["']|["']$/g, ''));
          if (problem) problems.push(problem);
        }
      } else {
        composeSecrets(value, at, problems);
      }
    }
  } else if (typeof node === 'string') {
    for (const password of urlPasswords(node)) {
      const problem = composeSecretProblem(`${where} (URL password)`, password);
      if (problem) problems.push(problem);
    }
  }
}

// ---- Dockerfiles -------------------------------------------------------------------------

export interface DockerfileTarget {
  /** The stage name (`FROM … AS <stage>`). */
  stage: string;
  /** The app whose config must accept the stage's ENV. */
  app?: AppName;
  /** Variables allowed instead of an app's (e.g. the migration: DATABASE_URL, NODE_ENV). */
  allowEnv?: readonly string[];
  /** A one-shot job: HEALTHCHECK NONE (or none) is fine. */
  oneShot?: boolean;
  /** The variable whose value the stage EXPOSEs and health-checks (API_PORT, WORKER_PORT). */
  portEnv?: string;
}

export interface DockerfileSpec {
  /** Repository-relative path, e.g. deploy/api.Dockerfile. */
  file: string;
  /** The stages that are images; the last stage of the file must be one of them. */
  targets: readonly DockerfileTarget[];
}

interface Stage {
  name: string;
  image: string;
  parent: Stage | null;
  instructions: Instruction[];
}

function stagesOf(content: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(content).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const args = instruction.getArguments().map((a) => a.getValue());
      const image = args[0] ?? '';
      const asIndex = args.findIndex((a) => a.toLowerCase() === 'as');
      const name = asIndex >= 0 ? (args[asIndex + 1] ?? '') : String(stages.length);
      const parent = stages.find((s) => s.name === image) ?? null;
      stages.push({ name, image, parent, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1]!.instructions.push(instruction);
    }
  }
  return stages;
}

/** The instructions that shape a stage's image: its ancestors' (FROM <stage>), then its own. */
function chainOf(stage: Stage): Instruction[] {
  return stage.parent ? [...chainOf(stage.parent), ...stage.instructions] : stage.instructions;
}

function envOf(instructions: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of instructions) {
    if (instruction.getKeyword() !== 'ENV') continue;
    for (const property of (instruction as unknown as { getProperties(): PropertyLike[] }).getProperties()) {
      env[property.getName()] = property.getUnescapedValue() ?? property.getValue() ?? '';
    }
  }
  return env;
}

interface PropertyLike {
  getName(): string;
  getValue(): string | null;
  getUnescapedValue(): string | null;
}

function last(instructions: Instruction[], keyword: string): Instruction | undefined {
  return instructions.filter((i) => i.getKeyword() === keyword).pop();
}

/** A config problem names its variable first (`NAME is required`, `NAME must …`). */
function problemsAbout(problems: string[], names: Set<string>): string[] {
  return problems.filter((p) => names.has(p.split(/\s/, 1)[0]!));
}

export function checkDockerfile(content: string, spec: DockerfileSpec): string[] {
  const problems: string[] = [];
  const add = (p: string) => problems.push(`${spec.file}: ${p}`);
  const stages = stagesOf(content);
  if (stages.length < 2) add('is not multi-stage (build in one stage, run in a slim one)');

  for (const stage of stages) {
    if (!stage.parent) {
      const pin = imagePinProblem(stage.image);
      if (pin) add(`stage ${stage.name}: ${pin}`);
    }
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      const text = instruction.getRawArgumentsContent() ?? '';
      if (keyword === 'ENV' || keyword === 'ARG') {
        for (const property of (instruction as unknown as { getProperties(): PropertyLike[] }).getProperties()) {
          if (SECRET_NAME.test(property.getName())) add(`stage ${stage.name}: ${keyword} ${property.getName()} looks like a secret (secrets come from the run-time environment)`);
          if (urlPasswords(property.getValue() ?? '').length) add(`stage ${stage.name}: ${keyword} ${property.getName()} holds a URL with a password`);
        }
      }
      if (keyword === 'RUN') {
        for (const m of text.matchAll(/\b([A-Za-z0-9_]+)=(\S+)/g)) {
          if (SECRET_NAME.test(m[1]!)) add(`stage ${stage.name}: RUN sets ${m[1]} (a secret in the build history)`);
        }
        if (urlPasswords(text).length) add(`stage ${stage.name}: RUN holds a URL with a password`);
      }
      if (keyword === 'COPY' || keyword === 'ADD') {
        const sources = instruction.getArguments().map((a) => a.getValue()).filter((a) => !a.startsWith('--')).slice(0, -1);
        for (const source of sources) {
          if (/(^|\/)\.env(\.|$)|\.pem$|\.key$|id_rsa|\.npmrc$/.test(source)) add(`stage ${stage.name}: ${keyword} ${source} copies a secret-bearing file`);
          if (keyword === 'ADD' && /^https?:\/\//.test(source)) add(`stage ${stage.name}: ADD ${source} downloads an unpinned file`);
        }
      }
    }
  }

  const finalStage = stages[stages.length - 1];
  if (finalStage && !spec.targets.some((t) => t.stage === finalStage.name)) {
    add(`the last stage "${finalStage.name}" (the default target) is not a declared image`);
  }
  for (const target of spec.targets) {
    const stage = stages.find((s) => s.name === target.stage);
    if (!stage) {
      add(`target stage "${target.stage}" is missing`);
      continue;
    }
    const chain = chainOf(stage);
    const where = `stage ${stage.name}`;

    const user = last(chain, 'USER')?.getArguments()[0]?.getValue();
    if (!user) add(`${where}: no USER (runs as root)`);
    else if (['root', '0'].includes(user.split(':')[0]!)) add(`${where}: USER ${user} is root`);

    const healthcheck = last(chain, 'HEALTHCHECK');
    const sub = (healthcheck as unknown as { getSubcommand?(): { getValue(): string } | null } | undefined)?.getSubcommand?.()?.getValue().toUpperCase();
    if (!target.oneShot && (!healthcheck || sub !== 'CMD')) add(`${where}: no HEALTHCHECK CMD`);

    const cmd = last(chain, 'CMD') ?? last(chain, 'ENTRYPOINT');
    if (!cmd) add(`${where}: no CMD`);
    else if (!(cmd.getRawArgumentsContent() ?? '').trim().startsWith('[')) add(`${where}: CMD is not in exec form (signals would not reach node)`);

    const env = envOf(chain);
    const names = Object.keys(env);
    if (target.app) {
      for (const name of unacceptedEnvNames(target.app, names)) add(`${where}: ENV ${name} is not read by the ${target.app}'s config`);
      for (const p of problemsAbout(appEnvProblems(target.app, env), new Set(names))) add(`${where}: ${p}`);
    } else {
      const allowed = new Set(target.allowEnv ?? []);
      for (const name of names) if (!allowed.has(name) && !(name in NON_APP_ENV)) add(`${where}: ENV ${name} is not one this image reads`);
    }

    const exposed = chain.filter((i) => i.getKeyword() === 'EXPOSE').flatMap((i) => i.getArguments().map((a) => a.getValue().replace(/\/tcp$/, '')));
    if (target.portEnv) {
      const port = env[target.portEnv];
      if (!port) add(`${where}: ENV ${target.portEnv} is not set`);
      else {
        if (exposed.length !== 1 || exposed[0] !== port) add(`${where}: EXPOSE ${exposed.join(' ') || '(none)'} does not match ${target.portEnv}=${port}`);
        const check = healthcheck?.getRawArgumentsContent() ?? '';
        if (!target.oneShot && !check.includes(`process.env.${target.portEnv}`) && !check.includes(`:${port}/`)) {
          add(`${where}: HEALTHCHECK does not probe ${target.portEnv}`);
        }
      }
    } else if (exposed.length) {
      add(`${where}: EXPOSE ${exposed.join(' ')} without a port variable`);
    }
  }
  return problems;
}

/** COPY sources (not `--from`) of a Dockerfile: they must exist and not be excluded by .dockerignore. */
export function copySources(content: string): string[] {
  const sources: string[] = [];
  for (const instruction of DockerfileParser.parse(content).getInstructions()) {
    if (instruction.getKeyword() !== 'COPY' && instruction.getKeyword() !== 'ADD') continue;
    // Flags (--from, --chown) are not arguments; a stage or image source is not in the context.
    const flags = (instruction as unknown as { getFlags?(): Array<{ getName(): string }> }).getFlags?.() ?? [];
    if (flags.some((flag) => flag.getName() === 'from')) continue;
    const args = instruction.getArguments().map((a) => a.getValue());
    sources.push(...args.filter((a) => !a.startsWith('--')).slice(0, -1));
  }
  return sources;
}

// ---- .dockerignore -----------------------------------------------------------------------

export const DOCKERIGNORE_REQUIRED = ['node_modules', 'data', '.git', 'dist', 'coverage', '.env'] as const;

function ignorePatterns(content: string): string[] {
  return content
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'))
    .map((line) => line.replace(/^\/+/, '').replace(/\/+$/, ''));
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}(/.*)?$`);
}

/** Whether .dockerignore keeps `file` (repository-relative) out of the build context. */
export function isDockerignored(content: string, file: string): boolean {
  return ignorePatterns(content).some((pattern) => globToRegExp(pattern).test(file));
}

export function checkDockerignore(content: string, dockerfiles: Record<string, string> = {}): string[] {
  const problems: string[] = [];
  for (const required of DOCKERIGNORE_REQUIRED) {
    if (!isDockerignored(content, required)) problems.push(`.dockerignore: does not exclude ${required}`);
  }
  for (const [file, text] of Object.entries(dockerfiles)) {
    for (const source of copySources(text)) {
      if (isDockerignored(content, source)) problems.push(`${file}: COPY ${source} is excluded by .dockerignore`);
      else if (!fs.existsSync(path.join(REPO_ROOT, source))) problems.push(`${file}: COPY ${source} does not exist`);
    }
  }
  return problems;
}

// ---- compose -----------------------------------------------------------------------------

/** Variables a third-party image reads (repository name → pattern). */
export const THIRD_PARTY_ENV: Readonly<Record<string, RegExp>> = {
  postgres: /^(POSTGRES_|PG)/,
  redis: /^$/,
  'minio/minio': /^MINIO_/,
  'minio/mc': /^(MINIO_|MC_)/,
};

export interface ComposeFile {
  /** Repository-relative path. */
  file: string;
  content: string;
}

type Service = Record<string, unknown>;

/** Parses compose files (`<<` merges resolved) and merges their services as compose does (later files win, mappings merge). */
export function loadCompose(files: readonly ComposeFile[]): { services: Record<string, Service>; documents: unknown[] } {
  const documents = files.map((f) => parseYaml(f.content, { merge: true }) as unknown);
  const services: Record<string, Service> = {};
  for (const doc of documents) {
    const own = ((doc as { services?: Record<string, Service> } | null)?.services ?? {}) as Record<string, Service>;
    for (const [name, service] of Object.entries(own)) services[name] = deepMerge(services[name] ?? {}, service);
  }
  return { services, documents };
}

function deepMerge(base: Service, over: Service): Service {
  const out: Service = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** A compose environment (mapping or `NAME=value` list) as a mapping of its raw values. */
export function environmentOf(service: Service): Record<string, string> {
  const env = service['environment'];
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((item) => String(item)).map((item) => [item.split('=', 1)[0]!, item.includes('=') ? item.slice(item.indexOf('=') + 1) : '']));
  }
  if (isPlainObject(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
  return {};
}

/** What the container would see with the interpolations' defaults (`${X:-d}` → d, `${X}` → '', `$$` → `$`). */
export function resolveDefaults(value: string): string {
  return value
    .replace(/\$\$/g, '\u0000')
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*)|:?\?[^}]*)?\}/g, (_m, fallback: string | undefined) => fallback ?? '')
    .replace(/\u0000/g, '$');
}

function imageRepository(ref: string): string {
  const noDigest = ref.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const name = colon > slash ? noDigest.slice(0, colon) : noDigest;
  return name.replace(/^docker\.io\//, '').replace(/^library\//, '');
}

function isOneShot(service: Service): boolean {
  return service['restart'] === 'no' || service['restart'] === false;
}

export function checkCompose(files: readonly ComposeFile[], dockerfiles: readonly DockerfileSpec[], dockerfileTexts: Record<string, string> = {}): string[] {
  const problems: string[] = [];
  const label = files.map((f) => f.file).join(' + ');
  const add = (p: string) => problems.push(`${label}: ${p}`);
  const { services, documents } = loadCompose(files);
  documents.forEach((doc, i) => {
    const secretProblems: string[] = [];
    composeSecrets(doc, files[i]!.file, secretProblems);
    problems.push(...secretProblems);
  });

  /** The Dockerfile target a service is built from, if any. */
  const targetOf = (service: Service): { spec: DockerfileSpec; target: DockerfileTarget } | null | 'unknown' => {
    const build = service['build'];
    if (build === undefined) return null;
    const dockerfile = isPlainObject(build) ? String(build['dockerfile'] ?? 'Dockerfile') : 'Dockerfile';
    const spec = dockerfiles.find((d) => d.file === dockerfile);
    if (!spec) return 'unknown';
    const text = dockerfileTexts[spec.file];
    const finalStage = text ? stagesOf(text).pop()?.name : undefined;
    const stageName = isPlainObject(build) && build['target'] ? String(build['target']) : finalStage;
    const target = spec.targets.find((t) => t.stage === stageName) ?? (stageName === undefined && spec.targets.length === 1 ? spec.targets[0]! : undefined);
    return target ? { spec, target } : 'unknown';
  };

  const migrations = Object.entries(services)
    .filter(([, s]) => {
      const t = targetOf(s);
      return t && t !== 'unknown' && t.target.oneShot;
    })
    .map(([name]) => name);

  for (const [name, service] of Object.entries(services)) {
    const where = `service ${name}`;
    const built = targetOf(service);
    const image = service['image'];
    if (built === 'unknown') add(`${where}: builds a Dockerfile/target the checks do not know (add it to the DockerfileSpec list)`);
    if (typeof image !== 'string' || !image) add(`${where}: no image`);
    else if (!built) {
      const pin = imagePinProblem(image);
      if (pin) add(`${where}: ${pin}`);
    }

    const oneShot = isOneShot(service);
    const healthcheck = service['healthcheck'];
    if (!oneShot) {
      const test = isPlainObject(healthcheck) ? healthcheck['test'] : undefined;
      const disabled = isPlainObject(healthcheck) && (healthcheck['disable'] === true || (Array.isArray(test) && test[0] === 'NONE'));
      if (!test || disabled) add(`${where}: no healthcheck`);
    }

    const dependsOn = service['depends_on'];
    if (Array.isArray(dependsOn)) add(`${where}: depends_on is a list (use the long form with a condition)`);
    else if (isPlainObject(dependsOn)) {
      for (const [dep, spec] of Object.entries(dependsOn)) {
        const target = services[dep];
        if (!target) {
          add(`${where}: depends on unknown service ${dep}`);
          continue;
        }
        const want = isOneShot(target) ? 'service_completed_successfully' : 'service_healthy';
        const got = isPlainObject(spec) ? spec['condition'] : undefined;
        if (got !== want) add(`${where}: depends_on ${dep} needs condition ${want} (got ${String(got ?? 'none')})`);
      }
    }

    const env = environmentOf(service);
    const names = Object.keys(env);
    if (built && built !== 'unknown') {
      const { target } = built;
      if (service['read_only'] !== true) add(`${where}: read_only is not true`);
      const capDrop = service['cap_drop'];
      if (!Array.isArray(capDrop) || !capDrop.includes('ALL')) add(`${where}: cap_drop does not include ALL`);
      if (!target.oneShot) {
        for (const migration of migrations) {
          if (!isPlainObject(dependsOn) || !(migration in dependsOn)) add(`${where}: does not wait for ${migration}`);
        }
      }
      if (target.app) {
        for (const bad of unacceptedEnvNames(target.app, names)) add(`${where}: ${bad} is not read by the ${target.app}'s config`);
        const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, resolveDefaults(v)]));
        for (const p of appEnvProblems(target.app, resolved)) add(`${where}: with its defaults, the ${target.app} would refuse to start: ${p}`);
        if (target.portEnv) {
          const port = resolved[target.portEnv] ?? envOf(chainOfTarget(dockerfileTexts[built.spec.file], target.stage))[target.portEnv];
          const test = isPlainObject(healthcheck) ? JSON.stringify(healthcheck['test']) : '';
          if (port && !test.includes(`:${port}/`)) add(`${where}: healthcheck does not probe ${target.portEnv}=${port}`);
          for (const mapping of Array.isArray(service['ports']) ? service['ports'] : []) {
            const container = String(mapping).split(':').pop()!.replace(/\/tcp$/, '');
            if (port && container !== port) add(`${where}: publishes container port ${container}, the app listens on ${port}`);
          }
        }
      } else {
        const allowed = new Set(target.allowEnv ?? []);
        for (const bad of names) if (!allowed.has(bad) && !(bad in NON_APP_ENV)) add(`${where}: ${bad} is not one this image reads`);
      }
    } else if (typeof image === 'string' && names.length) {
      const pattern = THIRD_PARTY_ENV[imageRepository(image)];
      if (!pattern) add(`${where}: sets variables for an image the checks do not know (${imageRepository(image)})`);
      else for (const bad of names) if (!pattern.test(bad)) add(`${where}: ${bad} is not a variable of ${imageRepository(image)}`);
    }
  }
  return problems;
}

function chainOfTarget(text: string | undefined, stage: string): Instruction[] {
  if (!text) return [];
  const found = stagesOf(text).find((s) => s.name === stage);
  return found ? chainOf(found) : [];
}

// ---- the repository's deploy files ---------------------------------------------------------

/** The migration image reads only these (prisma.config.ts: DATABASE_URL). */
export const MIGRATE_ENV = ['DATABASE_URL', 'NODE_ENV'] as const;

export const DOCKERFILES: readonly DockerfileSpec[] = [
  {
    file: 'deploy/api.Dockerfile',
    targets: [
      { stage: 'api', app: 'api', portEnv: 'API_PORT' },
      { stage: 'migrate', allowEnv: MIGRATE_ENV, oneShot: true },
    ],
  },
  { file: 'deploy/worker.Dockerfile', targets: [{ stage: 'worker', app: 'worker', portEnv: 'WORKER_PORT' }] },
  { file: 'deploy/worker-cuda.Dockerfile', targets: [{ stage: 'worker-cuda', app: 'worker', portEnv: 'WORKER_PORT' }] },
];

export const COMPOSE_FILES = ['deploy/docker-compose.yml', 'deploy/docker-compose.gpu.yml'] as const;

export function readRepoFile(file: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
}
