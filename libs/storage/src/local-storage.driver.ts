import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '@gradekit/contracts';
import { contentTypeFromKey, DEFAULT_CONTENT_TYPE } from './content-type';
import { buildLocalPresignedUrl } from './local-signature';
import { assertValidKey, assertValidPrefix, isValidObjectKey } from './object-key';
import { driverArguments } from './driver-arguments';
import type {
  ByteRange,
  LocalStorageOptions,
  MultipartPart,
  PresignPutOptions,
  PutFileOptions,
  StorageDriver,
  StoredObjectInfo,
} from './storage-driver.interface';

interface Sidecar {
  contentType: string | null;
}

/** Errors that mean "there is no object at this key" (a missing file, or a directory where a file was expected). */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * The local driver's scratch folder for a dataDir. Files written here are on the same
 * file system as the objects, so putFile(…, { move: true }) is a rename, and whatever a
 * crash leaves behind is in one known place, never under objects/.
 */
export function localTempDir(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'tmp');
}

function multipartUnsupported(): DomainError {
  // A caller bug, not a user error: routes must check supportsMultipart first.
  return new DomainError('INTERNAL', 'The local storage driver has no multipart uploads: check supportsMultipart and use presignPut');
}

/**
 * Objects as plain files: `<dataDir>/objects/<key>`, the content type in a sidecar at
 * `<dataDir>/meta/<key>~meta.json` (a parallel tree, and `~` can't occur in a key, so a
 * sidecar never collides with an object or a key's folder). Every write goes to
 * `<dataDir>/tmp` first, is fsynced, then renamed into place: a reader or a crash sees
 * the old file or the new one, never half of one (a crash can only leave garbage in tmp/).
 * Presigned URLs point at the api, which verifies them with verifyLocalSignature,
 * streams a PUT's body into localTempDir and moves it in with putFile, and streams a GET
 * with getStream. There are no multipart uploads: one streamed PUT does the same job.
 */
export class LocalStorageDriver implements StorageDriver {
  readonly kind = 'local' as const;
  readonly supportsMultipart = false;
  private readonly objectsDir: string;
  private readonly metaDir: string;
  private readonly tmpDir: string;
  private readonly publicBaseUrl: string;
  private ready: Promise<void> | null = null;

  constructor(private readonly options: Omit<LocalStorageOptions, 'driver'>) {
    if (!options.dataDir) throw DomainError.validation('Invalid storage options', [{ field: 'dataDir', message: 'is required' }]);
    if (!options.signingSecret) {
      throw DomainError.validation('Invalid storage options', [{ field: 'signingSecret', message: 'is required' }]);
    }
    let base: URL;
    try {
      base = new URL(options.publicBaseUrl);
    } catch {
      throw DomainError.validation('Invalid storage options', [{ field: 'publicBaseUrl', message: 'must be an absolute URL' }]);
    }
    const root = path.resolve(options.dataDir);
    this.objectsDir = path.join(root, 'objects');
    this.metaDir = path.join(root, 'meta');
    this.tmpDir = localTempDir(root);
    this.publicBaseUrl = `${base.origin}${base.pathname}`.replace(/\/+$/, '');
  }

  async put(key: string, body: Buffer, contentType?: string): Promise<StoredObjectInfo> {
    assertValidKey(key);
    driverArguments.contentType(contentType);
    await this.ensureDirs();
    const tmp = this.tmpPath();
    try {
      const handle = await open(tmp, 'wx');
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return await this.commit(key, tmp, contentType);
    } finally {
      await unlink(tmp).catch(() => undefined); // no-op after a successful rename
    }
  }

  async putFile(key: string, filePath: string, contentType?: string, options: PutFileOptions = {}): Promise<StoredObjectInfo> {
    assertValidKey(key);
    driverArguments.contentType(contentType);
    await this.ensureDirs();
    if (options.move) {
      const handle = await open(filePath, 'r+');
      try {
        if (!(await handle.stat()).isFile()) throw DomainError.validation('putFile needs a regular file', [{ field: 'filePath', message: filePath }]);
        await handle.sync(); // the rename below must not publish bytes still only in the page cache
      } finally {
        await handle.close();
      }
      try {
        return await this.commit(key, filePath, contentType);
      } catch (error) {
        if (errno(error) !== 'EXDEV') throw error;
        // Another file system: copy like a plain putFile, then the file is ours to remove.
        const stored = await this.putFile(key, filePath, contentType);
        await unlink(filePath).catch(() => undefined);
        return stored;
      }
    }
    const tmp = this.tmpPath();
    try {
      await copyFile(filePath, tmp); // kernel-side copy: no buffering of large videos in memory
      const handle = await open(tmp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      return await this.commit(key, tmp, contentType);
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  async get(key: string): Promise<Buffer> {
    assertValidKey(key);
    try {
      return await readFile(this.objectPath(key));
    } catch (error) {
      if (ABSENT.has(errno(error) ?? '')) throw DomainError.notFound('Object');
      throw error;
    }
  }

  async getStream(key: string, range?: ByteRange): Promise<Readable> {
    assertValidKey(key);
    driverArguments.range(range);
    const { handle, size } = await this.openObject(key);
    if (range && range.start >= size) {
      await handle.close();
      throw DomainError.validation('Byte range starts past the end of the object', [{ field: 'range', message: `object has ${size} bytes` }]);
    }
    // The open handle pins the file: a concurrent overwrite (a rename) or delete cannot change what this stream reads.
    return createReadStream('', { fd: handle, autoClose: true, start: range?.start, end: range?.end });
  }

  async getToFile(key: string, filePath: string): Promise<void> {
    assertValidKey(key);
    // Open first so a missing object is NOT_FOUND before anything is written at filePath.
    const { handle } = await this.openObject(key);
    const partial = `${filePath}.${randomUUID()}.part`;
    try {
      await pipeline(createReadStream('', { fd: handle, autoClose: true }), createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, filePath);
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      throw error;
    }
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    assertValidKey(key);
    try {
      const info = await stat(this.objectPath(key));
      if (!info.isFile()) return null;
      return { key, bytes: info.size, contentType: await this.readContentType(key), modifiedAt: info.mtime };
    } catch (error) {
      if (ABSENT.has(errno(error) ?? '')) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    assertValidKey(key);
    const objectPath = this.objectPath(key);
    try {
      await unlink(objectPath);
    } catch (error) {
      // EPERM: unlink of a directory on some platforms, i.e. no object at this key.
      if (ABSENT.has(errno(error) ?? '') || errno(error) === 'EPERM') return false;
      throw error;
    }
    await unlink(this.metaPath(key)).catch(() => undefined);
    await this.pruneEmptyDirs(path.dirname(objectPath), this.objectsDir);
    await this.pruneEmptyDirs(path.dirname(this.metaPath(key)), this.metaDir);
    return true;
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertValidPrefix(prefix);
    // Walk only the deepest folder the prefix fully names; its files are then filtered
    // by string prefix, which is S3's meaning of "prefix" (u/1/im matches u/1/images/…).
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const keys = (await this.listKeys(folder)).filter((key) => key.startsWith(prefix));
    let deleted = 0;
    for (const key of keys) {
      if (await this.delete(key)) deleted += 1;
    }
    return deleted;
  }

  /** options.maxBytes is signed into the URL (`mb`); the api's storage route refuses a larger body with 413. */
  async presignPut(key: string, expiresInSeconds: number, contentType?: string, options: PresignPutOptions = {}): Promise<string> {
    assertValidKey(key);
    driverArguments.expiry(expiresInSeconds);
    driverArguments.contentType(contentType);
    driverArguments.maxBytes(options.maxBytes);
    const expires = Math.floor(Date.now() / 1000) + expiresInSeconds;
    return buildLocalPresignedUrl(this.publicBaseUrl, this.options.signingSecret, {
      op: 'put',
      key,
      expires,
      contentType,
      maxBytes: options.maxBytes,
    });
  }

  async presignGet(key: string, expiresInSeconds: number, downloadName?: string): Promise<string> {
    assertValidKey(key);
    driverArguments.expiry(expiresInSeconds);
    driverArguments.downloadName(downloadName);
    const expires = Math.floor(Date.now() / 1000) + expiresInSeconds;
    return buildLocalPresignedUrl(this.publicBaseUrl, this.options.signingSecret, { op: 'get', key, expires, downloadName });
  }

  async ping(): Promise<void> {
    try {
      await this.ensureDirs(true);
      const probe = this.tmpPath();
      const handle = await open(probe, 'wx');
      await handle.close();
      await unlink(probe);
    } catch (error) {
      this.ready = null;
      throw new DomainError('SERVICE_UNAVAILABLE', 'Local object storage is not writable', [
        { message: errno(error) ?? 'unknown error' },
      ]);
    }
  }

  async createMultipartUpload(_key: string, _contentType?: string): Promise<{ uploadId: string }> {
    throw multipartUnsupported();
  }

  async presignUploadPart(_key: string, _uploadId: string, _partNumber: number, _expiresInSeconds: number): Promise<string> {
    throw multipartUnsupported();
  }

  async completeMultipartUpload(_key: string, _uploadId: string, _parts: MultipartPart[]): Promise<StoredObjectInfo> {
    throw multipartUnsupported();
  }

  async abortMultipartUpload(_key: string, _uploadId: string): Promise<boolean> {
    throw multipartUnsupported();
  }

  /** Opens the object's file for reading; NOT_FOUND when there is none (or only a folder of other keys). */
  private async openObject(key: string): Promise<{ handle: FileHandle; size: number }> {
    const handle = await open(this.objectPath(key), 'r').catch((error: unknown) => {
      if (ABSENT.has(errno(error) ?? '')) throw DomainError.notFound('Object');
      throw error;
    });
    const info = await handle.stat().catch(async (error: unknown) => {
      await handle.close();
      throw error;
    });
    if (!info.isFile()) {
      await handle.close(); // a folder of other keys opens fine on Linux but is no object
      throw DomainError.notFound('Object');
    }
    return { handle, size: info.size };
  }

  /** Moves a fully written file (a temp file, or the caller's with putFile's move) to the key, after writing its sidecar. */
  private async commit(key: string, tmp: string, contentType: string | undefined): Promise<StoredObjectInfo> {
    const objectPath = this.objectPath(key);
    const sidecar: Sidecar = { contentType: contentType ?? contentTypeFromKey(key) ?? DEFAULT_CONTENT_TYPE };
    // Sidecar first: an object is only visible (head/get) once its rename lands, and it
    // must never be visible with a previous object's content type.
    await this.writeSidecar(key, sidecar);
    await this.renameInto(tmp, objectPath, key);
    const info = await stat(objectPath);
    return { key, bytes: info.size, contentType: sidecar.contentType, modifiedAt: info.mtime };
  }

  private async writeSidecar(key: string, sidecar: Sidecar): Promise<void> {
    const tmp = this.tmpPath();
    try {
      const handle = await open(tmp, 'wx');
      try {
        await handle.writeFile(JSON.stringify(sidecar));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.renameInto(tmp, this.metaPath(key), key);
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  /**
   * rename() into a folder that a concurrent delete() may be pruning: recreate the
   * folder and retry a few times instead of failing the write.
   */
  private async renameInto(tmp: string, target: string, key: string): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await rename(tmp, target);
        return;
      } catch (error) {
        const code = errno(error);
        if (code === 'ENOENT' && attempt < 3) continue; // folder pruned between mkdir and rename
        if (code === 'EISDIR' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'ENOTEMPTY') {
          throw new DomainError('CONFLICT', 'Storage key conflicts with an existing key prefix', [{ field: 'key', message: key }]);
        }
        throw error;
      }
    }
  }

  private async readContentType(key: string): Promise<string | null> {
    try {
      const sidecar = JSON.parse(await readFile(this.metaPath(key), 'utf8')) as Partial<Sidecar>;
      if (typeof sidecar.contentType === 'string' || sidecar.contentType === null) return sidecar.contentType;
    } catch {
      // A missing or unreadable sidecar (e.g. files copied in by hand) falls back to the extension.
    }
    return contentTypeFromKey(key) ?? DEFAULT_CONTENT_TYPE;
  }

  /** Keys of all files under `<objects>/<folder>` (folder is '' or ends with '/'). */
  private async listKeys(folder: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (relative: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(path.join(this.objectsDir, ...relative.split('/').filter(Boolean)), { withFileTypes: true });
      } catch (error) {
        if (ABSENT.has(errno(error) ?? '')) return;
        throw error;
      }
      for (const entry of entries) {
        const key = `${relative}${entry.name}`;
        if (entry.isDirectory()) await walk(`${key}/`);
        else if (entry.isFile() && isValidObjectKey(key)) keys.push(key);
      }
    };
    await walk(folder);
    return keys;
  }

  /** Removes now-empty folders from dir up to (not including) root, so deleted users leave no trees behind. */
  private async pruneEmptyDirs(dir: string, root: string): Promise<void> {
    let current = dir;
    while (current.startsWith(root + path.sep)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (or already gone): stop climbing
      }
      current = path.dirname(current);
    }
  }

  private objectPath(key: string): string {
    return this.inside(this.objectsDir, path.join(this.objectsDir, ...key.split('/')));
  }

  private metaPath(key: string): string {
    return this.inside(this.metaDir, `${path.join(this.metaDir, ...key.split('/'))}~meta.json`);
  }

  /** Defence in depth behind key validation: a resolved path must stay inside its root. */
  private inside(root: string, candidate: string): string {
    if (!candidate.startsWith(root + path.sep)) throw DomainError.validation('Invalid storage key');
    return candidate;
  }

  private tmpPath(): string {
    return path.join(this.tmpDir, randomUUID());
  }

  private ensureDirs(force = false): Promise<void> {
    if (!this.ready || force) {
      this.ready = Promise.all([this.objectsDir, this.metaDir, this.tmpDir].map((dir) => mkdir(dir, { recursive: true }))).then(
        () => undefined,
      );
      this.ready.catch(() => {
        this.ready = null;
      });
    }
    return this.ready;
  }
}
