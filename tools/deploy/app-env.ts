/**
 * The environment variables the apps accept, collected at run time from the config loaders
 * themselves (libs/config), so the list cannot drift from the code: each loader runs against
 * a recording environment, and every branch a variable opens (STORAGE_DRIVER=s3 reads the
 * S3_* names, AI_API_URL the AI_* names, …) is explored by setting that variable to each of
 * its choices (oneOf) or to a probe value, until no new name turns up.
 *
 * Used by the deploy checks (tools/deploy/deploy.spec.ts: Dockerfiles and compose files) and
 * by anything else that writes an app's environment (k8s manifests):
 *
 *   import { acceptedEnvNames, unacceptedEnvNames, appEnvProblems } from './app-env'; // tools/deploy/app-env.ts
 *   acceptedEnvNames('worker')                     // Set of every name the worker reads
 *   unacceptedEnvNames('api', ['API_PORT', 'X'])   // ['X']  (NON_APP_ENV names are allowed)
 *   appEnvProblems('worker', { WORKER_QUEUES: 'gpu' }) // [] or the ConfigError's problems
 */
import { ConfigError, EnvReader, loadApiConfig, loadWorkerConfig, type Env } from '@gradekit/config';

export type AppName = 'api' | 'worker';
export const APP_NAMES: readonly AppName[] = ['api', 'worker'];

/** The EnvReader method a variable is read with. */
export type EnvKind = 'string' | 'optionalString' | 'int' | 'bool' | 'oneOf' | 'url' | 'list';
const KINDS: readonly EnvKind[] = ['string', 'optionalString', 'int', 'bool', 'oneOf', 'url', 'list'];

export interface AcceptedEnvVar {
  name: string;
  /** Which apps read it. */
  apps: AppName[];
  /** How it is read (one name can be read twice, e.g. AI_API_URL: optionalString, then url). */
  kinds: EnvKind[];
  /** oneOf's choices. */
  choices?: string[];
}

const LOADERS: Record<AppName, (env: Env) => unknown> = { api: loadApiConfig, worker: loadWorkerConfig };

/**
 * Variables a container may set although no app config reads them, and who reads them.
 * Names here are accepted for every app image; keep it short and say why.
 */
export const NON_APP_ENV: Readonly<Record<string, string>> = {
  NODE_OPTIONS: 'node itself (e.g. --max-old-space-size)',
  PATH: 'the shell / exec lookup',
  LD_LIBRARY_PATH: 'the dynamic loader (CUDA libraries of the CUDA worker image)',
  NVIDIA_VISIBLE_DEVICES: 'the NVIDIA container runtime',
  NVIDIA_DRIVER_CAPABILITIES: 'the NVIDIA container runtime (video: NVENC/NVDEC libraries)',
  TZ: 'libc time zone',
};

interface Run {
  names: Set<string>;
  kinds: Map<string, Set<EnvKind>>;
  choices: Map<string, string[]>;
}

/** Runs one loader against `env`, recording each variable it reads and how. */
function record(app: AppName, env: Env): Run {
  const run: Run = { names: new Set(), kinds: new Map(), choices: new Map() };
  const proxy = new Proxy(env, {
    get(target, prop) {
      if (typeof prop === 'string') run.names.add(prop);
      return typeof prop === 'string' ? target[prop] : undefined;
    },
  });
  const proto = EnvReader.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map<EnvKind, (...args: unknown[]) => unknown>();
  for (const kind of KINDS) {
    const original = proto[kind]!;
    originals.set(kind, original);
    proto[kind] = function (this: EnvReader, ...args: unknown[]) {
      const name = args[0];
      if (typeof name === 'string') {
        const kinds = run.kinds.get(name) ?? new Set<EnvKind>();
        kinds.add(kind);
        run.kinds.set(name, kinds);
        if (kind === 'oneOf' && Array.isArray(args[1])) run.choices.set(name, [...(args[1] as string[])]);
      }
      return original.apply(this, args);
    };
  }
  try {
    LOADERS[app](proxy);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
  } finally {
    for (const [kind, original] of originals) proto[kind] = original;
  }
  return run;
}

/** Values that open the branches behind a variable: its choices, or one plausible value of its kind. */
function probeValues(kinds: Set<EnvKind> | undefined, choices: string[] | undefined): string[] {
  if (choices) return choices;
  if (kinds?.has('bool')) return ['true', 'false'];
  if (kinds?.has('int')) return ['1'];
  return ['http://probe.invalid:1'];
}

const MAX_RUNS = 2000;

function explore(app: AppName): Map<string, { kinds: Set<EnvKind>; choices?: string[] }> {
  const found = new Map<string, { kinds: Set<EnvKind>; choices?: string[] }>();
  const tried = new Set<string>();
  const queue: Env[] = [{}];
  let runs = 0;
  while (queue.length > 0) {
    if (++runs > MAX_RUNS) throw new Error(`app-env: ${app} config exploration did not settle after ${MAX_RUNS} runs`);
    const env = queue.shift()!;
    const run = record(app, env);
    for (const name of run.names) {
      const entry = found.get(name) ?? { kinds: new Set<EnvKind>() };
      for (const kind of run.kinds.get(name) ?? []) entry.kinds.add(kind);
      const choices = run.choices.get(name);
      if (choices) entry.choices = choices;
      found.set(name, entry);
      for (const value of probeValues(run.kinds.get(name), choices)) {
        const key = `${name}=${value}`;
        if (tried.has(key) || env[name] === value) continue;
        tried.add(key);
        queue.push({ ...env, [name]: value });
      }
    }
  }
  return found;
}

let cache: Map<string, AcceptedEnvVar> | null = null;

/** Every variable either app reads, by name (computed once per process). */
export function collectAcceptedEnv(): Map<string, AcceptedEnvVar> {
  if (cache) return cache;
  const all = new Map<string, AcceptedEnvVar>();
  for (const app of APP_NAMES) {
    for (const [name, { kinds, choices }] of explore(app)) {
      const entry = all.get(name) ?? { name, apps: [], kinds: [] };
      entry.apps.push(app);
      for (const kind of kinds) if (!entry.kinds.includes(kind)) entry.kinds.push(kind);
      if (choices) entry.choices = choices;
      all.set(name, entry);
    }
  }
  cache = new Map([...all.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return cache;
}

/** The names one app reads (or either app, without an argument). */
export function acceptedEnvNames(app?: AppName): Set<string> {
  const names = new Set<string>();
  for (const entry of collectAcceptedEnv().values()) if (!app || entry.apps.includes(app)) names.add(entry.name);
  return names;
}

/** The names in `names` that `app` does not read and that are not NON_APP_ENV. */
export function unacceptedEnvNames(app: AppName, names: Iterable<string>): string[] {
  const accepted = acceptedEnvNames(app);
  return [...new Set(names)].filter((name) => !accepted.has(name) && !(name in NON_APP_ENV)).sort();
}

/** Loads `app`'s config from exactly `env`: the problems it would exit with at start ([] when it starts). */
export function appEnvProblems(app: AppName, env: Env): string[] {
  try {
    LOADERS[app]({ ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
