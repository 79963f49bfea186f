import { DomainError } from '@gradekit/contracts';
import {
  assertValidKey,
  assertValidPrefix,
  buildObjectKey,
  isOwnedBy,
  isValidObjectKey,
  MAX_KEY_LENGTH,
  objectKeyProblem,
  ownerPrefix,
  sanitizeFilename,
  TASK_OUTPUT_FOLDERS,
  taskOutputKey,
} from './object-key';

const OWNER = '6f1c2a9e-3b4d-4c5e-8f70-123456789abc';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not-a-domain-error';
  }
}

describe('object keys', () => {
  it.each([
    'u/1/images/a.jpg',
    'a',
    'A-Z_a.z-0.9',
    'u/1/images/..hidden..', // ".." inside a segment is a name, not a traversal
    'x'.repeat(MAX_KEY_LENGTH),
  ])('accepts %j', (key) => {
    expect(objectKeyProblem(key)).toBeNull();
    expect(() => assertValidKey(key)).not.toThrow();
  });

  it.each([
    ['', 'empty'],
    ['x'.repeat(MAX_KEY_LENGTH + 1), 'longer than 1024'],
    ['/etc/passwd', 'start with "/"'],
    ['a\\b', 'backslashes'],
    ['a\u0000b', 'control characters'],
    ['a\nb', 'control characters'],
    ['a\u007fb', 'control characters'],
    ['a//b', 'empty segments'],
    ['a/', 'empty segments'],
    ['../x', '".."'],
    ['a/../../b', '".."'],
    ['a/./b', '"."'],
    ['a b', 'may only contain'],
    ['a%2Fb', 'may only contain'],
    ['é', 'may only contain'],
    ['a~meta.json', 'may only contain'],
  ])('rejects %j (%s)', (key, reason) => {
    expect(objectKeyProblem(key)).toContain(reason);
    expect(codeOf(() => assertValidKey(key))).toBe('VALIDATION_ERROR');
  });

  it('validates prefixes: a key with an optional trailing slash, never empty', () => {
    expect(codeOf(() => assertValidPrefix('u/1/'))).toBeNull();
    expect(codeOf(() => assertValidPrefix('u/1/im'))).toBeNull();
    for (const bad of ['', '/', 'u//', '../', 'u/../']) expect(codeOf(() => assertValidPrefix(bad))).toBe('VALIDATION_ERROR');
  });
});

describe('ownership helpers', () => {
  it('ownerPrefix is u/<owner>/ and refuses ids that are not one segment', () => {
    expect(ownerPrefix(OWNER)).toBe(`u/${OWNER}/`);
    for (const bad of ['', '..', 'a/b', 'a b']) expect(codeOf(() => ownerPrefix(bad))).toBe('VALIDATION_ERROR');
  });

  it('isOwnedBy matches the owner prefix exactly', () => {
    expect(isOwnedBy(`u/${OWNER}/images/x.jpg`, OWNER)).toBe(true);
    expect(isOwnedBy(`u/${OWNER}x/images/x.jpg`, OWNER)).toBe(false); // another owner sharing a string prefix
    expect(isOwnedBy(`u/${OWNER}`, OWNER)).toBe(false);
    expect(isOwnedBy(`u/${OWNER}/../other/x.jpg`, OWNER)).toBe(false); // invalid keys are nobody's
    expect(isOwnedBy(`x/u/${OWNER}/a.jpg`, OWNER)).toBe(false);
    expect(isOwnedBy('u/a/b.jpg', '')).toBe(false);
    expect(isOwnedBy('u/a/b.jpg', 'a/b')).toBe(false);
  });
});

describe('buildObjectKey', () => {
  it('builds u/<owner>/<folder>/<uuid>-<name>', () => {
    const key = buildObjectKey(OWNER, 'images', 'photo.jpg');
    expect(key).toMatch(new RegExp(`^u/${OWNER}/images/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}-photo\\.jpg$`));
    expect(isValidObjectKey(key)).toBe(true);
    expect(isOwnedBy(key, OWNER)).toBe(true);
  });

  it('gives two uploads of the same name different keys', () => {
    expect(buildObjectKey(OWNER, 'images', 'a.jpg')).not.toBe(buildObjectKey(OWNER, 'images', 'a.jpg'));
  });

  it('sanitises the folder, keeping nested folders', () => {
    expect(buildObjectKey(OWNER, 'results/Batch 1', 'a.png')).toMatch(new RegExp(`^u/${OWNER}/results/Batch-1/[0-9a-f-]{36}-a\\.png$`));
    expect(buildObjectKey(OWNER, '../../etc', 'a.png')).toMatch(new RegExp(`^u/${OWNER}/etc/`));
    expect(codeOf(() => buildObjectKey(OWNER, '../..', 'a.png'))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => buildObjectKey('../x', 'images', 'a.png'))).toBe('VALIDATION_ERROR');
  });
});

describe('taskOutputKey', () => {
  const TASK = '0b7e4c1d-9a2f-4e3b-8c5d-6f7a8b9c0d1e';

  it('lays out u/<owner>/<folder>/<name>.<extension>, the keys the worker has always written', () => {
    expect(taskOutputKey(OWNER, 'results', TASK, 'jpg')).toBe(`u/${OWNER}/results/${TASK}.jpg`);
    expect(taskOutputKey(OWNER, 'results', `${TASK}-2`, 'png')).toBe(`u/${OWNER}/results/${TASK}-2.png`);
    expect(taskOutputKey(OWNER, 'thumbnails', TASK, 'jpg')).toBe(`u/${OWNER}/thumbnails/${TASK}.jpg`);
    expect(taskOutputKey(OWNER, 'luts', TASK, 'cube')).toBe(`u/${OWNER}/luts/${TASK}.cube`);
  });

  it('names every output folder once, and each key is a valid key of its owner', () => {
    expect(TASK_OUTPUT_FOLDERS).toEqual(['results', 'thumbnails', 'luts']);
    for (const folder of TASK_OUTPUT_FOLDERS) {
      const key = taskOutputKey(OWNER, folder, TASK, 'jpg');
      expect(isValidObjectKey(key)).toBe(true);
      expect(isOwnedBy(key, OWNER)).toBe(true);
    }
  });

  it('is deterministic: a re-run of the task overwrites its own file', () => {
    expect(taskOutputKey(OWNER, 'results', TASK, 'jpg')).toBe(taskOutputKey(OWNER, 'results', TASK, 'jpg'));
  });

  it('refuses an owner id that is not one key segment, as ownerPrefix does', () => {
    for (const bad of ['', '..', 'a/b']) expect(codeOf(() => taskOutputKey(bad, 'results', TASK, 'jpg'))).toBe('VALIDATION_ERROR');
  });
});

describe('sanitizeFilename', () => {
  it.each([
    ['photo.jpg', 'photo.jpg'],
    ['Été à Paris.JPG', 'Ete-a-Paris.JPG'],
    ['my photo (1).jpg', 'my-photo-1.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\shot.png', 'shot.png'],
    ['.htaccess', 'htaccess'],
    ['...', 'file'],
    ['', 'file'],
    ['日本語.png', 'png'],
    ['a\r\nb.txt', 'a-b.txt'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFilename(input)).toBe(expected);
  });

  it('caps long names at 120 characters and keeps the extension', () => {
    const name = sanitizeFilename(`${'a'.repeat(300)}.jpeg`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('a.jpeg')).toBe(true);
  });
});
