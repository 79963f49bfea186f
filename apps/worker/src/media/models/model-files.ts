import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { ModelManifestError, type ModelAssembly, type ModelManifestEntry } from './model-manifest';

/** The chunk list of a data package's `dist/resources.json` (the @imgly/background-removal-data layout). */
interface PackagedResource {
  chunks: { hash: string; offsets: [number, number] }[];
  size: number;
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function packageDist(pkg: string): string {
  try {
    return path.dirname(require.resolve(`${pkg}/dist/resources.json`));
  } catch {
    throw new ModelManifestError(`npm package ${pkg} is not installed (run npm install)`);
  }
}

/**
 * Joins a packaged model's chunks into `target`. Each chunk is named by its own SHA-256
 * and checked against it; the joined file goes to a temporary name and is renamed into
 * place only when whole, so a worker killed mid-way never leaves a file that looks done.
 */
export async function assembleModel(assembly: ModelAssembly, target: string): Promise<void> {
  const dist = packageDist(assembly.package);
  const resources = JSON.parse(await readFile(path.join(dist, 'resources.json'), 'utf8')) as Record<string, PackagedResource>;
  const resource = resources[assembly.resource];
  if (!resource) throw new ModelManifestError(`npm package ${assembly.package} has no resource "${assembly.resource}"`);
  await mkdir(path.dirname(target), { recursive: true });
  // Unique per call: two processes (or two runtimes in one) may join the same model at once; the last rename wins, both whole.
  const partial = `${target}.${process.pid}-${randomUUID()}.partial`;
  const out = await open(partial, 'w');
  try {
    for (const chunk of resource.chunks) {
      const bytes = await readFile(path.join(dist, chunk.hash));
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== chunk.hash || bytes.length !== chunk.offsets[1] - chunk.offsets[0]) {
        throw new ModelManifestError(`npm package ${assembly.package}: chunk ${chunk.hash} of ${assembly.resource} is damaged (sha256 ${actual})`);
      }
      await out.write(bytes, 0, bytes.length, chunk.offsets[0]);
    }
  } catch (error) {
    await out.close();
    await rm(partial, { force: true });
    throw error;
  }
  await out.close();
  await rename(partial, target);
}

/**
 * Makes sure a model's file is present and is the one the manifest names: an assembled
 * model is joined from its package when missing; then the file's SHA-256 must equal the
 * manifest's. Throws ModelManifestError naming the model otherwise (the worker does not start).
 */
export async function ensureModelFile(entry: ModelManifestEntry): Promise<void> {
  const present = await stat(entry.file).then((s) => s.isFile(), () => false);
  if (!present) {
    if (!entry.assemble) throw new ModelManifestError(`model "${entry.name}" (${entry.manifest}): file ${entry.file} is missing`);
    await assembleModel(entry.assemble, entry.file);
  }
  let actual = await sha256OfFile(entry.file);
  if (actual !== entry.sha256 && present && entry.assemble) {
    // An assembled file from another package version (or cut short by a full disk): join it again, once.
    await rm(entry.file, { force: true });
    await assembleModel(entry.assemble, entry.file);
    actual = await sha256OfFile(entry.file);
  }
  if (actual !== entry.sha256) {
    throw new ModelManifestError(`model "${entry.name}" (${entry.manifest}): ${entry.file} has sha256 ${actual}, the manifest says ${entry.sha256}`);
  }
}
