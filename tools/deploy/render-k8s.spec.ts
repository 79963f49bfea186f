import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { QUEUE_NAMES, type QueueName } from '@gradekit/contracts';
import { loadWorkerConfig } from '@gradekit/config';
import { QUEUE_JOB_STATES, QUEUE_JOBS_METRIC, SCALING_JOB_STATES } from '../../apps/worker/src/metrics/queue-depth.names';
import { acceptedEnvNames, appEnvProblems, unacceptedEnvNames, type AppName } from './app-env';
import { applyOp, buildKustomization, podSpecOf } from './kustomize-lite';
import { CONFIG_MAP, deploymentOf, K8S_DIR, overlays, POOL_ENV, renderFiles, SECRET, SECRET_KEYS, staleFiles, type Manifest } from './render-k8s';
import { gracesOf, POOL_NAMES, QUEUE_POOLS, queuesOf, WORKER_POOLS, type PoolName } from './worker-pools';

// ---- helpers ---------------------------------------------------------------------------------

/** Runs the schema validator (an ES module: kubernetes-models ships no CommonJS) on the manifests. */
function schemaProblems(manifests: unknown[]): { kind: string; name: string; error: string }[] {
  const result = spawnSync(process.execPath, [path.join(__dirname, 'validate-k8s.mjs')], { input: JSON.stringify(manifests), encoding: 'utf8', cwd: path.join(__dirname, '..', '..') });
  if (result.status !== 0) throw new Error(`validate-k8s.mjs failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { kind: string; name: string; error: string }[];
}

interface Container {
  name: string;
  image?: string;
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  nodeSelector?: Record<string, string>;
  tolerations?: { key?: string }[];
  affinity?: unknown;
}
interface Trigger {
  type: string;
  metadata: Record<string, string>;
}
interface ScaledObjectSpec {
  scaleTargetRef: { name: string };
  minReplicaCount: number;
  maxReplicaCount: number;
  cooldownPeriod: number;
  triggers: Trigger[];
}

const pod = (m: Manifest) => podSpecOf(m) as unknown as PodSpec;
const find = (build: Manifest[], kind: string, name: string): Manifest => {
  const found = build.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found;
};
const envOf = (container: Container): Record<string, string> => Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? '']));
const configOf = (build: Manifest[]) => find(build, 'ConfigMap', CONFIG_MAP)['data'] as Record<string, string>;

/** Stand-ins for the values prod keeps in its Secret (created outside git). */
const PROD_SECRET_VALUES: Record<string, string> = {
  DATABASE_URL: 'postgresql://gradekit:x@db.internal:5432/gradekit',
  REDIS_URL: 'rediss://:x@redis.internal:6380',
  STORAGE_SIGNING_SECRET: '',
  S3_ACCESS_KEY: 'AKIA-EXAMPLE',
  S3_SECRET_KEY: 'x',
  AI_API_KEY: '',
};

const builds = () => overlays().map((overlay) => ({ overlay, build: buildKustomization(path.join(K8S_DIR, 'overlays', overlay.name)) }));

/** What a container's process sees: the ConfigMap, then the Secret (envFrom, in order), then its own env. */
function effectiveEnv(build: Manifest[], container: Container, overlayName: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, configOf(build));
    if (source.secretRef) {
      const secret = build.find((m) => m.kind === 'Secret' && m.metadata.name === source.secretRef!.name);
      Object.assign(env, secret ? (secret['stringData'] as Record<string, string>) : overlayName === 'prod' ? PROD_SECRET_VALUES : {});
    }
  }
  return { ...env, ...envOf(container) };
}

// ---- the tests -------------------------------------------------------------------------------

describe('k8s/: rendered from tools/deploy/worker-pools.ts', () => {
  it('is up to date with the pool map (re-render: node bench/common/run-ts.js tools/deploy/render-k8s.ts)', () => {
    expect(staleFiles()).toEqual([]);
  });

  it('notices a stale or stray file', () => {
    const dir = fs.mkdtempSync(path.join(tmpdir(), 'gk-k8s-'));
    try {
      for (const [file, text] of renderFiles()) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      }
      expect(staleFiles(dir)).toEqual([]);
      fs.appendFileSync(path.join(dir, 'base/worker-cpu.yaml'), '# edited by hand\n');
      fs.writeFileSync(path.join(dir, 'base/extra.yaml'), 'kind: ConfigMap\n');
      expect(staleFiles(dir)).toEqual(['base/extra.yaml', 'base/worker-cpu.yaml']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps every queue of libs/contracts to exactly one pool', () => {
    // A queue added to QUEUE_NAMES without its line in QUEUE_POOLS does not type-check (`make typecheck`):
    // @ts-expect-error QUEUE_POOLS has no pool for a queue it does not list
    const unmapped: typeof QUEUE_POOLS extends Record<QueueName | 'new-queue', PoolName> ? true : never = true;
    expect(unmapped).toBe(true);
    expect(Object.keys(QUEUE_POOLS).sort()).toEqual([...QUEUE_NAMES].sort());
    expect(POOL_NAMES.flatMap(queuesOf).sort()).toEqual([...QUEUE_NAMES].sort());
    for (const pool of POOL_NAMES) expect(queuesOf(pool).length).toBeGreaterThan(0);
  });
});

describe('k8s/ overlays: built (kustomize subset) and validated against the Kubernetes and KEDA schemas', () => {
  const all = builds();

  it.each(all.map(({ overlay, build }) => [overlay.name, build] as const))('%s: every manifest passes its schema', (_name, build) => {
    expect(build.length).toBeGreaterThan(10);
    expect(schemaProblems(build)).toEqual([]);
  });

  it('the base alone passes too, and has no namespace (the overlays set it)', () => {
    const base = buildKustomization(path.join(K8S_DIR, 'base'));
    expect(schemaProblems(base)).toEqual([]);
    expect(base.filter((m) => m.metadata.namespace !== undefined)).toEqual([]);
  });

  it('the validator rejects what the API server or KEDA would refuse', () => {
    const { build } = all[0]!;
    const deployment = structuredClone(find(build, 'Deployment', deploymentOf('cpu')));
    delete (deployment['spec'] as Record<string, unknown>)['selector'];
    const scaled = structuredClone(find(build, 'ScaledObject', deploymentOf('cpu')));
    (scaled['spec'] as Record<string, unknown>)['cooldownPeriod'] = '5m';
    const unknown = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    const problems = schemaProblems([deployment, scaled, unknown]);
    expect(problems.map((p) => `${p.kind}/${p.name}`)).toEqual([`Deployment/${deploymentOf('cpu')}`, `ScaledObject/${deploymentOf('cpu')}`, 'Widget/w']);
    expect(problems[0]!.error).toMatch(/selector/);
    expect(problems[1]!.error).toMatch(/cooldownPeriod must be integer/);
  });

  it('puts every namespaced manifest in the overlay namespace, with the overlay image tags', () => {
    for (const { overlay, build } of all) {
      for (const m of build) {
        if (m.kind === 'Namespace') expect(m.metadata.name).toBe(overlay.namespace);
        else expect(m.metadata.namespace).toBe(overlay.namespace);
        for (const c of pod(m)?.containers ?? []) if (c.image?.startsWith('gradekit/')) expect(c.image).toMatch(new RegExp(`:${overlay.tag}$`));
      }
    }
  });

  it('scales each pool on the queue-depth gauge of its own queues (the names the worker exports)', () => {
    for (const { overlay, build } of all) {
      const prefix = configOf(build)['QUEUE_PREFIX']!;
      expect(prefix).toBe(overlay.name === 'dev' ? 'gk-dev' : 'gk');
      const scaled = build.filter((m) => m.kind === 'ScaledObject');
      expect(scaled.map((m) => m.metadata.name).sort()).toEqual(POOL_NAMES.map(deploymentOf).sort());
      for (const pool of POOL_NAMES) {
        const spec = find(build, 'ScaledObject', deploymentOf(pool))['spec'] as ScaledObjectSpec;
        const target = find(build, 'Deployment', spec.scaleTargetRef.name);
        const worker = pod(target).containers[0]!;
        const env = envOf(worker);
        expect(spec.triggers).toHaveLength(1);
        const [trigger] = spec.triggers;
        expect(trigger!.type).toBe('prometheus');
        expect(trigger!.metadata['ignoreNullValues']).toBe('false');
        const query = trigger!.metadata['query']!;
        // The metric, the selector's labels and values: parsed out of the PromQL, compared with the sources.
        const selector = new RegExp(`max by \\(queue, state\\) \\(${QUEUE_JOBS_METRIC}\\{prefix="([^"]+)", queue=~"([^"]+)", state=~"([^"]+)"\\}\\)`).exec(query);
        expect(selector).not.toBeNull();
        const [, queryPrefix, queues, states] = selector!;
        expect(queryPrefix).toBe(prefix);
        expect(queues!.split('|')).toEqual(queuesOf(pool));
        for (const queue of queues!.split('|')) expect(QUEUE_NAMES).toContain(queue);
        expect(states!.split('|')).toEqual([...SCALING_JOB_STATES]);
        for (const state of states!.split('|')) expect(QUEUE_JOB_STATES).toContain(state);
        expect(states).toContain('prioritized');
        // The Deployment it scales consumes exactly those queues, and the target per replica is its concurrency.
        // KEDA's HPA owns the replica count: a `replicas` field would be reset by every apply.
        expect((target['spec'] as Record<string, unknown>)['replicas']).toBeUndefined();
        expect(env['WORKER_QUEUES']).toBe(queuesOf(pool).join(','));
        expect(trigger!.metadata['threshold']).toBe(env['WORKER_CONCURRENCY']);
        expect(loadWorkerConfig(effectiveEnv(build, worker, overlay.name)).queues).toEqual(queuesOf(pool));
      }
    }
  });

  it('consumes every queue in exactly one worker Deployment', () => {
    for (const { build } of all) {
      const consumed = build
        .filter((m) => m.kind === 'Deployment' && (m.metadata['labels'] as Record<string, string>)['app.kubernetes.io/component'] === 'worker')
        .flatMap((m) => envOf(pod(m).containers[0]!)['WORKER_QUEUES']!.split(','));
      expect([...consumed].sort()).toEqual([...QUEUE_NAMES].sort());
    }
  });

  it('gives each pool a grace period and a cooldown longer than its longest job', () => {
    for (const { build } of all) {
      for (const pool of POOL_NAMES) {
        const longest = WORKER_POOLS[pool].longestJobSeconds;
        const deployment = find(build, 'Deployment', deploymentOf(pool));
        const graceMs = Number(envOf(pod(deployment).containers[0]!)['SHUTDOWN_GRACE_MS']);
        expect(graceMs).toBe(gracesOf(pool).shutdownGraceMs);
        expect(graceMs).toBeGreaterThanOrEqual(longest * 1000);
        expect(pod(deployment).terminationGracePeriodSeconds!).toBeGreaterThan(graceMs / 1000);
        const spec = find(build, 'ScaledObject', deploymentOf(pool))['spec'] as ScaledObjectSpec;
        expect(spec.cooldownPeriod).toBeGreaterThan(longest);
      }
    }
    // Video is the long one: minutes, not seconds.
    expect(WORKER_POOLS['gpu-video'].longestJobSeconds).toBeGreaterThanOrEqual(600);
  });

  it('keeps a pod up where scale-to-zero would go blind', () => {
    for (const { build } of all) {
      const min = (pool: PoolName) => (find(build, 'ScaledObject', deploymentOf(pool))['spec'] as ScaledObjectSpec).minReplicaCount;
      // Someone always exports every queue's counts …
      expect(POOL_NAMES.some((pool) => min(pool) >= 1)).toBe(true);
      // … and the pool with long-delayed jobs (webhook retries) keeps a worker to promote them.
      expect(min(QUEUE_POOLS.hooks)).toBeGreaterThanOrEqual(1);
    }
  });

  it('wires every variable the apps read through the ConfigMap, the Secret or the pool container', () => {
    const accepted = acceptedEnvNames();
    for (const { overlay, build } of all) {
      const config = Object.keys(configOf(build));
      const wired = new Set([...config, ...SECRET_KEYS, ...POOL_ENV]);
      expect([...accepted].filter((name) => !wired.has(name))).toEqual([]);
      // Nothing the apps don't read (a typo would be ignored silently by the apps).
      expect(config.filter((name) => !accepted.has(name))).toEqual([]);
      expect(SECRET_KEYS.filter((name) => !accepted.has(name))).toEqual([]);
      // No credential in the ConfigMap.
      expect(config.filter((name) => (SECRET_KEYS as readonly string[]).includes(name))).toEqual([]);
      const secret = build.find((m) => m.kind === 'Secret' && m.metadata.name === SECRET);
      if (overlay.name === 'dev') expect(Object.keys(secret!['stringData'] as object).sort()).toEqual([...SECRET_KEYS].sort());
      else expect(secret).toBeUndefined(); // prod: created outside git (README, Deploy)
    }
  });

  it('starts each app with the environment its pods get (the config loaders accept it)', () => {
    for (const { overlay, build } of all) {
      const apps: [Manifest, AppName][] = [[find(build, 'Deployment', 'gradekit-api'), 'api'], ...POOL_NAMES.map((pool): [Manifest, AppName] => [find(build, 'Deployment', deploymentOf(pool)), 'worker'])];
      for (const [deployment, app] of apps) {
        const container = pod(deployment).containers[0]!;
        expect(container.envFrom?.map((s) => s.configMapRef?.name ?? s.secretRef?.name)).toEqual([CONFIG_MAP, SECRET]);
        expect(unacceptedEnvNames(app, Object.keys(envOf(container)))).toEqual([]);
        expect({ deployment: deployment.metadata.name, overlay: overlay.name, problems: appEnvProblems(app, effectiveEnv(build, container, overlay.name)) }).toEqual({
          deployment: deployment.metadata.name,
          overlay: overlay.name,
          problems: [],
        });
      }
      const migrate = pod(find(build, 'Job', 'gradekit-migrate')).containers[0]!;
      expect(effectiveEnv(build, migrate, overlay.name)['DATABASE_URL']).toMatch(/^postgres/);
    }
  });

  it('probes /healthz (liveness) and /readyz (readiness) on the port each app listens on', () => {
    for (const { build } of all) {
      const config = configOf(build);
      const checks: [string, string][] = [['gradekit-api', config['API_PORT']!], ...POOL_NAMES.map((pool): [string, string] => [deploymentOf(pool), config['WORKER_PORT']!])];
      for (const [name, port] of checks) {
        const container = pod(find(build, 'Deployment', name)).containers[0]!;
        const portOf = (ref: string | number | undefined) => (typeof ref === 'number' ? ref : container.ports?.find((p) => p.name === ref)?.containerPort);
        expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
        expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
        expect(String(portOf(container.livenessProbe?.httpGet?.port))).toBe(port);
        expect(String(portOf(container.readinessProbe?.httpGet?.port))).toBe(port);
      }
    }
  });

  it('puts the GPU pools on GPUs in prod (NVENC-class models for video) and on CPUs in dev', () => {
    const byName = Object.fromEntries(all.map(({ overlay, build }) => [overlay.name, build]));
    for (const pool of ['gpu-ml', 'gpu-video'] as const) {
      const prod = pod(find(byName['prod']!, 'Deployment', deploymentOf(pool)));
      expect(prod.containers[0]!.resources?.limits?.['nvidia.com/gpu']).toBe('1');
      expect(prod.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true' });
      expect(prod.tolerations?.map((t) => t.key)).toEqual(['nvidia.com/gpu']);
      expect(prod.containers[0]!.image).toMatch(/^gradekit\/worker-cuda:/);
      const dev = pod(find(byName['dev']!, 'Deployment', deploymentOf(pool)));
      expect(dev.containers[0]!.resources?.limits?.['nvidia.com/gpu']).toBeUndefined();
      expect(dev.nodeSelector).toBeUndefined();
      expect(dev.tolerations).toBeUndefined();
      expect(dev.affinity).toBeUndefined();
      expect(dev.containers[0]!.image).toMatch(/^gradekit\/worker:/);
    }
    expect(JSON.stringify(pod(find(byName['prod']!, 'Deployment', deploymentOf('gpu-video'))).affinity)).toContain('NVIDIA-L4');
    expect(envOf(pod(find(byName['prod']!, 'Deployment', deploymentOf('gpu-video'))).containers[0]!)).toMatchObject({ VIDEO_ENCODER: 'h264_nvenc', NVIDIA_DRIVER_CAPABILITIES: 'compute,utility,video' });
    expect(envOf(pod(find(byName['dev']!, 'Deployment', deploymentOf('gpu-video'))).containers[0]!)).toMatchObject({ VIDEO_ENCODER: 'libx264', VIDEO_HWACCEL: 'none' });
  });
});

describe('kustomize-lite: JSON patch semantics', () => {
  it('adds, replaces and removes, and refuses a path that is not there', () => {
    const doc = { spec: { list: [1, 2], map: { a: 1 } } };
    applyOp(doc, { op: 'add', path: '/spec/list/-', value: 3 }, 't');
    applyOp(doc, { op: 'replace', path: '/spec/map/a', value: 2 }, 't');
    applyOp(doc, { op: 'add', path: '/spec/map/b~1c', value: 'x' }, 't');
    applyOp(doc, { op: 'remove', path: '/spec/list/0' }, 't');
    expect(doc).toEqual({ spec: { list: [2, 3], map: { a: 2, 'b/c': 'x' } } });
    expect(() => applyOp(doc, { op: 'replace', path: '/spec/missing', value: 1 }, 't')).toThrow(/no such member/);
    expect(() => applyOp(doc, { op: 'remove', path: '/spec/list/5' }, 't')).toThrow(/no such index/);
    expect(() => applyOp(doc, { op: 'add', path: '/nope/x', value: 1 }, 't')).toThrow(/no such path/);
  });
});
