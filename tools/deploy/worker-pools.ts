/**
 * The queue → worker pool map of the Kubernetes deployment (k8s/), in one place. Each pool is
 * a Deployment of workers with its own node selection, resources, shutdown grace and KEDA
 * ScaledObject; tools/deploy/render-k8s.ts renders k8s/ from this file (README, Deploy).
 *
 * A new queue in libs/contracts (QUEUE_NAMES) is one line in QUEUE_POOLS: until it has that
 * line, `satisfies Record<QueueName, PoolName>` does not compile, so no queue can be left
 * without consumers. A new pool is one entry in WORKER_POOLS.
 *
 * Numbers and where they come from (bench/README.md, measured on a 2-vCPU VM; FACTS.md):
 * - image: /match on a 12 MP JPEG 358–443 ms p50 end to end, 3.7–4.5 jobs/s of 1.2 MP photos per
 *   2-core worker process (bench/README.md, "/match end to end"). A pod gets those 2 cores.
 *   Longest job: a /match/batch of MAX_BATCH_TARGETS (20) targets at MAX_INPUT_PIXELS (100 MP,
 *   ≈ 8× a 12 MP photo, ≈ 3.7 s each) ≈ 75 s → 120 s.
 * - gpu: ONNX (FACTS.md): ISNet 1024² 13.4 ms a run on CUDA (698 ms on 16 CPU threads), first
 *   CUDA run 3.2 s (cuDNN autotuning), session load 1.1 s. No catalog operation is on this queue
 *   yet; 120 s covers a batch of 20 large inputs on CUDA including a cold session.
 * - video: 1080p grade 26.9 fps (4K 5.5 fps), 46.5 CPU ms a 1080p frame (210 at 4K), peak RSS
 *   207 MB (1080p) / 282 MB (4K) for the Node process, plus the decoder and encoder ffmpegs
 *   (bench/README.md, "Video grading"). The pro plan's longest clip (10 min at 30 fps = 18 000
 *   frames) takes ≈ 670 s at 26.9 fps → 900 s. Business (30 min) and enterprise (2 h: ≈ 2.2 h
 *   at 1080p, ≈ 11 h at 4K on two cores) clips outlast any grace period a node drain grants:
 *   see `longestJobSeconds` below for what happens to them.
 * - hooks: one delivery attempt is bounded by WEBHOOK_TIMEOUT_MS (15 s) → 30 s.
 */
import type { QueueName } from '@gradekit/contracts';

/** Kubernetes resource quantities of one container. */
export interface ResourceSpec {
  cpu: string;
  memory: string;
  'ephemeral-storage': string;
}

export interface GpuPlacement {
  /** The extended resource the NVIDIA device plugin advertises (`nvidia.com/gpu`; a MIG slice would be `nvidia.com/mig-1g.10gb`). */
  resource: string;
  count: number;
  /** Node labels (NVIDIA GPU feature discovery) the pool must run on. */
  nodeSelector: Record<string, string>;
  /** GPU models the pool may run on (label `nvidia.com/gpu.product`); empty: any GPU. */
  products: string[];
}

export interface WorkerPool {
  /** One line for the manifests' annotations and the README. */
  summary: string;
  /** The worker image (deploy/*.Dockerfile): `gradekit/worker` (CPU) or `gradekit/worker-cuda`. */
  image: 'gradekit/worker' | 'gradekit/worker-cuda';
  /**
   * Jobs one pod runs at once (WORKER_CONCURRENCY: per queue per process; each pool consumes
   * one queue) and so the scaler's target: jobs (waiting + prioritized + active) per replica.
   */
  concurrency: number;
  /**
   * At least one pool stays up (minReplicas ≥ 1): every worker pod reports every queue's counts,
   * so the pods that are up measure the pools scaled to zero (a pool at zero exports nothing).
   * A pool whose queue holds long-delayed jobs (hooks: webhook retries up to 24 h) must keep a
   * pod: only a running BullMQ worker promotes a due delayed job to `waiting`, so at zero the
   * retry would never be seen.
   */
  minReplicas: number;
  maxReplicas: number;
  /**
   * The longest job the pool is sized to finish on a graceful stop, in seconds. It sets
   * SHUTDOWN_GRACE_MS (= this), terminationGracePeriodSeconds (= this + STOP_MARGIN_SECONDS) and
   * KEDA's cooldownPeriod (≥ this + 60 s, at least KEDA's default 300 s). A job still running
   * when the grace ends is released (apps/worker JobDrain): its lock lapses and another worker
   * takes it over within JOB_LOCK_MS + JOB_STALLED_INTERVAL_MS, starting again (nothing is
   * stored before a job finishes, and it is charged once).
   */
  longestJobSeconds: number;
  /** Where longestJobSeconds comes from. */
  longestJobSource: string;
  requests: ResourceSpec;
  limits: ResourceSpec;
  /** Scratch space under DATA_DIR (video temp files, sharp's spill): an emptyDir of this size. */
  scratch: string;
  gpu?: GpuPlacement;
  /** The cluster autoscaler must not evict a pod of this pool to shrink a node (its jobs run for minutes). */
  notEvictable?: boolean;
  /** Settings of this pool's workers (variables the worker config reads, or NON_APP_ENV in tools/deploy/app-env.ts). */
  env: Record<string, string>;
}

/** Seconds between the end of SHUTDOWN_GRACE_MS and SIGKILL: closing Redis/Postgres, the last log lines. */
export const STOP_MARGIN_SECONDS = 30;
/** KEDA's own default cooldownPeriod; no pool goes below it. */
export const KEDA_DEFAULT_COOLDOWN_SECONDS = 300;

const GPU_NODE = { 'nvidia.com/gpu.present': 'true' };

export const WORKER_POOLS = {
  cpu: {
    summary: 'colour operations and sharp tools on CPU nodes',
    image: 'gradekit/worker',
    concurrency: 2,
    minReplicas: 1,
    maxReplicas: 20,
    longestJobSeconds: 120,
    longestJobSource: 'a 20-target /match/batch of 100 MP images ≈ 20 × 3.7 s (12 MP /match p50 ≈ 0.44 s × 8.3)',
    // The bench's 2 cores per worker process; 100 MP inputs need ≈ 300 MB per 8-bit RGB buffer, several at once.
    requests: { cpu: '2', memory: '2Gi', 'ephemeral-storage': '1Gi' },
    limits: { cpu: '2', memory: '4Gi', 'ephemeral-storage': '4Gi' },
    scratch: '4Gi',
    env: { LUT_APPLY_THREADS: '2' },
  },
  'gpu-ml': {
    summary: 'ONNX models on NVIDIA GPUs (CUDA execution provider)',
    image: 'gradekit/worker-cuda',
    concurrency: 2,
    minReplicas: 0,
    maxReplicas: 8,
    longestJobSeconds: 120,
    longestJobSource: 'ISNet 13.4 ms a run on CUDA, first run 3.2 s, session load 1.1 s (FACTS.md): a 20-input batch with a cold session',
    requests: { cpu: '2', memory: '4Gi', 'ephemeral-storage': '1Gi' },
    limits: { cpu: '4', memory: '8Gi', 'ephemeral-storage': '4Gi' },
    scratch: '4Gi',
    gpu: { resource: 'nvidia.com/gpu', count: 1, nodeSelector: GPU_NODE, products: [] },
    notEvictable: true,
    // CUDA, warmed up at start (the first CUDA run autotunes cuDNN for seconds); a pod whose
    // provider cannot load runs on CPU and says so (gradekit_model_provider_fallbacks_total).
    env: { LUT_APPLY_THREADS: '2', MODEL_PROVIDER: 'cuda', MODEL_WARMUP: 'true' },
  },
  'gpu-video': {
    summary: 'ffmpeg video grading on NVENC-class GPUs (L4, L40S): NVDEC decode, NVENC encode',
    image: 'gradekit/worker-cuda',
    concurrency: 1,
    // video_probe (every upload) and video_test answer synchronously: a warm pod, not a GPU node's cold start.
    minReplicas: 1,
    maxReplicas: 8,
    longestJobSeconds: 900,
    longestJobSource: "the pro plan's longest clip: 10 min × 30 fps = 18 000 frames at 26.9 fps (1080p, bench) ≈ 670 s",
    // 46.5 CPU ms a 1080p frame (210 at 4K) with the CPU encoder; NVENC moves the encode (≈ 20 ms of it) to the GPU.
    // Memory: the Node process peaks at 207/282 MB (1080p/4K) beside the decoder and encoder ffmpegs.
    requests: { cpu: '4', memory: '3Gi', 'ephemeral-storage': '10Gi' },
    limits: { cpu: '4', memory: '6Gi', 'ephemeral-storage': '40Gi' },
    // Temporary output of one grade (DATA_DIR/tmp/video/<task>): up to the source's size, 32 GiB on enterprise.
    scratch: '40Gi',
    gpu: { resource: 'nvidia.com/gpu', count: 1, nodeSelector: GPU_NODE, products: ['NVIDIA-L4', 'NVIDIA-L40S'] },
    notEvictable: true,
    env: {
      VIDEO_ENCODER: 'h264_nvenc',
      VIDEO_HWACCEL: 'cuda',
      VIDEO_APPLY_THREADS: '1',
      // The NVIDIA container runtime mounts libnvidia-encode / libnvcuvid only with `video`.
      NVIDIA_DRIVER_CAPABILITIES: 'compute,utility,video',
    },
  },
  hooks: {
    summary: 'webhook delivery (I/O bound)',
    image: 'gradekit/worker',
    concurrency: 16,
    minReplicas: 1,
    maxReplicas: 4,
    longestJobSeconds: 30,
    longestJobSource: 'one delivery attempt is bounded by WEBHOOK_TIMEOUT_MS (15 s)',
    requests: { cpu: '100m', memory: '256Mi', 'ephemeral-storage': '256Mi' },
    limits: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '1Gi' },
    scratch: '1Gi',
    env: {},
  },
} satisfies Record<string, WorkerPool>;

export type PoolName = keyof typeof WORKER_POOLS;

/** Which pool consumes each queue: one line per queue; a queue missing here is a compile error. */
export const QUEUE_POOLS = {
  image: 'cpu',
  gpu: 'gpu-ml',
  video: 'gpu-video',
  hooks: 'hooks',
} as const satisfies Record<QueueName, PoolName>;

export const POOL_NAMES = Object.keys(WORKER_POOLS) as PoolName[];

/** The queues a pool consumes (its WORKER_QUEUES), in QUEUE_POOLS' order. */
export function queuesOf(pool: PoolName): QueueName[] {
  return (Object.entries(QUEUE_POOLS) as [QueueName, PoolName][]).filter(([, p]) => p === pool).map(([queue]) => queue);
}

/** The pool's shutdown numbers, derived from its longest job. */
export function gracesOf(pool: PoolName): { shutdownGraceMs: number; terminationGracePeriodSeconds: number; cooldownPeriodSeconds: number } {
  const longest = WORKER_POOLS[pool].longestJobSeconds;
  return {
    shutdownGraceMs: longest * 1000,
    terminationGracePeriodSeconds: longest + STOP_MARGIN_SECONDS,
    cooldownPeriodSeconds: Math.max(KEDA_DEFAULT_COOLDOWN_SECONDS, longest + 60),
  };
}
