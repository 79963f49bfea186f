import { randomUUID } from 'node:crypto';
import { DomainError } from '@gradekit/contracts';

/**
 * Object keys are the only names storage ever sees, and the local driver maps them
 * straight onto paths, so they are validated once here for both drivers. The rules
 * (segments of [A-Za-z0-9._-], no `.`/`..` segments, no empty segments) make a key
 * safe as a relative path on every OS and as an S3 key without any URL escaping.
 */
export const MAX_KEY_LENGTH = 1024;
const SEGMENT = /^[A-Za-z0-9._-]+$/;
// Leaves room for `u/<uuid>/<folder>/<uuid>-` in front while staying far below MAX_KEY_LENGTH.
const MAX_FILENAME_LENGTH = 120;
const MAX_EXTENSION_LENGTH = 10;

/** Why a key is invalid, or null when it is valid. Pure; used by assertValidKey and isOwnedBy. */
export function objectKeyProblem(key: string): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'key is empty';
  if (key.length > MAX_KEY_LENGTH) return `key is longer than ${MAX_KEY_LENGTH} characters`;
  if (key.startsWith('/')) return 'key must not start with "/"';
  if (key.includes('\\')) return 'key must not contain backslashes';
  if (/[\u0000-\u001f\u007f]/.test(key)) return 'key must not contain control characters';
  for (const segment of key.split('/')) {
    if (segment === '') return 'key must not contain empty segments or end with "/"';
    if (segment === '.' || segment === '..') return 'key must not contain "." or ".." segments';
    if (!SEGMENT.test(segment)) return 'key segments may only contain A-Z a-z 0-9 . _ -';
  }
  return null;
}

export function isValidObjectKey(key: string): boolean {
  return objectKeyProblem(key) === null;
}

/** Throws DomainError VALIDATION_ERROR unless key is a valid object key. */
export function assertValidKey(key: string): void {
  const problem = objectKeyProblem(key);
  if (problem) throw DomainError.validation('Invalid storage key', [{ field: 'key', message: problem }]);
}

/**
 * A prefix for deletePrefix: a valid key, optionally followed by "/". An empty prefix
 * (everything) is refused on purpose: no caller has a reason to wipe the whole store.
 */
export function assertValidPrefix(prefix: string): void {
  const body = typeof prefix === 'string' && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const problem = objectKeyProblem(body);
  if (problem) throw DomainError.validation('Invalid storage prefix', [{ field: 'prefix', message: problem }]);
}

/** `u/<ownerId>/`: every object of one owner lives under it, so deleting a user is one deletePrefix. */
export function ownerPrefix(ownerId: string): string {
  if (typeof ownerId !== 'string' || !SEGMENT.test(ownerId) || ownerId === '.' || ownerId === '..') {
    throw DomainError.validation('Invalid owner id for a storage key', [{ field: 'ownerId', message: 'must be one key segment' }]);
  }
  return `u/${ownerId}/`;
}

/** True when key is a valid key under ownerPrefix(ownerId); never throws. */
export function isOwnedBy(key: string, ownerId: string): boolean {
  if (!isValidObjectKey(key)) return false;
  try {
    return key.startsWith(ownerPrefix(ownerId));
  } catch {
    return false;
  }
}

/** Turns any text into one key segment (or '' if nothing usable is left). */
function sanitizeSegment(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // é → e rather than a dash
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/-+\.|\.-+/g, '.') // "my photo (1).jpg" → my-photo-1.jpg, not my-photo-1-.jpg
    .replace(/^[.-]+/, '') // no hidden files, no "." / ".." segments
    .replace(/[.-]+$/, '');
}

/**
 * A user-supplied file name made safe for a key: base name only (anything before the
 * last / or \ is dropped), ASCII, at most 120 characters with its extension kept.
 * Never empty: an unusable name becomes "file".
 */
export function sanitizeFilename(filename: string): string {
  const base = String(filename ?? '').split(/[/\\]/).pop() ?? '';
  let name = sanitizeSegment(base);
  if (name.length > MAX_FILENAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= MAX_EXTENSION_LENGTH + 1 ? name.slice(dot) : '';
    name = sanitizeSegment(name.slice(0, MAX_FILENAME_LENGTH - ext.length)) + ext;
  }
  return name === '' ? 'file' : name;
}

/**
 * `u/<ownerId>/<folder>/<uuid>-<filename>`. The uuid makes keys unguessable and
 * unique, so two uploads of "photo.jpg" never overwrite each other; the sanitised
 * name keeps keys readable and gives downloads a sensible default name.
 */
export function buildObjectKey(ownerId: string, folder: string, filename: string): string {
  const folderPath = String(folder ?? '')
    .split('/')
    .map(sanitizeSegment)
    .filter((segment) => segment !== '')
    .join('/');
  if (folderPath === '') {
    throw DomainError.validation('Invalid storage folder', [{ field: 'folder', message: 'folder is empty after sanitising' }]);
  }
  const key = `${ownerPrefix(ownerId)}${folderPath}/${randomUUID()}-${sanitizeFilename(filename)}`;
  assertValidKey(key); // only a pathological folder could exceed the length limit
  return key;
}

/**
 * The folders an operation's outputs go to, under the owner's prefix. Named once here
 * so the worker that writes them and anything that reads the layout agree.
 */
export const TASK_OUTPUT_FOLDERS = ['results', 'thumbnails', 'luts'] as const;
export type TaskOutputFolder = (typeof TASK_OUTPUT_FOLDERS)[number];

/**
 * `u/<ownerId>/<folder>/<name>.<extension>` for a task's output. Unlike buildObjectKey
 * there is no random part: `name` is derived from the task (its id, or `<id>-<item>`),
 * so a re-run of the task overwrites its own files instead of leaving orphans. The
 * key is validated where it is written (every driver's put), as for any other key.
 */
export function taskOutputKey(ownerId: string, folder: TaskOutputFolder, name: string, extension: string): string {
  return `${ownerPrefix(ownerId)}${folder}/${name}.${extension}`;
}
