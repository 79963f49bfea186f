import { ReferenceCache } from './reference-cache';

describe('ReferenceCache', () => {
  const bytes = (text: string) => Buffer.from(text);

  it('prepares a file once per owner, whatever the Buffer instance', async () => {
    const cache = new ReferenceCache<string>(4);
    const prepare = jest.fn(async () => 'prepared');
    const first = cache.get('alice', bytes('photo'), prepare);
    const second = cache.get('alice', bytes('photo'), prepare);
    expect(second).toBe(first);
    await expect(second).resolves.toBe('prepared');
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('keeps owners and contents apart', async () => {
    const cache = new ReferenceCache<string>(4);
    const made: string[] = [];
    const prepare = (label: string) => async () => (made.push(label), label);
    await cache.get('alice', bytes('photo'), prepare('alice/photo'));
    await expect(cache.get('bob', bytes('photo'), prepare('bob/photo'))).resolves.toBe('bob/photo');
    await expect(cache.get('alice', bytes('other'), prepare('alice/other'))).resolves.toBe('alice/other');
    expect(made).toEqual(['alice/photo', 'bob/photo', 'alice/other']);
    expect(cache.size).toBe(3);
  });

  it('drops the least recently used entry when full', async () => {
    const cache = new ReferenceCache<string>(2);
    const prepare = jest.fn(async () => 'x');
    await cache.get('u', bytes('a'), prepare);
    await cache.get('u', bytes('b'), prepare);
    await cache.get('u', bytes('a'), prepare); // a is now the most recent
    await cache.get('u', bytes('c'), prepare); // evicts b
    expect(prepare).toHaveBeenCalledTimes(3);
    await cache.get('u', bytes('a'), prepare);
    expect(prepare).toHaveBeenCalledTimes(3);
    await cache.get('u', bytes('b'), prepare);
    expect(prepare).toHaveBeenCalledTimes(4);
    expect(cache.size).toBe(2);
  });

  it('does not keep a failed preparation', async () => {
    const cache = new ReferenceCache<string>(4);
    await expect(cache.get('u', bytes('broken'), async () => Promise.reject(new Error('corrupt')))).rejects.toThrow('corrupt');
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.size).toBe(0);
    await expect(cache.get('u', bytes('broken'), async () => 'fixed')).resolves.toBe('fixed');
  });
});
