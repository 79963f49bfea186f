import { DomainError } from '@gradekit/contracts';
import { MAX_JSON_ARRAY_LENGTH, MAX_JSON_DEPTH, MAX_JSON_VALUES, assertSafeJsonShape } from './json-shape';

function refusal(value: unknown): DomainError | null {
  try {
    assertSafeJsonShape(value);
    return null;
  } catch (error) {
    return error as DomainError;
  }
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('assertSafeJsonShape', () => {
  it('accepts ordinary bodies, scalars and nesting up to the limit', () => {
    expect(refusal({ a: [1, { b: 'c' }], d: null })).toBeNull();
    expect(refusal(undefined)).toBeNull();
    expect(refusal(nested(MAX_JSON_DEPTH))).toBeNull();
  });

  it('refuses one level more, naming the limit and where it was reached', () => {
    const error = refusal(nested(MAX_JSON_DEPTH + 1));
    expect(error?.code).toBe('VALIDATION_ERROR');
    expect(error?.details).toEqual([{ field: 'a' + '.a'.repeat(MAX_JSON_DEPTH - 1), message: `nesting is limited to ${MAX_JSON_DEPTH} levels`, limit: MAX_JSON_DEPTH }]);
  });

  it('checks a million levels without overflowing the stack', () => {
    expect(refusal(JSON.parse('['.repeat(1_000_000) + ']'.repeat(1_000_000)))?.details[0]?.['limit']).toBe(MAX_JSON_DEPTH);
  });

  it('refuses prototype keys as unknown fields, with their path', () => {
    expect(refusal(JSON.parse('{"__proto__":{"x":1}}'))?.details).toEqual([{ field: '__proto__', message: 'unknown field "__proto__"' }]);
    expect(refusal({ list: [{ constructor: 1 }] })?.details).toEqual([{ field: 'list[0].constructor', message: 'unknown field "list[0].constructor"' }]);
    expect(refusal({ a: { prototype: {} } })?.details[0]?.field).toBe('a.prototype');
  });

  it('refuses NUL characters in values and keys', () => {
    expect(refusal({ name: 'a\u0000b' })?.details).toEqual([{ field: 'name', message: 'must not contain NUL (U+0000) characters' }]);
    expect(refusal({ ['k\u0000']: 1 })?.code).toBe('VALIDATION_ERROR');
  });

  it('refuses an array longer than the limit, naming it, and accepts one at the limit', () => {
    expect(refusal({ parts: Array.from({ length: MAX_JSON_ARRAY_LENGTH }, () => ({ n: 1 })) })).toBeNull();
    const error = refusal({ a: { ids: new Array(MAX_JSON_ARRAY_LENGTH + 1).fill(1) } });
    expect(error?.details).toEqual([{ field: 'a.ids', message: `an array holds at most ${MAX_JSON_ARRAY_LENGTH} items`, limit: MAX_JSON_ARRAY_LENGTH }]);
  });

  it('refuses more values in all than the limit, even spread over short arrays', () => {
    const spread = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, new Array(MAX_JSON_VALUES / 10).fill(0)]));
    expect(refusal(spread)?.details[0]).toMatchObject({ limit: MAX_JSON_VALUES });
  });
});
