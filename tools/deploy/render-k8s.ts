/**
 * Renders k8s/ (a kustomize base and the dev and prod overlays) from the worker pool map
 * (tools/deploy/worker-pools.ts), the queue names (libs/contracts) and the queue-depth metric
 * names (apps/worker/src/metrics/queue-depth.names.ts). The YAML is committed; the test
 * (render-k8s.spec.ts) renders again and fails when a committed file differs, then builds the
 * overlays (kustomize-lite.ts) and validates every manifest against the Kubernetes and KEDA
 * schemas. Run after changing any of them:
 *
 *   node bench/common/run-ts.js tools/deploy/render-k8s.ts          # write k8s/
 *   node bench/common/run-ts.js tools/deploy/render-k8s.ts --check  # exit 1 when k8s/ is stale
 *
 * Scaling: each pool's KEDA ScaledObject uses the Prometheus scaler on the workers' own
 * gauge of BullMQ's job counts (waiting + prioritized + active). KEDA's redis list scaler
 * on `<prefix>:<queue>:wait` would miss prioritised jobs (a zset) and running ones, and
 * there is no BullMQ scaler (README, Deploy → Kubernetes).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap' with { 'resolution-mode': 'import' };
import type { IContainer } from 'kubernetes-models/v1/Container' with { 'resolution-mode': 'import' };
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar' with { 'resolution-mode': 'import' };
import type { INamespace } from 'kubernetes-models/v1/Namespace' with { 'resolution-mode': 'import' };
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim' with { 'resolution-mode': 'import' };
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec' with { 'resolution-mode': 'import' };
import type { IProbe } from 'kubernetes-models/v1/Probe' with { 'resolution-mode': 'import' };
import type { ISecret } from 'kubernetes-models/v1/Secret' with { 'resolution-mode': 'import' };
import type { IService } from 'kubernetes-models/v1/Service' with { 'resolution-mode': 'import' };
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment' with { 'resolution-mode': 'import' };
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler' with { 'resolution-mode': 'import' };
import type { IJob } from 'kubernetes-models/batch/v1/Job' with { 'resolution-mode': 'import' };
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget' with { 'resolution-mode': 'import' };
import type { IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject' with { 'resolution-mode': 'import' };
import { QUEUE_JOBS_METRIC, SCALING_JOB_STATES } from '../../apps/worker/src/metrics/queue-depth.names';
import { gracesOf, POOL_NAMES, queuesOf, WORKER_POOLS, type PoolName } from './worker-pools';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const K8S_DIR = path.join(REPO_ROOT, 'k8s');

/** A rendered manifest: plain JSON (what YAML holds). */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [key: string]: unknown }; [key: string]: unknown };

/** One RFC 6902 operation of a kustomize `patches:` entry. */
export interface PatchOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

export interface KustomizePatch {
  target: { kind: string; name: string };
  patch: PatchOp[];
}

export interface Kustomization {
  apiVersion: 'kustomize.config.k8s.io/v1beta1';
  kind: 'Kustomization';
  namespace?: string;
  resources: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target: { kind: string; name: string }; patch: string }[];
}

/** A typed model object as plain manifest JSON. */
const asManifest = (model: object): Manifest => model as unknown as Manifest;

// ---- names and shared settings -------------------------------------------------------------

export const NAME = 'gradekit';
export const CONFIG_MAP = 'gradekit-config';
export const SECRET = 'gradekit-secrets';
export const API_PORT = 3000;
export const WORKER_PORT = 3001;
/** The image tag the base names; overlays pin their own (`images:`). */
export const BASE_TAG = '0.1.0';
/** The in-cluster Prometheus the ScaledObjects query (prometheus-operator's default Service in `monitoring`). */
export const PROMETHEUS_URL = 'http://prometheus-operated.monitoring.svc:9090';
/** The api's longest request: SYNC_TIMEOUT_MS (30 s) before it answers 202. */
const API_LONGEST_REQUEST_SECONDS = 30;

export const deploymentOf = (pool: PoolName) => `gradekit-worker-${pool}`;

/**
 * Variables that hold credentials: only in the Secret `gradekit-secrets` (URLs of Postgres and
 * Redis carry passwords). Every other variable an app reads is in the ConfigMap or set on the
 * pool's container (POOL_ENV); render-k8s.spec.ts checks the union against tools/deploy/app-env.ts.
 */
export const SECRET_KEYS = ['DATABASE_URL', 'REDIS_URL', 'STORAGE_SIGNING_SECRET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'AI_API_KEY'] as const;

/** Set per worker container (from the pool map), never in the ConfigMap. */
export const POOL_ENV = ['WORKER_QUEUES', 'WORKER_CONCURRENCY', 'SHUTDOWN_GRACE_MS'] as const;

/**
 * The ConfigMap: every other variable either app reads, with the value the cluster runs
 * with. An empty string is the app's own default (EnvReader treats '' as unset), written
 * out so the variable can be found and set here.
 */
export const BASE_CONFIG: Record<string, string> = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  DATA_DIR: '/data',
  PUBLIC_URL: 'https://gradekit.example.com',
  QUEUE_PREFIX: 'gk',
  // Several pods share one storage: object storage (a local disk is per pod).
  STORAGE_DRIVER: 's3',
  S3_ENDPOINT: 'https://s3.example.com',
  S3_BUCKET: 'gradekit',
  S3_REGION: 'us-east-1',
  S3_PUBLIC_ENDPOINT: '',
  API_HOST: '0.0.0.0',
  API_PORT: String(API_PORT),
  API_DOCS: 'true',
  WORKER_HOST: '0.0.0.0',
  WORKER_PORT: String(WORKER_PORT),
  SYNC_TIMEOUT_MS: String(API_LONGEST_REQUEST_SECONDS * 1000),
  MAX_INPUT_BYTES: '',
  MAX_INPUT_PIXELS: '',
  MAX_BODY_BYTES: '',
  VIDEO_UPLOAD_PART_BYTES: '',
  JOB_ATTEMPTS: '3',
  JOB_LOCK_MS: '30000',
  JOB_STALLED_INTERVAL_MS: '30000',
  MISSING_TASK_RELEASES: '',
  MISSING_TASK_RELEASE_DELAY_MS: '',
  STUCK_TASK_SWEEP_MS: '',
  STUCK_TASK_AFTER_MS: '',
  LUT_APPLY_THREADS: '2',
  FFMPEG_PATH: '',
  FFPROBE_PATH: '',
  VIDEO_ENCODER: 'libx264',
  VIDEO_CRF: '18',
  VIDEO_PRESET: 'veryfast',
  VIDEO_HWACCEL: 'none',
  VIDEO_APPLY_THREADS: '1',
  // The model runtime (apps/worker/src/media/models/README.md); the gpu-ml pool sets cuda.
  MODEL_PROVIDER: 'cpu',
  MODEL_MANIFESTS: '',
  MODEL_CACHE_DIR: '',
  MODEL_DEVICE_ID: '',
  MODEL_MAX_CONCURRENT_RUNS: '',
  MODEL_IDLE_UNLOAD_MS: '',
  MODEL_WARMUP: '',
  MODEL_CPU_THREADS: '',
  MODEL_CPU_MEM_ARENA: '',
  URL_FETCH_TIMEOUT_MS: '',
  URL_FETCH_MAX_REDIRECTS: '',
  URL_FETCH_ALLOW_HOSTS: '',
  OPEN_SIGNUP: 'false',
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '',
  LOGIN_MAX_ATTEMPTS_PER_IP: '',
  LOGIN_WINDOW_SECONDS: '',
  SESSION_TTL_HOURS: '',
  IDEMPOTENCY_TTL_SECONDS: '',
  MAX_ACTIVE_API_KEYS: '',
  EXPIRED_ROWS_SWEEP_MINUTES: '',
  WEBHOOK_RETRY_SCHEDULE: '',
  WEBHOOK_RETRY_JITTER_PERCENT: '',
  WEBHOOK_TIMEOUT_MS: '15000',
  WEBHOOK_ALLOW_HOSTS: '',
  WEBHOOK_SECRET_OVERLAP_HOURS: '',
  AI_API_URL: '',
  AI_MODEL: '',
  AI_TIMEOUT_MS: '',
};

// ---- the PromQL of a pool's scaler ----------------------------------------------------------

/**
 * Jobs a pool holds or is about to be handed. Every worker pod reports every queue, so the
 * same series comes from each pod: `max by (queue, state)` counts it once, `sum` adds the
 * pool's queues and states.
 */
export function scalingQuery(pool: PoolName, queuePrefix: string): string {
  const queues = queuesOf(pool).join('|');
  const states = SCALING_JOB_STATES.join('|');
  return `sum(max by (queue, state) (${QUEUE_JOBS_METRIC}{prefix="${queuePrefix}", queue=~"${queues}", state=~"${states}"}))`;
}

// ---- base manifests ----------------------------------------------------------------------------

const labels = (component: string, pool?: PoolName): Record<string, string> => ({
  'app.kubernetes.io/name': NAME,
  'app.kubernetes.io/component': component,
  ...(pool ? { 'gradekit.io/pool': pool } : {}),
});

const httpProbe = (pathName: string, port: string, periodSeconds: number, failureThreshold: number): IProbe => ({
  httpGet: { path: pathName, port },
  periodSeconds,
  timeoutSeconds: 3,
  failureThreshold,
});

/** Non-root (the images' uid 1000), read-only root filesystem; /data and /tmp are emptyDirs. */
const POD_SECURITY: IPodSpec['securityContext'] = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } };
const CONTAINER_SECURITY: IContainer['securityContext'] = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
const ENV_FROM: IContainer['envFrom'] = [{ configMapRef: { name: CONFIG_MAP } }, { secretRef: { name: SECRET } }];

const volumes = (scratch: string): IPodSpec['volumes'] => [
  { name: 'data', emptyDir: { sizeLimit: scratch } },
  { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
];
const VOLUME_MOUNTS: IContainer['volumeMounts'] = [
  { name: 'data', mountPath: '/data' },
  { name: 'tmp', mountPath: '/tmp' },
];

function configMap(): IConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIG_MAP, labels: labels('config') },
    data: Object.fromEntries(Object.entries(BASE_CONFIG).sort(([a], [b]) => a.localeCompare(b))),
  };
}

function apiManifests(): [IDeployment, IService, IHorizontalPodAutoscaler, IPodDisruptionBudget] {
  const selector = labels('api');
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'gradekit-api', labels: selector },
    spec: {
      // No `replicas`: the HPA owns the count (an apply would otherwise reset it).
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: selector, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(API_PORT), 'prometheus.io/path': '/metrics' } },
        spec: {
          // In-flight requests wait up to SYNC_TIMEOUT_MS for their job; the preStop pause lets endpoints drop the pod first.
          terminationGracePeriodSeconds: API_LONGEST_REQUEST_SECONDS + 15,
          securityContext: POD_SECURITY,
          containers: [
            {
              name: 'api',
              image: `gradekit/api:${BASE_TAG}`,
              ports: [{ name: 'http', containerPort: API_PORT }],
              envFrom: ENV_FROM,
              // 0.5 core covers the control plane's share of a /match (≈ 40–60 ms of ≈ 400, bench/README.md);
              // memory: JSON bodies up to MAX_BODY_BYTES (≈ 70 MiB of base64) are parsed whole.
              resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '2Gi' } },
              startupProbe: httpProbe('/healthz', 'http', 2, 30),
              livenessProbe: httpProbe('/healthz', 'http', 10, 3),
              readinessProbe: httpProbe('/readyz', 'http', 5, 2),
              lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
              securityContext: CONTAINER_SECURITY,
              volumeMounts: VOLUME_MOUNTS,
            },
          ],
          volumes: volumes('2Gi'),
        },
      },
    },
  };
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'gradekit-api', labels: selector },
    spec: { selector, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
  const hpa: IHorizontalPodAutoscaler = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'gradekit-api', labels: selector },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gradekit-api' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  };
  const pdb: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'gradekit-api', labels: selector },
    spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
  };
  return [deployment, service, hpa, pdb];
}

function migrateJob(): IJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'gradekit-migrate', labels: labels('migrate') },
    spec: {
      backoffLimit: 3,
      activeDeadlineSeconds: 600,
      // Deleted after it finishes, so the next `kubectl apply -k` (a new image) runs it again.
      ttlSecondsAfterFinished: 600,
      template: {
        metadata: { labels: labels('migrate') },
        spec: {
          restartPolicy: 'Never',
          securityContext: POD_SECURITY,
          containers: [
            {
              name: 'migrate',
              // deploy/api.Dockerfile --target migrate: `prisma migrate deploy` (it reads DATABASE_URL).
              image: `gradekit/migrate:${BASE_TAG}`,
              envFrom: ENV_FROM,
              resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
              securityContext: CONTAINER_SECURITY,
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }],
        },
      },
    },
  };
}

function poolEnv(pool: PoolName): IEnvVar[] {
  const spec = WORKER_POOLS[pool];
  const values: Record<string, string> = {
    WORKER_QUEUES: queuesOf(pool).join(','),
    WORKER_CONCURRENCY: String(spec.concurrency),
    SHUTDOWN_GRACE_MS: String(gracesOf(pool).shutdownGraceMs),
    ...spec.env,
  };
  return Object.entries(values).map(([name, value]) => ({ name, value }));
}

function workerManifests(pool: PoolName): [IDeployment, IPodDisruptionBudget, IScaledObject] {
  const spec: (typeof WORKER_POOLS)[PoolName] = WORKER_POOLS[pool];
  const selector = labels('worker', pool);
  const graces = gracesOf(pool);
  const gpu = 'gpu' in spec ? spec.gpu : undefined;
  const gpuLimit: Record<string, string> = gpu ? { [gpu.resource]: String(gpu.count) } : {};
  const podSpec: IPodSpec = {
    terminationGracePeriodSeconds: graces.terminationGracePeriodSeconds,
    securityContext: POD_SECURITY,
    containers: [
      {
        name: 'worker',
        image: `${spec.image}:${BASE_TAG}`,
        ports: [{ name: 'health', containerPort: WORKER_PORT }],
        envFrom: ENV_FROM,
        env: poolEnv(pool),
        resources: { requests: { ...spec.requests }, limits: { ...spec.limits, ...gpuLimit } },
        startupProbe: httpProbe('/healthz', 'health', 2, 60),
        livenessProbe: httpProbe('/healthz', 'health', 10, 3),
        readinessProbe: httpProbe('/readyz', 'health', 10, 3),
        securityContext: CONTAINER_SECURITY,
        volumeMounts: VOLUME_MOUNTS,
      },
    ],
    volumes: volumes(spec.scratch),
  };
  if (gpu) {
    podSpec.nodeSelector = { ...gpu.nodeSelector };
    podSpec.tolerations = [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }];
    if (gpu.products.length) {
      podSpec.affinity = {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'nvidia.com/gpu.product', operator: 'In', values: [...gpu.products] }] }] } },
      };
    }
  }
  const annotations: Record<string, string> = {
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': String(WORKER_PORT),
    'prometheus.io/path': '/metrics',
    'gradekit.io/longest-job': `${spec.longestJobSeconds}s: ${spec.longestJobSource}`,
  };
  if ('notEvictable' in spec && spec.notEvictable) annotations['cluster-autoscaler.kubernetes.io/safe-to-evict'] = 'false';
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: deploymentOf(pool), labels: selector, annotations: { 'gradekit.io/summary': spec.summary } },
    spec: {
      // No `replicas`: KEDA's HPA owns the count (the ScaledObject below; an apply would otherwise reset it).
      selector: { matchLabels: selector },
      // A new pod is ready before an old one starts draining its jobs.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: { metadata: { labels: selector, annotations }, spec: podSpec },
    },
  };
  const pdb: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: deploymentOf(pool), labels: selector },
    spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
  };
  const scaledObject: IScaledObject = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: deploymentOf(pool), labels: selector },
    spec: {
      scaleTargetRef: { name: deploymentOf(pool) },
      minReplicaCount: spec.minReplicas,
      maxReplicaCount: spec.maxReplicas,
      pollingInterval: 15,
      cooldownPeriod: graces.cooldownPeriodSeconds,
      // Prometheus unreachable or no series (ignoreNullValues: false): hold this many replicas instead of guessing.
      fallback: { failureThreshold: 4, replicas: Math.max(1, spec.minReplicas) },
      advanced: {
        horizontalPodAutoscalerConfig: {
          // One pod a minute at most: a scale-down interrupts (releases) at most one pod's jobs at a time.
          behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
        },
      },
      triggers: [
        {
          type: 'prometheus',
          metadata: {
            serverAddress: PROMETHEUS_URL,
            query: scalingQuery(pool, BASE_CONFIG['QUEUE_PREFIX']!),
            // Jobs per replica: the pool's concurrency (AverageValue).
            threshold: String(spec.concurrency),
            activationThreshold: '0',
            ignoreNullValues: 'false',
          },
        },
      ],
    },
  };
  return [deployment, pdb, scaledObject];
}

/** The base's files: name → manifests, in kustomization order. */
export function baseFiles(): Map<string, Manifest[]> {
  const files = new Map<string, Manifest[]>();
  files.set('configmap.yaml', [asManifest(configMap())]);
  files.set('migrate-job.yaml', [asManifest(migrateJob())]);
  files.set('api.yaml', apiManifests().map(asManifest));
  for (const pool of POOL_NAMES) files.set(`worker-${pool}.yaml`, workerManifests(pool).map(asManifest));
  return files;
}

// ---- overlays -------------------------------------------------------------------------------

export interface Overlay {
  name: 'dev' | 'prod';
  summary: string;
  namespace: string;
  tag: string;
  /** ConfigMap values that differ from the base. */
  config: Record<string, string>;
  /** Extra manifests of the overlay (its own files). */
  extra: Map<string, Manifest[]>;
  patches: KustomizePatch[];
  images: { name: string; newName?: string; newTag?: string }[];
}

const namespaceOf = (name: string): INamespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'app.kubernetes.io/name': NAME } } });

/** JSON pointer of an env var in a worker container (the base's order). */
function envPath(pool: PoolName, name: string): string {
  const index = poolEnv(pool).findIndex((entry) => entry.name === name);
  if (index < 0) throw new Error(`pool ${pool} sets no ${name}`);
  return `/spec/template/spec/containers/0/env/${index}/value`;
}

const configPatch = (config: Record<string, string>): KustomizePatch => ({
  target: { kind: 'ConfigMap', name: CONFIG_MAP },
  patch: Object.entries(config).map(([key, value]) => ({ op: 'replace', path: `/data/${key}`, value })),
});

function devOverlay(): Overlay {
  const config = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'debug',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    // Its own prefix, so a Prometheus shared with prod keeps the two deployments' queues apart.
    QUEUE_PREFIX: 'gk-dev',
    // One node: the local driver on one volume every pod mounts (gradekit-data).
    STORAGE_DRIVER: 'local',
  };
  const pvc: IPersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'gradekit-data', labels: labels('storage') },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
  };
  const secret: ISecret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: SECRET, labels: labels('config') },
    type: 'Opaque',
    stringData: {
      DATABASE_URL: 'postgresql://gradekit:insecure-dev-password@postgres:5432/gradekit',
      REDIS_URL: 'redis://redis:6379',
      STORAGE_SIGNING_SECRET: 'insecure-dev-signing-secret',
      S3_ACCESS_KEY: '',
      S3_SECRET_KEY: '',
      AI_API_KEY: '',
    },
  };
  const dataVolume = { op: 'replace' as const, path: '/spec/template/spec/volumes/0', value: { name: 'data', persistentVolumeClaim: { claimName: 'gradekit-data' } } };
  const patches: KustomizePatch[] = [
    configPatch(config),
    { target: { kind: 'Deployment', name: 'gradekit-api' }, patch: [dataVolume] },
    { target: { kind: 'HorizontalPodAutoscaler', name: 'gradekit-api' }, patch: [{ op: 'replace', path: '/spec/minReplicas', value: 1 }, { op: 'replace', path: '/spec/maxReplicas', value: 2 }] },
  ];
  for (const pool of POOL_NAMES) {
    const spec: (typeof WORKER_POOLS)[PoolName] = WORKER_POOLS[pool];
    const deployment: PatchOp[] = [
      dataVolume,
      // A laptop's cluster: a quarter of the production requests, the same limits.
      { op: 'replace', path: '/spec/template/spec/containers/0/resources/requests', value: { cpu: '250m', memory: '256Mi', 'ephemeral-storage': '256Mi' } },
    ];
    if ('gpu' in spec) {
      // No GPUs in dev: the same queues on CPU (ONNX's CPU provider, libx264), on any node.
      deployment.push(
        { op: 'remove', path: `/spec/template/spec/containers/0/resources/limits/${spec.gpu.resource.replace(/\//g, '~1')}` },
        { op: 'remove', path: '/spec/template/spec/nodeSelector' },
        { op: 'remove', path: '/spec/template/spec/tolerations' },
      );
      if (spec.gpu.products.length) deployment.push({ op: 'remove', path: '/spec/template/spec/affinity' });
      if ('VIDEO_ENCODER' in spec.env) deployment.push({ op: 'replace', path: envPath(pool, 'VIDEO_ENCODER'), value: 'libx264' });
      if ('VIDEO_HWACCEL' in spec.env) deployment.push({ op: 'replace', path: envPath(pool, 'VIDEO_HWACCEL'), value: 'none' });
    }
    patches.push({ target: { kind: 'Deployment', name: deploymentOf(pool) }, patch: deployment });
    patches.push({
      target: { kind: 'ScaledObject', name: deploymentOf(pool) },
      patch: [
        { op: 'replace', path: '/spec/maxReplicaCount', value: Math.min(2, spec.maxReplicas) },
        { op: 'replace', path: '/spec/triggers/0/metadata/query', value: scalingQuery(pool, config.QUEUE_PREFIX) },
      ],
    });
  }
  return {
    name: 'dev',
    summary: 'one-node dev cluster (kind, minikube, k3d): Postgres and Redis inside, local storage on one volume, no GPUs',
    namespace: 'gradekit-dev',
    tag: 'dev',
    config,
    extra: new Map<string, Manifest[]>([
      ['namespace.yaml', [asManifest(namespaceOf('gradekit-dev'))]],
      ['secret.yaml', [asManifest(secret)]],
      ['storage.yaml', [asManifest(pvc)]],
      ['services.yaml', devServices()],
    ]),
    patches,
    images: [
      { name: 'gradekit/api', newTag: 'dev' },
      { name: 'gradekit/migrate', newTag: 'dev' },
      { name: 'gradekit/worker', newTag: 'dev' },
      // No GPU in dev: the CPU image runs the gpu and video pools.
      { name: 'gradekit/worker-cuda', newName: 'gradekit/worker', newTag: 'dev' },
    ],
  };
}

/** Postgres and Redis for the dev overlay (the images deploy/docker-compose.yml runs). */
function devServices(): Manifest[] {
  const one = (name: string, image: string, port: number, env: IEnvVar[], args: string[] = []): Manifest[] => {
    const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': NAME };
    const deployment: IDeployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels: selector },
      spec: {
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: selector },
          spec: {
            containers: [
              {
                name,
                image,
                args,
                env,
                ports: [{ name: 'tcp', containerPort: port }],
                readinessProbe: { tcpSocket: { port: 'tcp' }, periodSeconds: 5 },
                resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
              },
            ],
          },
        },
      },
    };
    const service: IService = { apiVersion: 'v1', kind: 'Service', metadata: { name, labels: selector }, spec: { selector, ports: [{ name: 'tcp', port, targetPort: 'tcp' }] } };
    return [asManifest(deployment), asManifest(service)];
  };
  return [
    ...one('postgres', 'postgres:16.9-bookworm', 5432, [
      { name: 'POSTGRES_USER', value: 'gradekit' },
      { name: 'POSTGRES_PASSWORD', value: 'insecure-dev-password' },
      { name: 'POSTGRES_DB', value: 'gradekit' },
    ]),
    ...one('redis', 'redis:7.4.2-bookworm', 6379, [], ['--maxmemory-policy', 'noeviction']),
  ];
}

function prodOverlay(): Overlay {
  const config = { PUBLIC_URL: 'https://api.gradekit.example.com', S3_ENDPOINT: 'https://s3.eu-central-1.amazonaws.com', S3_REGION: 'eu-central-1' };
  return {
    name: 'prod',
    summary: 'production: object storage, GPU pools, the Secret gradekit-secrets created outside git (README, Deploy)',
    namespace: 'gradekit',
    tag: BASE_TAG,
    config,
    extra: new Map<string, Manifest[]>([['namespace.yaml', [asManifest(namespaceOf('gradekit'))]]]),
    patches: [
      configPatch(config),
      { target: { kind: 'HorizontalPodAutoscaler', name: 'gradekit-api' }, patch: [{ op: 'replace', path: '/spec/minReplicas', value: 3 }, { op: 'replace', path: '/spec/maxReplicas', value: 20 }] },
    ],
    images: ['gradekit/api', 'gradekit/migrate', 'gradekit/worker', 'gradekit/worker-cuda'].map((name) => ({ name, newTag: BASE_TAG })),
  };
}

export function overlays(): Overlay[] {
  return [devOverlay(), prodOverlay()];
}

// ---- files -----------------------------------------------------------------------------------

const HEADER = '# Generated by tools/deploy/render-k8s.ts from tools/deploy/worker-pools.ts: edit those and re-render (README, Deploy).\n';

function yamlDocs(manifests: unknown[]): string {
  return HEADER + manifests.map((doc) => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

/** Every file of k8s/, relative path → text. */
export function renderFiles(): Map<string, string> {
  const out = new Map<string, string>();
  const base = baseFiles();
  for (const [file, manifests] of base) out.set(`base/${file}`, yamlDocs(manifests));
  const baseKustomization: Kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...base.keys()] };
  out.set('base/kustomization.yaml', yamlDocs([baseKustomization]));
  for (const overlay of overlays()) {
    for (const [file, manifests] of overlay.extra) out.set(`overlays/${overlay.name}/${file}`, yamlDocs(manifests));
    const kustomization: Kustomization = {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: overlay.namespace,
      resources: ['../../base', ...overlay.extra.keys()],
      images: overlay.images,
      patches: overlay.patches.map(({ target, patch }) => ({ target, patch: stringify(patch, { lineWidth: 0 }) })),
    };
    out.set(`overlays/${overlay.name}/kustomization.yaml`, `# ${overlay.summary}\n` + yamlDocs([kustomization]));
  }
  return out;
}

/** The files under k8s/ that differ from a fresh render (or are missing, or are not rendered). */
export function staleFiles(dir = K8S_DIR): string[] {
  const wanted = renderFiles();
  const stale: string[] = [];
  for (const [file, text] of wanted) {
    const full = path.join(dir, file);
    if (!fs.existsSync(full) || fs.readFileSync(full, 'utf8') !== text) stale.push(file);
  }
  const walk = (sub: string): string[] =>
    fs.existsSync(path.join(dir, sub))
      ? fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(sub, entry.name)) : [path.join(sub, entry.name)]))
      : [];
  for (const file of walk('')) if (file.endsWith('.yaml') && !wanted.has(file)) stale.push(file);
  return stale.sort();
}

function main(): void {
  if (process.argv.includes('--check')) {
    const stale = staleFiles();
    if (stale.length) {
      process.stderr.write(`k8s/ is stale (run node bench/common/run-ts.js tools/deploy/render-k8s.ts):\n  ${stale.join('\n  ')}\n`);
      process.exit(1);
    }
    return;
  }
  for (const [file, text] of renderFiles()) {
    const full = path.join(K8S_DIR, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  process.stdout.write(`wrote ${renderFiles().size} files under k8s/\n`);
}

if (require.main === module) main();
