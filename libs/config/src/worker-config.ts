import * as path from 'node:path';
import { QUEUE_NAMES, type QueueName } from '@gradekit/contracts';
import { EnvReader, type Env } from './env-reader';
import { readCommonConfig, type CommonConfig } from './common-config';

export interface WorkerConfig extends CommonConfig {
  /** Port of the worker's own /healthz, /readyz and /metrics. */
  port: number;
  host: string;
  /** Which queues this process consumes (a GPU pod runs `gpu,video`, a CPU pod `image,hooks`). */
  queues: QueueName[];
  concurrency: number;
  /** How long SIGTERM waits for running jobs before closing anyway. */
  shutdownGraceMs: number;
  /**
   * BullMQ's job lock (renewed every half of it while a job runs) and how often workers look
   * for jobs whose lock lapsed: a worker killed mid-job (SIGKILL, OOM, a lost node) has its
   * job taken over by another worker within about lock + stall interval.
   */
  jobLockMs: number;
  stalledIntervalMs: number;
  /** Threads a full-resolution LUT apply is split across (the job's own included). */
  lutApplyThreads: number;
  /** A job whose Task row this database lacks (docs/architecture.md, "Jobs nobody owns"). */
  missingTask: MissingTaskConfig;
  /** The stuck-task reconciler (docs/architecture.md, "Jobs nobody owns"). */
  stuckTasks: StuckTasksConfig;
  /** The optional OpenAI-compatible model behind /ai/suggest and /ai/refine; null: the built-in assistant only. */
  ai: RemoteAssistantConfig | null;
  /** ffmpeg and the video encoder (apps/worker/src/media/video/README.md). */
  video: VideoMediaConfig;
  /** The ONNX model runtime (apps/worker/src/media/models/README.md). */
  models: ModelRuntimeConfig;
}

export const MODEL_PROVIDERS = ['cpu', 'cuda'] as const;
export type ModelProviderName = (typeof MODEL_PROVIDERS)[number];

export interface ModelRuntimeConfig {
  /** Manifest files, built-in first (`models/manifest.json`); an operator appends their own. A model's file is relative to its manifest. */
  manifests: string[];
  /** Where built-in models assembled from npm packages are written (ISNet from @imgly/background-removal-data). */
  cacheDir: string;
  /** The execution provider asked for; `cuda` falls back to `cpu` (logged once, counted) when it cannot load. */
  provider: ModelProviderName;
  /** The CUDA device id. */
  deviceId: number;
  /** Runs at once per device: a second waits (1 on a GPU keeps memory flat and latency steady; on CPU one run already uses every core). */
  maxConcurrentRuns: number;
  /** A session unused this long is released (0: never). */
  idleUnloadMs: number;
  /** Load and run every built-in model once at start (default: when the provider is cuda, whose first run autotunes for seconds). */
  warmup: boolean;
  /** ONNX Runtime's intra-op threads on CPU (0: its default, one per core). */
  cpuThreads: number;
  /**
   * ONNX Runtime's CPU memory arena. On (its default) ISNet runs ≈ 25 % faster on CPU and the
   * worker holds ≈ 2.2 GB; off it holds ≈ 0.5 GB (apps/worker/src/media/models/README.md).
   */
  cpuMemArena: boolean;
}

export interface MissingTaskConfig {
  /** How often a job whose Task row is absent goes back to the queue before it is discarded (the row may not be visible yet). */
  releases: number;
  /** The first release's delay; each next one doubles it. */
  releaseDelayMs: number;
}

export interface StuckTasksConfig {
  /** How often one worker (a Redis lock) looks for tasks queued/processing without a live job; 0: never. */
  sweepMs: number;
  /** A task is looked at only once its row has not changed for this long (past the enqueue and the missing-row releases). */
  afterMs: number;
}

/** Encoders VIDEO_ENCODER may name; NVENC ones fall back to their CPU twin when the GPU lacks NVENC. */
export const VIDEO_ENCODERS = ['libx264', 'libx265', 'h264_nvenc', 'hevc_nvenc'] as const;
export type VideoEncoderName = (typeof VIDEO_ENCODERS)[number];

export interface VideoMediaConfig {
  ffmpegPath: string;
  ffprobePath: string;
  encoder: VideoEncoderName;
  /** x264/x265 CRF, NVENC -cq, VP9 -crf: 0 (lossless) … 51; 18 ≈ visually lossless for x264. */
  crf: number;
  /** x264/x265 preset name (mapped to p1…p7 for NVENC). */
  preset: string;
  /** `cuda`: NVDEC decode where the codec has it. */
  hwaccel: 'none' | 'cuda';
  /** Threads that apply the LUT to frames (besides the job's thread, which only moves bytes). */
  applyThreads: number;
}

const X264_PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'] as const;

function readModelRuntime(reader: EnvReader, dataDir: string): ModelRuntimeConfig {
  const provider = reader.oneOf('MODEL_PROVIDER', MODEL_PROVIDERS, 'cpu');
  return {
    manifests: reader.list('MODEL_MANIFESTS', ['models/manifest.json']).map((file) => path.resolve(file)),
    cacheDir: path.resolve(reader.string('MODEL_CACHE_DIR', path.join(dataDir, 'models'))),
    provider,
    deviceId: reader.int('MODEL_DEVICE_ID', 0, { min: 0, max: 64 }),
    maxConcurrentRuns: reader.int('MODEL_MAX_CONCURRENT_RUNS', 1, { min: 1, max: 64 }),
    idleUnloadMs: reader.int('MODEL_IDLE_UNLOAD_MS', 15 * 60_000, { min: 0 }),
    warmup: reader.bool('MODEL_WARMUP', provider === 'cuda'),
    cpuThreads: reader.int('MODEL_CPU_THREADS', 0, { min: 0, max: 256 }),
    cpuMemArena: reader.bool('MODEL_CPU_MEM_ARENA', true),
  };
}

function readVideoMedia(reader: EnvReader): VideoMediaConfig {
  return {
    ffmpegPath: reader.string('FFMPEG_PATH', 'ffmpeg'),
    ffprobePath: reader.string('FFPROBE_PATH', 'ffprobe'),
    encoder: reader.oneOf('VIDEO_ENCODER', VIDEO_ENCODERS, 'libx264'),
    crf: reader.int('VIDEO_CRF', 18, { min: 0, max: 51 }),
    preset: reader.oneOf('VIDEO_PRESET', X264_PRESETS, 'veryfast'),
    hwaccel: reader.oneOf('VIDEO_HWACCEL', ['none', 'cuda'] as const, 'none'),
    applyThreads: reader.int('VIDEO_APPLY_THREADS', 1, { min: 1, max: 64 }),
  };
}

export interface RemoteAssistantConfig {
  /** Base URL of an OpenAI-compatible API (`https://host/v1`); the worker POSTs to `{apiUrl}/chat/completions`. */
  apiUrl: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string;
  model: string;
  /** Whole-request limit; past it the built-in assistant answers. */
  timeoutMs: number;
  /** The endpoint's own host:port, allow-listed past the SSRF guard (an operator's endpoint may be on a private network). */
  allowHosts: string[];
}

function readRemoteAssistant(reader: EnvReader): RemoteAssistantConfig | null {
  const apiUrl = reader.optionalString('AI_API_URL');
  if (apiUrl === undefined) return null;
  const url = reader.url('AI_API_URL', undefined, ['http', 'https']).replace(/\/+$/, '');
  const model = reader.string('AI_MODEL');
  const timeoutMs = reader.int('AI_TIMEOUT_MS', 20_000, { min: 100, max: 120_000 });
  let allowHosts: string[] = [];
  try {
    const parsed = new URL(url);
    allowHosts = [`${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`];
  } catch {
    // reader.url has recorded the problem
  }
  return { apiUrl: url, apiKey: reader.optionalString('AI_API_KEY'), model, timeoutMs, allowHosts };
}

export function loadWorkerConfig(env: Env): WorkerConfig {
  const reader = new EnvReader(env);
  const port = reader.int('WORKER_PORT', 3001, { min: 0, max: 65535 });
  const common = readCommonConfig(reader, reader.int('API_PORT', 3000, { min: 0, max: 65535 }));
  // The queue names are the contracts' (the api enqueues on the same ones): one list, no twin to drift.
  const queues = reader.list('WORKER_QUEUES', [...QUEUE_NAMES]);
  for (const queue of queues) {
    if (!(QUEUE_NAMES as readonly string[]).includes(queue)) {
      reader.fail(`WORKER_QUEUES has an unknown queue "${queue}" (known: ${QUEUE_NAMES.join(', ')})`);
    }
  }
  const config: WorkerConfig = {
    ...common,
    port,
    host: reader.string('WORKER_HOST', '0.0.0.0'),
    queues: queues as QueueName[],
    concurrency: reader.int('WORKER_CONCURRENCY', 2, { min: 1, max: 64 }),
    shutdownGraceMs: reader.int('SHUTDOWN_GRACE_MS', 30_000, { min: 0 }),
    jobLockMs: reader.int('JOB_LOCK_MS', 30_000, { min: 500 }),
    stalledIntervalMs: reader.int('JOB_STALLED_INTERVAL_MS', 30_000, { min: 250 }),
    lutApplyThreads: reader.int('LUT_APPLY_THREADS', 2, { min: 1, max: 64 }),
    missingTask: {
      releases: reader.int('MISSING_TASK_RELEASES', 5, { min: 0, max: 50 }),
      releaseDelayMs: reader.int('MISSING_TASK_RELEASE_DELAY_MS', 1000, { min: 10, max: 3_600_000 }),
    },
    stuckTasks: {
      sweepMs: reader.int('STUCK_TASK_SWEEP_MS', 60_000, { min: 0 }),
      afterMs: reader.int('STUCK_TASK_AFTER_MS', 10 * 60_000, { min: 1000 }),
    },
    ai: readRemoteAssistant(reader),
    video: readVideoMedia(reader),
    models: readModelRuntime(reader, common.dataDir),
  };
  reader.done();
  return config;
}
